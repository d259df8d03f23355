import type { LeadDraft } from '../domain/lead.js';
import type { FieldWarning } from './intake-record.js';
import { buildLeadDraft } from './build-lead-draft.js';
import { applyHeaderMapping, sourceColumns } from './map/apply-header-mapping.js';
import { mapHeader } from './map/map-header.js';
import type { HeaderMapping } from './map/map-header.js';
import { flattenObject, isPlainObject } from './read/flatten-object.js';

/** A lead the API accepted: its position in the request and its draft. */
export interface JsonLeadAccepted {
  readonly index: number;
  readonly draft: LeadDraft;
  readonly warnings: readonly FieldWarning[];
}

/** A lead the API refused: its position, the field at fault (a JSON path) and why. */
export interface JsonLeadRejected {
  readonly index: number;
  readonly field?: string;
  readonly problem: string;
}

// The key sets seen recently and their mappings: API clients send the same shape again and again.
const MAPPINGS_KEPT = 64;
const mappings = new Map<string, { mapping: HeaderMapping; columns: ReturnType<typeof sourceColumns> }>();

/** The mapping of a key set, with its field → column table (both shared by every item of that shape). */
const mappingFor = (
  keys: readonly string[],
): { mapping: HeaderMapping; columns: ReturnType<typeof sourceColumns> } => {
  const id = keys.join('\u0000');
  let known = mappings.get(id);
  if (known === undefined) {
    const mapping = mapHeader(keys);
    known = { mapping, columns: sourceColumns(mapping) };
    if (mappings.size >= MAPPINGS_KEPT) mappings.delete(mappings.keys().next().value ?? '');
    mappings.set(id, known);
  }
  return known;
};

/**
 * Turn JSON leads (objects with any CRM's or form's field names, nested or flat: `email`,
 * `Email Address`, `company.name`, …) into lead drafts through the same header mapping and
 * normalization as files, so that an API lead and a CSV lead become the same facts. The
 * provenance names `origin` (e.g. `api`) and the item's position (1-based) as its line.
 */
export const intakeJsonLeads = (
  items: readonly unknown[],
  context: { readonly origin: string; readonly receivedAt: string; readonly defaultCountry?: string },
): { readonly accepted: JsonLeadAccepted[]; readonly rejected: JsonLeadRejected[] } => {
  const accepted: JsonLeadAccepted[] = [];
  const rejected: JsonLeadRejected[] = [];
  items.forEach((item, index) => {
    if (!isPlainObject(item)) {
      rejected.push({
        index,
        problem: `expected a JSON object with the lead's fields, got ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`,
      });
      return;
    }
    const keys: string[] = [];
    const values: string[] = [];
    flattenObject(item, (key, text) => {
      keys.push(key);
      values.push(text);
    });
    const { mapping, columns } = mappingFor(keys);
    const record = applyHeaderMapping(mapping, index + 1, values, columns);
    const result = buildLeadDraft(context, record);
    if (result.ok) {
      accepted.push({ index, draft: result.draft, warnings: result.warnings });
      return;
    }
    const field = result.rejection.field;
    const column =
      field === undefined ? undefined : (record.columns as Record<string, string | undefined>)[field];
    rejected.push({
      index,
      ...(field === undefined ? {} : { field: column ?? field }),
      problem: result.rejection.problem,
    });
  });
  return { accepted, rejected };
};
