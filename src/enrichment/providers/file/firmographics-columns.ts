import { AppError } from '../../../domain/app-error.js';
import { columnKey } from '../../../intake/map/header-synonyms.js';
import { mapHeader } from '../../../intake/map/map-header.js';
import type { InputField } from '../../../intake/input-fields.js';
import type { EnrichableField } from '../../provider.js';

/** The table columns a firmographics file can have, by what they hold. */
export type FirmographicsColumn =
  | 'company.name'
  | 'company.domain'
  | 'company.industry'
  | 'company.employees'
  | 'company.revenue'
  | 'company.city'
  | 'company.country';

/** Column names the caller chose, by field; `key` names the domain or website column to key rows by. */
export type ColumnChoices = Partial<Record<EnrichableField | 'key', string>>;

/** Where each field sits in the header (column index), for the fields the table has. */
export type ColumnPositions = Partial<Record<FirmographicsColumn, number>>;

// In order of preference: a "Domain" column beats a "Website" one; a company's own country beats
// a person's.
const FROM_HEADER: ReadonlyArray<readonly [FirmographicsColumn, readonly InputField[]]> = [
  // A table of companies may call its name column just "Name", which intake reads as a person's.
  ['company.name', ['company', 'full_name']],
  ['company.domain', ['domain', 'website']],
  ['company.industry', ['industry']],
  ['company.employees', ['employees']],
  ['company.revenue', ['revenue']],
  ['company.city', ['city']],
  ['company.country', ['company_country', 'country']],
];

// Names the intake synonyms leave out but firmographics tables use ("num. of employees",
// "Revenue (USD millions)"): any header whose key contains the word.
const LOOSE: ReadonlyArray<readonly [FirmographicsColumn, string]> = [
  ['company.employees', 'employee'],
  ['company.revenue', 'revenue'],
];

const positionOf = (path: string, header: readonly string[], field: string, name: string): number => {
  let at = header.findIndex((h) => h.trim() === name.trim());
  if (at === -1) at = header.findIndex((h) => columnKey(h) === columnKey(name));
  if (at === -1) {
    throw new AppError('INPUT_INVALID', {
      message: `${path}: column "${name}" (chosen for ${field}) is not in the header (${header.join(', ')})`,
      details: { file: path },
    });
  }
  return at;
};

/**
 * Finds a firmographics table's columns: the caller's choices first (by exact or
 * `columnKey`-equal name; an absent one is an `INPUT_INVALID` error), then leadsift's header
 * synonyms, then loose names for employees and revenue. Throws `INPUT_INVALID` when the table
 * has neither a company name nor a domain/website column, since nothing could be looked up.
 */
export const findColumns = (
  path: string,
  header: readonly string[],
  choices: ColumnChoices = {},
): ColumnPositions => {
  const mapping = mapHeader(header);
  const byField = new Map<InputField, number>();
  mapping.fields.forEach((field, i) => byField.set(field, mapping.fieldColumns[i] as number));
  const positions: ColumnPositions = {};
  for (const [field, sources] of FROM_HEADER) {
    const chosen = field === 'company.domain' ? (choices.key ?? choices[field]) : choices[field];
    if (chosen !== undefined) {
      positions[field] = positionOf(path, header, field, chosen);
      continue;
    }
    const found = sources.map((source) => byField.get(source)).find((at) => at !== undefined);
    if (found !== undefined) positions[field] = found;
  }
  const taken = new Set(Object.values(positions));
  for (const [field, word] of LOOSE) {
    if (positions[field] !== undefined) continue;
    const at = header.findIndex((h, i) => !taken.has(i) && columnKey(h).includes(word));
    if (at !== -1) positions[field] = at;
  }
  if (positions['company.name'] === undefined && positions['company.domain'] === undefined) {
    throw new AppError('INPUT_INVALID', {
      message: `${path}: no company name nor domain/website column in the header (${header.join(', ')}); name them with the "columns" option`,
      details: { file: path },
    });
  }
  return positions;
};
