import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { ProviderCaller } from './call-provider.js';
import type { EnrichmentCache } from './enrichment-cache.js';
import {
  ENRICHABLE_FIELDS,
  ProviderFailure,
  type EnrichableField,
  type ProvidedField,
  type ProvidedValue,
  type ProviderAnswer,
  type ProviderQuery,
} from './provider.js';

/** What the waterfall is told: the fields wanted, how sure a value must be, the budgets. */
export interface WaterfallOptions {
  /** Fields to fill when missing (default: every enrichable field). */
  readonly fields?: readonly EnrichableField[];
  /** A value below this confidence is not used (default 0.6). */
  readonly minConfidence?: number;
  /** Cents one lead may spend (default: no limit). */
  readonly budgetCentsPerLead?: number;
}

/** A lead as the waterfall sees it: what it can be looked up by, and which fields it already has. */
export interface EnrichmentSubject {
  readonly query: ProviderQuery;
  readonly present: ReadonlySet<EnrichableField>;
}

/** A field the waterfall filled, with its provenance. */
export interface EnrichedField extends ProvidedField {
  readonly provider: string;
  readonly at: string;
  /** The cost of the call that supplied it (0 when the answer came from the cache). */
  readonly costCents: number;
}

/** Two providers disagreeing on a field: the first kept, the other recorded, never silently lost. */
export interface EnrichmentConflict {
  readonly field: EnrichableField;
  readonly kept: { readonly provider: string; readonly value: ProvidedValue };
  readonly other: { readonly provider: string; readonly value: ProvidedValue; readonly confidence: number };
}

/** What happened with one provider for one lead. */
export interface ProviderCall {
  readonly provider: string;
  readonly outcome: 'answered' | 'cached' | 'failed' | 'over-budget' | 'cannot-answer';
  readonly asked: readonly EnrichableField[];
  readonly filled: readonly EnrichableField[];
  readonly attempts: number;
  readonly costCents: number;
  readonly error?: string;
  /** The provider's note on its answer (why it is empty). */
  readonly note?: string;
}

/** One lead's enrichment: the fields filled, conflicts, every provider call, and the cost. */
export interface LeadEnrichment {
  readonly fields: readonly EnrichedField[];
  readonly conflicts: readonly EnrichmentConflict[];
  readonly calls: readonly ProviderCall[];
  readonly costCents: number;
}

/** A run's shared budget, in cents; calls reserve from it and failed calls give it back. */
export interface RunBudget {
  remainingCents: number;
}

const QUERY_KEY: Partial<Record<EnrichableField, keyof ProviderQuery>> = {
  'company.domain': 'domain',
  'company.name': 'companyName',
  'company.country': 'country',
  'person.email': 'email',
  'person.title': 'title',
};

/** The cache key of a provider's input: its name and the query's defined entries, hashed. */
export const cacheKey = (provider: string, query: ProviderQuery): string => {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${provider}:${createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 32)}`;
};

const noteOf = (answer: ProviderAnswer): { note?: string } =>
  answer.note === undefined ? {} : { note: answer.note };

const same = (a: ProvidedValue, b: ProvidedValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Mutable state of one lead's waterfall. */
interface State {
  readonly query: Record<string, string | undefined>;
  /** Fields still wanted: missing, or filled with an unverified value a later provider may confirm. */
  readonly open: Set<EnrichableField>;
  readonly filled: Map<EnrichableField, EnrichedField>;
  readonly conflicts: EnrichmentConflict[];
  spentCents: number;
}

/** Takes what an answer offers: first provider wins; a verified value replaces an unverified one. */
const take = (
  s: State,
  answer: ProviderAnswer,
  provider: string,
  at: string,
  cost: number,
  min: number,
): EnrichableField[] => {
  const filled: EnrichableField[] = [];
  for (const f of answer.fields) {
    if (!(f.confidence >= min)) continue;
    const before = s.filled.get(f.field);
    if (before !== undefined && !same(before.value, f.value))
      s.conflicts.push({
        field: f.field,
        kept: { provider: before.provider, value: before.value },
        other: { provider, value: f.value, confidence: f.confidence },
      });
    if (!s.open.has(f.field)) continue;
    if (before !== undefined && f.verified === false) continue;
    s.filled.set(f.field, { ...f, provider, at, costCents: cost });
    filled.push(f.field);
    if (f.verified !== false) s.open.delete(f.field);
    const key = QUERY_KEY[f.field];
    if (key !== undefined && typeof f.value === 'string' && s.query[key] === undefined)
      s.query[key] = f.value;
  }
  return filled;
};

/**
 * The waterfall for one lead: providers in the configured order, each asked only when it can
 * supply a field the lead still lacks (or has only unverified) and can look the lead up; a cached
 * answer within its TTL is reused; otherwise the call must fit the lead's and the run's budgets.
 * A value counts when its confidence reaches the minimum; the first provider to supply a field
 * keeps it (a verified value replaces an unverified guess), and any later disagreement is
 * recorded as a conflict. Stops as soon as nothing is wanted. A failing provider is recorded and
 * skipped: it never loses what earlier providers found.
 */
export const enrichLead = async (
  deps: {
    readonly callers: readonly ProviderCaller[];
    readonly cache: EnrichmentCache;
    readonly clock: Clock;
  },
  subject: EnrichmentSubject,
  options: WaterfallOptions,
  run: RunBudget,
): Promise<LeadEnrichment> => {
  const wanted = options.fields ?? ENRICHABLE_FIELDS;
  const min = options.minConfidence ?? 0.6;
  const leadBudget = options.budgetCentsPerLead ?? Infinity;
  const s: State = {
    query: { ...subject.query },
    open: new Set(wanted.filter((f) => !subject.present.has(f))),
    filled: new Map(),
    conflicts: [],
    spentCents: 0,
  };
  const calls: ProviderCall[] = [];
  for (const caller of deps.callers) {
    if (s.open.size === 0) break;
    const p = caller.provider;
    const asked = p.supplies.filter((f) => s.open.has(f));
    if (asked.length === 0) continue;
    // A copy: what later providers find must not change what this one was asked.
    const query = { ...s.query } as ProviderQuery;
    const record = (outcome: ProviderCall['outcome'], rest: Partial<ProviderCall> = {}): void => {
      calls.push({ provider: p.name, outcome, asked, filled: [], attempts: 0, costCents: 0, ...rest });
    };
    if (!p.canAnswer(query)) {
      record('cannot-answer');
      continue;
    }
    const now = deps.clock.now();
    const at = new Date(now).toISOString();
    const key = cacheKey(p.name, query);
    const cached = await deps.cache.get(key, now);
    if (cached !== undefined) {
      record('cached', { filled: take(s, cached, p.name, at, 0, min), ...noteOf(cached) });
      continue;
    }
    const cost = p.limits.costCents;
    if (cost > leadBudget - s.spentCents || cost > run.remainingCents) {
      record('over-budget');
      continue;
    }
    run.remainingCents -= cost;
    try {
      const { answer, attempts } = await caller.call(query);
      const spent = answer.costCents ?? cost;
      run.remainingCents += cost - spent;
      s.spentCents += spent;
      await deps.cache.set(key, answer, now + p.limits.ttlSeconds * 1000);
      record('answered', {
        filled: take(s, answer, p.name, at, spent, min),
        attempts,
        costCents: spent,
        ...noteOf(answer),
      });
    } catch (error) {
      run.remainingCents += cost;
      const message =
        error instanceof ProviderFailure || error instanceof Error ? error.message : String(error);
      record('failed', { error: message, attempts: 1 + p.limits.retries });
    }
  }
  return { fields: [...s.filled.values()], conflicts: s.conflicts, calls, costCents: s.spentCents };
};
