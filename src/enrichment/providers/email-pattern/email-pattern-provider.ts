import { AppError } from '../../../domain/app-error.js';
import { normalizeDomain } from '../../../intake/normalize/domain.js';
import { emailDomainKind } from '../../../intake/normalize/email-domain-kind.js';
import type { EnrichmentProvider, ProviderAnswer, ProviderLimits, ProviderQuery } from '../../provider.js';
import { applyPattern, type EmailPatternName } from './email-patterns.js';
import { foldNameForEmail } from './fold-name-for-email.js';
import { mostFrequentPattern, type EmailPatterns } from './learn-email-patterns.js';

/** Options for `createEmailPatternProvider`. */
export interface EmailPatternProviderOptions {
  /** Recorded in provenance; default `email-pattern`. */
  readonly name?: string;
  /** Known addresses a domain needs before its pattern is used; default 1. */
  readonly minExamples?: number;
  /** Guess first.last at `FALLBACK_CONFIDENCE` for a domain with too few examples; default false. */
  readonly fallback?: boolean;
}

/** The confidence of a first.last guess at a domain we know nothing about. */
export const FALLBACK_CONFIDENCE = 0.3;
/** A guess is never surer than this: only a verifier may confirm that the mailbox exists. */
export const MAX_GUESS_CONFIDENCE = 0.9;

/**
 * How sure a learned guess is: share × (1 − 1/(n + 1)), capped at 0.9, where n is the domain's
 * known addresses and share the part of them following the pattern. One matching example gives
 * 0.5, three of three 0.75, nine of nine 0.9; a pattern followed by half the addresses never
 * passes 0.5. Rounded to three decimals so that provenance shows stable numbers.
 */
export const emailGuessConfidence = (count: number, examples: number): number =>
  Math.round(Math.min(MAX_GUESS_CONFIDENCE, (count / examples) * (1 - 1 / (examples + 1))) * 1000) / 1000;

// Local and instant: no cost, no rate limit. A day's TTL so a guess follows newly learned
// addresses without recomputing on every run.
const LIMITS: ProviderLimits = Object.freeze({
  costCents: 0,
  concurrency: 64,
  timeoutMs: 1_000,
  retries: 0,
  ttlSeconds: 86_400,
});

interface Plan {
  readonly pattern: EmailPatternName;
  readonly confidence: number;
  readonly detail: string;
}

const planFor = (patterns: EmailPatterns, domain: string, minExamples: number): Plan | undefined => {
  const known = patterns.get(domain);
  if (known === undefined || known.examples < minExamples) return undefined;
  const best = mostFrequentPattern(known);
  if (best === undefined) return undefined;
  return {
    pattern: best.pattern,
    confidence: emailGuessConfidence(best.count, known.examples),
    detail: `pattern ${best.pattern}: ${best.count} of ${known.examples} known addresses at ${domain}`,
  };
};

/** What a guess is made from: the person's names and the company's email domain. */
interface GuessTarget {
  readonly firstName: string;
  readonly lastName: string;
  readonly domain: string;
}

const hasName = (name: string | undefined): name is string =>
  name !== undefined && foldNameForEmail(name) !== '';

/**
 * The names and registrable company domain of a query that has no email yet, or undefined when
 * something is missing, a name has no Latin spelling, or the domain is free-mail or disposable
 * (a guessed address there would be a stranger's mailbox).
 */
const guessTarget = (query: ProviderQuery): GuessTarget | undefined => {
  const { email, firstName, lastName } = query;
  if ((email !== undefined && email.trim() !== '') || !hasName(firstName) || !hasName(lastName))
    return undefined;
  if (query.domain === undefined) return undefined;
  const normalized = normalizeDomain(query.domain);
  if (!normalized.ok) return undefined;
  const kind = emailDomainKind(normalized.domain);
  if (kind === 'free' || kind === 'disposable') return undefined;
  return { firstName, lastName, domain: normalized.domain };
};

const fallbackPlan = (domain: string, minExamples: number): Plan => ({
  pattern: 'first.last',
  confidence: FALLBACK_CONFIDENCE,
  detail: `fallback first.last: fewer than ${minExamples} known addresses at ${domain}`,
});

/**
 * A provider that guesses `person.email` for a query with a first name, last name and company
 * domain but no email: the domain's most frequent learned pattern (see `mostFrequentPattern`) at
 * `emailGuessConfidence`, or, with `fallback`, first.last at 0.3 when the domain has fewer than
 * `minExamples` known addresses. Never for free-mail or disposable domains. Every guess is
 * `verified: false`; a verifier provider may confirm it later.
 */
export const createEmailPatternProvider = (
  patterns: EmailPatterns,
  options: EmailPatternProviderOptions = {},
): EnrichmentProvider => {
  const minExamples = options.minExamples ?? 1;
  if (!Number.isInteger(minExamples) || minExamples < 1) {
    throw new AppError('CONFIG_INVALID', {
      message: `email-pattern provider: minExamples must be a whole number of at least 1, not ${minExamples}`,
    });
  }
  const fallback = options.fallback ?? false;
  // Snapshot the plans so that later changes to `patterns` cannot change answers mid-run.
  const plans = new Map<string, Plan>();
  for (const domain of patterns.keys()) {
    const plan = planFor(patterns, domain, minExamples);
    if (plan !== undefined) plans.set(domain, plan);
  }
  return Object.freeze({
    name: options.name ?? 'email-pattern',
    supplies: Object.freeze(['person.email'] as const),
    limits: LIMITS,
    inputs: Object.freeze(['email', 'domain', 'firstName', 'lastName'] as const),
    canAnswer: (query: ProviderQuery): boolean => guessTarget(query) !== undefined,
    lookup: async (query: ProviderQuery, signal: AbortSignal): Promise<ProviderAnswer> => {
      signal.throwIfAborted();
      const target = guessTarget(query);
      if (target === undefined) return { fields: [] };
      const { firstName, lastName, domain } = target;
      const plan = plans.get(domain) ?? (fallback ? fallbackPlan(domain, minExamples) : undefined);
      if (plan === undefined) return { fields: [] };
      const email = applyPattern(plan.pattern, firstName, lastName, domain);
      if (email === undefined) return { fields: [] };
      const { confidence, detail } = plan;
      return { fields: [{ field: 'person.email', value: email, confidence, verified: false, detail }] };
    },
  });
};
