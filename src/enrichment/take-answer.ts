import type { EnrichedField, EnrichmentConflict } from './enrich-lead.js';
import type { EnrichableField, ProvidedValue, ProviderAnswer, ProviderQuery } from './provider.js';

/** The query key a found value can be looked up by (a domain found by name, …). */
export const QUERY_KEY: Partial<Record<EnrichableField, keyof ProviderQuery>> = {
  'company.domain': 'domain',
  'company.name': 'companyName',
  'company.country': 'country',
  'person.email': 'email',
  'person.title': 'title',
};

/** Mutable state of one lead's waterfall. */
export interface WaterfallState {
  readonly query: Record<string, string | undefined>;
  /** Fields still wanted: missing, or filled with an unverified value a later provider may confirm. */
  readonly open: Set<EnrichableField>;
  readonly filled: Map<EnrichableField, EnrichedField>;
  readonly conflicts: EnrichmentConflict[];
  /** What the lead's answered calls cost. */
  spentCents: number;
}

const same = (a: ProvidedValue, b: ProvidedValue): boolean =>
  a === b || (typeof a !== 'string' && typeof b !== 'string' && JSON.stringify(a) === JSON.stringify(b));

/** Where an answer came from, stamped on every field taken from it. */
export interface AnswerSource {
  readonly provider: string;
  readonly at: string;
  readonly costCents: number;
}

/**
 * Takes what an answer offers into the state and returns the fields it filled: first provider
 * wins; a verified value replaces an unverified one; a disagreement is recorded as a conflict.
 */
export const takeAnswer = (
  s: WaterfallState,
  answer: ProviderAnswer,
  source: AnswerSource,
  minConfidence: number,
): EnrichableField[] => {
  const filled: EnrichableField[] = [];
  for (const f of answer.fields) {
    if (!(f.confidence >= minConfidence)) continue;
    const before = s.filled.get(f.field);
    if (before !== undefined && !same(before.value, f.value))
      s.conflicts.push({
        field: f.field,
        kept: { provider: before.provider, value: before.value },
        other: { provider: source.provider, value: f.value, confidence: f.confidence },
      });
    if (!s.open.has(f.field)) continue;
    if (before !== undefined && f.verified === false) continue;
    // Built field by field: spreading `f` into a literal is V8's slow path, once per value.
    const taken: { -readonly [K in keyof EnrichedField]: EnrichedField[K] } = {
      field: f.field,
      value: f.value,
      confidence: f.confidence,
      provider: source.provider,
      at: source.at,
      costCents: source.costCents,
    };
    if (f.verified !== undefined) taken.verified = f.verified;
    if (f.detail !== undefined) taken.detail = f.detail;
    s.filled.set(f.field, taken);
    filled.push(f.field);
    if (f.verified !== false) s.open.delete(f.field);
    const key = QUERY_KEY[f.field];
    if (key !== undefined && typeof f.value === 'string' && s.query[key] === undefined)
      s.query[key] = f.value;
  }
  return filled;
};
