import type { Clock } from '../domain/clock.js';
import { cacheKey } from './cache-key.js';
import type { ProviderCaller } from './call-provider.js';
import type { EnrichmentCache } from './enrichment-cache.js';
import {
  ENRICHABLE_FIELDS,
  PROVIDER_QUERY_KEYS,
  type EnrichableField,
  type EnrichmentProvider,
  type ProvidedField,
  type ProvidedValue,
  type ProviderAnswer,
  type ProviderQuery,
} from './provider.js';
import { QUERY_KEY, takeAnswer, type WaterfallState } from './take-answer.js';

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
  /**
   * Fields the lead has only as an unconfirmed enrichment guess (an earlier run's email pattern),
   * with their values: still wanted, so that a verifier can confirm or refute them and a
   * verified value can replace them.
   */
  readonly unverified?: ReadonlyMap<EnrichableField, ProvidedValue>;
}

/** A field the waterfall filled, with its provenance. */
export interface EnrichedField extends ProvidedField {
  readonly provider: string;
  readonly at: string;
  /** The cost of the call that supplied it (0 when the answer came from the cache). */
  readonly costCents: number;
  /** The verifier whose check confirmed the value (or, among `refuted`, found it invalid). */
  readonly verifiedBy?: string;
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
  /** Guesses a verifier found invalid (this run's or the lead's own earlier ones): never applied as values. */
  readonly refuted: readonly EnrichedField[];
  readonly conflicts: readonly EnrichmentConflict[];
  readonly calls: readonly ProviderCall[];
  readonly costCents: number;
}

/** A run's shared budget, in cents; calls reserve from it and failed calls give it back. */
export interface RunBudget {
  remainingCents: number;
}

/** What the waterfall needs: the providers' callers in order, the cache and the clock. */
export interface WaterfallDeps {
  readonly callers: readonly ProviderCaller[];
  readonly cache: EnrichmentCache;
  readonly clock: Clock;
}

/** What asking one provider came to, before it is taken into the lead in waterfall order. */
type Outcome =
  | {
      readonly kind: 'cached' | 'answered';
      readonly answer: ProviderAnswer;
      readonly at: string;
      readonly attempts: number;
      readonly costCents: number;
    }
  | { readonly kind: 'failed'; readonly error: string; readonly attempts: number }
  | { readonly kind: 'over-budget' };

/** What the waterfall decided for one provider: pass it by, record that it cannot look the lead up, or ask. */
type Step = 'skip' | 'cannot-answer' | Promise<Outcome>;

/** One provider asked for one lead: the cache first, then the call within the budgets. */
const ask = async (
  deps: WaterfallDeps,
  caller: ProviderCaller,
  query: ProviderQuery,
  s: WaterfallState,
  leadBudget: number,
  run: RunBudget,
): Promise<Outcome> => {
  const p = caller.provider;
  const now = deps.clock.now();
  const at = new Date(now).toISOString();
  const key = cacheKey(p.name, query, p.inputs);
  const cached = await deps.cache.get(key, now);
  if (cached !== undefined) return { kind: 'cached', answer: cached, at, attempts: 0, costCents: 0 };
  const cost = p.limits.costCents;
  if (cost > leadBudget - s.spentCents || cost > run.remainingCents) return { kind: 'over-budget' };
  run.remainingCents -= cost;
  try {
    const { answer, attempts } = await caller.call(query);
    const spent = answer.costCents ?? cost;
    run.remainingCents += cost - spent;
    await deps.cache.set(key, answer, now + p.limits.ttlSeconds * 1000);
    return { kind: 'answered', answer, at, attempts, costCents: spent };
  } catch (error) {
    run.remainingCents += cost;
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'failed', error: message, attempts: 1 + p.limits.retries };
  }
};

const supplier = (unresolved: readonly EnrichmentProvider[], field: EnrichableField): boolean =>
  unresolved.some((u) => u.supplies.includes(field));

const findsInput = (unresolved: readonly EnrichmentProvider[], key: keyof ProviderQuery): boolean =>
  unresolved.some((u) => u.supplies.some((f) => QUERY_KEY[f] === key));

/**
 * What to do with provider `p`, or undefined while that depends on the providers before it that
 * have not answered yet (`unresolved`). Decided early only when the sequential waterfall would
 * decide the same: a field it supplies stays wanted whatever they answer, they cannot add to
 * its inputs, and no budget it must fit can be spent by them.
 */
const decide = (
  p: EnrichmentProvider,
  s: WaterfallState,
  unresolved: readonly EnrichmentProvider[],
  budgeted: boolean,
): 'skip' | 'cannot-answer' | 'ask' | undefined => {
  // Wanted fields only ever close, so a provider with none of them now is passed by for good.
  let wanted = false;
  let wantedWhatever = false;
  for (const f of p.supplies)
    if (s.open.has(f)) {
      wanted = true;
      if (!supplier(unresolved, f)) wantedWhatever = true;
    }
  if (!wanted) return 'skip';
  if (unresolved.length === 0) return p.canAnswer(s.query) ? 'ask' : 'cannot-answer';
  if (!wantedWhatever || (budgeted && p.limits.costCents > 0)) return undefined;
  for (const key of p.inputs ?? PROVIDER_QUERY_KEYS)
    if (s.query[key] === undefined && findsInput(unresolved, key)) return undefined;
  return p.canAnswer(s.query) ? 'ask' : 'cannot-answer';
};

const call = (
  provider: string,
  outcome: ProviderCall['outcome'],
  asked: readonly EnrichableField[],
  filled: readonly EnrichableField[] = [],
  attempts = 0,
  costCents = 0,
): ProviderCall => ({ provider, outcome, asked, filled, attempts, costCents });

/**
 * The waterfall for one lead: providers in the configured order, each asked only when it can
 * supply a field the lead still lacks (or has only unverified) and can look the lead up; a cached
 * answer within its TTL is reused; otherwise the call must fit the lead's and the run's budgets.
 * A value counts when its confidence reaches the minimum; the first provider to supply a field
 * keeps it (a verified value replaces an unverified guess), and any later disagreement is
 * recorded as a conflict. Stops as soon as nothing is wanted. A failing provider is recorded and
 * skipped: it never loses what earlier providers found.
 *
 * Providers are asked at once when that cannot change the outcome (see `decide`: here, vendors
 * that each supply a field the others lack and need only the domain), so a lead waits for its
 * slowest provider rather than for their sum; answers are still taken in the configured order,
 * so the result is the one the providers asked one after another would give.
 */
export const enrichLead = async (
  deps: WaterfallDeps,
  subject: EnrichmentSubject,
  options: WaterfallOptions,
  run: RunBudget,
): Promise<LeadEnrichment> => {
  const wanted = options.fields ?? ENRICHABLE_FIELDS;
  const min = options.minConfidence ?? 0.6;
  const leadBudget = options.budgetCentsPerLead ?? Infinity;
  const s: WaterfallState = {
    query: { ...subject.query },
    open: new Set(wanted.filter((f) => !subject.present.has(f) || subject.unverified?.has(f) === true)),
    filled: new Map(),
    guesses: new Map(subject.unverified ?? []),
    refuted: [],
    conflicts: [],
    spentCents: 0,
  };
  const budgeted = leadBudget !== Infinity || run.remainingCents !== Infinity;
  const { callers } = deps;
  const steps: (Step | undefined)[] = new Array<Step | undefined>(callers.length);
  const calls: ProviderCall[] = [];
  for (let next = 0; next < callers.length && s.open.size > 0; next++) {
    const unresolved: EnrichmentProvider[] = [];
    for (let j = next; j < callers.length; j++) {
      const caller = callers[j] as ProviderCaller;
      let step = steps[j];
      if (step === undefined) {
        const decision = decide(caller.provider, s, unresolved, budgeted);
        if (decision === 'ask') {
          // A copy: what earlier providers still find must not change what this one was asked.
          const asking = ask(deps, caller, { ...s.query } as ProviderQuery, s, leadBudget, run);
          // Awaited in order below; until then a rejection must not count as unhandled.
          asking.catch(() => undefined);
          step = asking;
        } else step = decision;
        steps[j] = step;
      }
      if (step === undefined || typeof step !== 'string') unresolved.push(caller.provider);
    }
    const p = (callers[next] as ProviderCaller).provider;
    const step = steps[next];
    if (step === 'skip' || step === undefined) continue;
    const asked = p.supplies.filter((f) => s.open.has(f));
    if (step === 'cannot-answer') {
      calls.push(call(p.name, 'cannot-answer', asked));
      continue;
    }
    const outcome = await step;
    if (outcome.kind === 'over-budget') calls.push(call(p.name, 'over-budget', asked));
    else if (outcome.kind === 'failed')
      calls.push({ ...call(p.name, 'failed', asked, [], outcome.attempts), error: outcome.error });
    else {
      s.spentCents += outcome.costCents;
      const source = { provider: p.name, at: outcome.at, costCents: outcome.costCents };
      const filled = takeAnswer(s, outcome.answer, source, min);
      const made = call(p.name, outcome.kind, asked, filled, outcome.attempts, outcome.costCents);
      calls.push(outcome.answer.note === undefined ? made : { ...made, note: outcome.answer.note });
    }
  }
  return {
    fields: [...s.filled.values()],
    refuted: s.refuted,
    conflicts: s.conflicts,
    calls,
    costCents: s.spentCents,
  };
};
