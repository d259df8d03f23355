import type { Fact, Provenance } from '../domain/provenance.js';
import type { CompanyFacts, CustomValue, LeadDraft, NumericRange, PersonFacts } from '../domain/lead.js';
import { buildCompanyFacts } from '../intake/build-company-facts.js';
import { buildPersonFacts } from '../intake/build-person-facts.js';
import type { ProvenanceFor } from '../intake/build-lead-draft.js';
import type { InputField } from '../intake/input-fields.js';
import type { FieldWarning, IntakeContext } from '../intake/intake-record.js';
import type { EnrichedField } from './enrich-lead.js';
import type { EnrichableField, ProvidedValue } from './provider.js';

/** The intake field each enrichable field is normalized as (the rest become custom facts). */
const INPUT_FIELD: Partial<Record<EnrichableField, InputField>> = {
  'company.name': 'company',
  'company.domain': 'domain',
  'company.industry': 'industry',
  'company.employees': 'employees',
  'company.revenue': 'revenue',
  'company.country': 'company_country',
  'company.technologies': 'technologies',
  'person.title': 'title',
  'person.email': 'email',
  'person.phone': 'phone',
  'person.linkedin': 'linkedin',
};

const MARK = 'enrichment:';

/** A provided value as the text intake would have read. */
const asText = (v: ProvidedValue): string => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.join(', ');
  const r = v as NumericRange;
  return r.max === undefined ? `${r.min}+` : r.min === r.max ? String(r.min) : `${r.min}-${r.max}`;
};

const provenanceOf = (f: EnrichedField): Provenance => ({
  source: 'enrichment',
  at: f.at,
  provider: f.provider,
  confidence: f.confidence,
  costCents: f.costCents,
});

/** Replaces the marker provenance of facts built from enriched text with the provider's. */
const restamp = <T extends object>(facts: T, byInput: ReadonlyMap<string, Provenance>): T => {
  const out: Record<string, unknown> = {};
  for (const [key, fact] of Object.entries(facts) as [string, Fact<unknown>][]) {
    const origin = fact.provenance.source === 'input' ? fact.provenance.origin : undefined;
    const p = origin?.startsWith(MARK) ? byInput.get(origin.slice(MARK.length)) : undefined;
    out[key] = p === undefined ? fact : { ...fact, provenance: p };
  }
  return out as T;
};

/** Fills only what the draft lacks: enrichment never overwrites what the lead itself said. */
const fillGaps = <T extends object>(own: T, found: T): T => {
  let out: Record<string, unknown> | undefined;
  for (const key in found) {
    const fact = (found as Record<string, unknown>)[key];
    if (fact === undefined || (own as Record<string, unknown>)[key] !== undefined) continue;
    // Copied only when something is added: most leads gain a few fields, many none at all.
    out ??= Object.assign({}, own) as Record<string, unknown>;
    out[key] = fact;
  }
  return (out ?? own) as T;
};

/**
 * A lead draft with the waterfall's fields added where it had none: each value normalized by
 * the same code as intake (industry to the taxonomy, employees to a range and a size band, the
 * title to seniority and function, …) and carrying enrichment provenance (provider, time,
 * confidence, cost); fields intake has no place for become custom facts (`company.city`, …).
 * Values intake cannot normalize are left out and returned as warnings.
 */
export const applyEnrichment = (
  draft: LeadDraft,
  fields: readonly EnrichedField[],
  context: IntakeContext,
): { readonly draft: LeadDraft; readonly warnings: readonly FieldWarning[] } => {
  const text: Partial<Record<InputField, string>> = {};
  const byInput = new Map<string, Provenance>();
  const custom: Record<string, Fact<CustomValue>> = {};
  for (const f of fields) {
    const input = INPUT_FIELD[f.field];
    if (input === undefined) custom[f.field] = { value: asText(f.value), provenance: provenanceOf(f) };
    else {
      text[input] = asText(f.value);
      byInput.set(input, provenanceOf(f));
    }
  }
  const provenanceFor: ProvenanceFor = (field) => ({
    source: 'input',
    at: context.receivedAt,
    origin: `${MARK}${field}`,
  });
  const warnings: FieldWarning[] = [];
  const built = buildPersonFacts(text, provenanceFor, context, warnings);
  const person: PersonFacts = built.ok ? restamp(built.facts, byInput) : {};
  if (!built.ok)
    warnings.push({ field: 'email', kind: 'invalid', value: text.email ?? '', problem: built.problem });
  const company: CompanyFacts = restamp(
    buildCompanyFacts(text, provenanceFor, { ...draft.person, ...person }, warnings),
    byInput,
  );
  return {
    draft: {
      ...draft,
      person: fillGaps(draft.person, person),
      company: fillGaps(draft.company, company),
      custom: fillGaps(draft.custom, custom),
    },
    warnings,
  };
};
