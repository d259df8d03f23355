import type { EnrichedField, EnrichmentConflict } from './enrich-lead.js';
import type {
  EnrichableField,
  ProvidedField,
  ProvidedValue,
  ProviderAnswer,
  ProviderQuery,
} from './provider.js';

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
  /** The lead's own unconfirmed guesses (from an earlier run), until confirmed, replaced or refuted. */
  readonly guesses: Map<EnrichableField, ProvidedValue>;
  /** Guesses a verifier found invalid. */
  readonly refuted: EnrichedField[];
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

type Taken = { -readonly [K in keyof EnrichedField]: EnrichedField[K] };

// Built field by field: spreading `f` into a literal is V8's slow path, once per value.
const enriched = (f: ProvidedField, source: AnswerSource): Taken => {
  const taken: Taken = {
    field: f.field,
    value: f.value,
    confidence: f.confidence,
    provider: source.provider,
    at: source.at,
    costCents: source.costCents,
  };
  if (f.verified !== undefined) taken.verified = f.verified;
  if (f.detail !== undefined) taken.detail = f.detail;
  if (f.verification !== undefined && f.verification !== 'unknown') taken.verifiedBy = source.provider;
  return taken;
};

/**
 * A verifier found the value it was asked about invalid: when that is the guess the lead holds
 * (this run's or its own), the guess is set aside as refuted (and no longer looked up by) and
 * the field stays wanted. An invalid verdict never fills a field, whatever its confidence.
 */
const refute = (s: WaterfallState, f: ProvidedField, source: AnswerSource): void => {
  const before = s.filled.get(f.field);
  const held = before?.value ?? s.guesses.get(f.field);
  if (held === undefined || !same(held, f.value) || !s.open.has(f.field)) return;
  s.refuted.push(enriched(f, source));
  s.filled.delete(f.field);
  s.guesses.delete(f.field);
  const key = QUERY_KEY[f.field];
  if (key !== undefined && s.query[key] === held) s.query[key] = undefined;
};

/**
 * Takes what an answer offers into the state and returns the fields it filled: first provider
 * wins; a verified value replaces an unverified one (this run's or the lead's own guess); a
 * verifier's "invalid" refutes the guess it checked; a disagreement is recorded as a conflict.
 */
export const takeAnswer = (
  s: WaterfallState,
  answer: ProviderAnswer,
  source: AnswerSource,
  minConfidence: number,
): EnrichableField[] => {
  const filled: EnrichableField[] = [];
  for (const f of answer.fields) {
    if (f.verification === 'invalid') {
      refute(s, f, source);
      continue;
    }
    if (!(f.confidence >= minConfidence)) continue;
    const before = s.filled.get(f.field);
    if (before !== undefined && !same(before.value, f.value))
      s.conflicts.push({
        field: f.field,
        kept: { provider: before.provider, value: before.value },
        other: { provider: source.provider, value: f.value, confidence: f.confidence },
      });
    if (!s.open.has(f.field)) continue;
    if (f.verified === false && (before !== undefined || s.guesses.has(f.field))) continue;
    const taken = enriched(f, source);
    // A verifier confirming this run's guess: the guess keeps its provider, the check is recorded.
    if (taken.verifiedBy !== undefined && before !== undefined && same(before.value, f.value)) {
      taken.provider = before.provider;
      taken.costCents = before.costCents;
      if (before.detail === undefined) delete taken.detail;
      else taken.detail = before.detail;
    }
    s.filled.set(f.field, taken);
    s.guesses.delete(f.field);
    filled.push(f.field);
    if (f.verified !== false) s.open.delete(f.field);
    const key = QUERY_KEY[f.field];
    if (key !== undefined && typeof f.value === 'string' && s.query[key] === undefined)
      s.query[key] = f.value;
  }
  return filled;
};
