import type { Fact, Provenance } from '../domain/provenance.js';
import type { CompanyFacts, CustomValue, LeadDraft, NumericRange, PersonFacts } from '../domain/lead.js';
import { buildCompanyFacts } from '../intake/build-company-facts.js';
import { buildPersonFacts } from '../intake/build-person-facts.js';
import type { ProvenanceFor } from '../intake/build-lead-draft.js';
import type { InputField } from '../intake/input-fields.js';
import type { FieldWarning, IntakeContext } from '../intake/intake-record.js';
import type { EnrichedField } from './enrich-lead.js';
import { isUnverifiedGuess } from './enrichment-subject.js';
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

type EnrichmentProvenance = Extract<Provenance, { source: 'enrichment' }>;

const provenanceOf = (f: EnrichedField): Provenance => {
  const p: { -readonly [K in keyof EnrichmentProvenance]: EnrichmentProvenance[K] } = {
    source: 'enrichment',
    at: f.at,
    provider: f.provider,
    confidence: f.confidence,
    costCents: f.costCents,
  };
  if (f.verified !== undefined) p.verified = f.verified;
  if (f.verifiedBy !== undefined) p.verifiedBy = f.verifiedBy;
  return p;
};

type Facts = Record<string, Fact<unknown> | undefined>;

/** Where an enrichable field's fact lives on a draft: its part and key. */
const placeOf = (field: EnrichableField): ['person' | 'company' | 'custom', string] => {
  if (INPUT_FIELD[field] === undefined) return ['custom', field];
  const dot = field.indexOf('.');
  return [field.slice(0, dot) as 'person' | 'company', field.slice(dot + 1)];
};

/** The draft's fields that hold only an unconfirmed guess which the waterfall has a value for. */
const guessesReplaced = (draft: LeadDraft, fields: readonly EnrichedField[]): Set<string> => {
  const replaced = new Set<string>();
  for (const f of fields) {
    const [part, key] = placeOf(f.field);
    const mine = (draft[part] as Facts)[key];
    if (mine !== undefined && isUnverifiedGuess(mine)) replaced.add(f.field);
  }
  return replaced;
};

/** The draft with each refuted guess it still holds marked as refuted by its verifier. */
const markRefuted = (draft: LeadDraft, refuted: readonly EnrichedField[]): LeadDraft => {
  let out = draft;
  for (const r of refuted) {
    const [part, key] = placeOf(r.field);
    const mine = (out[part] as Facts)[key];
    if (
      mine === undefined ||
      !isUnverifiedGuess(mine) ||
      asText(mine.value as ProvidedValue) !== asText(r.value)
    )
      continue;
    const provenance = { ...mine.provenance, verified: false, verifiedBy: r.verifiedBy ?? r.provider };
    out = { ...out, [part]: { ...(out[part] as Facts), [key]: { ...mine, provenance } } };
  }
  return out;
};

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

/**
 * Fills only what the draft lacks, or holds as an unconfirmed guess being replaced (with what was
 * derived from it): enrichment never overwrites what the lead itself said.
 */
const fillGaps = <T extends object>(
  own: T,
  found: T,
  nameOf: (key: string) => string,
  replaced: ReadonlySet<string>,
): T => {
  let out: Record<string, unknown> | undefined;
  for (const key in found) {
    const fact = (found as Facts)[key];
    const mine = (own as Facts)[key];
    if (fact === undefined) continue;
    if (mine !== undefined && !replaced.has(nameOf(key))) {
      const p = mine.provenance;
      if (p.source !== 'normalization' || !replaced.has(p.from)) continue;
    }
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
 * Values intake cannot normalize are left out and returned as warnings. A verified value
 * replaces the draft's own unconfirmed guess; a guess the draft holds that a verifier refuted
 * (`refuted`) is kept but marked so (`verified: false`, `verifiedBy`).
 */
export const applyEnrichment = (
  draft: LeadDraft,
  fields: readonly EnrichedField[],
  context: IntakeContext,
  refuted: readonly EnrichedField[] = [],
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
  const replaced = guessesReplaced(draft, fields);
  const filled: LeadDraft = {
    ...draft,
    person: fillGaps(draft.person, person, (k) => `person.${k}`, replaced),
    company: fillGaps(draft.company, company, (k) => `company.${k}`, replaced),
    custom: fillGaps(draft.custom, custom, (k) => k, replaced),
  };
  return { draft: refuted.length === 0 ? filled : markRefuted(filled, refuted), warnings };
};
