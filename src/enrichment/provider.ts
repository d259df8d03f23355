import type { NumericRange } from '../domain/lead.js';

/**
 * The lead fields enrichment can fill. Company fields first: they are what a single vendor
 * most often lacks and what scoring needs most.
 */
export const ENRICHABLE_FIELDS = [
  'company.name',
  'company.domain',
  'company.industry',
  'company.employees',
  'company.revenue',
  'company.country',
  'company.city',
  'company.description',
  'company.linkedin',
  'company.technologies',
  'person.title',
  'person.email',
  'person.phone',
  'person.linkedin',
] as const;
export type EnrichableField = (typeof ENRICHABLE_FIELDS)[number];

/** A value a provider supplies: text, a number range (employees, revenue in USD) or a list (technologies). */
export type ProvidedValue = string | NumericRange | readonly string[];

/** What a provider is asked with: whatever the lead already has (and earlier providers found). */
export interface ProviderQuery {
  readonly email?: string;
  readonly domain?: string;
  readonly companyName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly title?: string;
  readonly country?: string;
}

/** Every key of a query, in the order cache keys list them. */
export const PROVIDER_QUERY_KEYS = [
  'email',
  'domain',
  'companyName',
  'firstName',
  'lastName',
  'title',
  'country',
] as const satisfies readonly (keyof ProviderQuery)[];

/** One field in a provider's answer, with how sure the provider is. */
export interface ProvidedField {
  readonly field: EnrichableField;
  readonly value: ProvidedValue;
  /** 0..1: the provider's own confidence or match score. */
  readonly confidence: number;
  /** False for a guess nobody confirmed (an email pattern); absent when the provider does not say. */
  readonly verified?: boolean;
  /**
   * Set by a verifier (an email verification API): what its check of this value found. `valid`
   * comes with `verified: true`; `invalid` (the value is wrong: an undeliverable address) and
   * `unknown` (the check could not tell: an accept-all domain) with `verified: false`.
   */
  readonly verification?: 'valid' | 'invalid' | 'unknown';
  /** Where inside the provider the value came from, for the provenance (a row, a URL, a JSON path). */
  readonly detail?: string;
}

/** A provider's answer to one query: the fields it found (possibly none). */
export interface ProviderAnswer {
  readonly fields: readonly ProvidedField[];
  /** What the call cost, when it differs from the provider's `costCents` per call. */
  readonly costCents?: number;
  /** Why an answer is empty when the reason matters to a person (robots.txt disallowed the page). */
  readonly note?: string;
}

/** How a provider may be called: cost, limits, and how long its answers stay fresh. */
export interface ProviderLimits {
  /** Cents per call (0 for local providers). */
  readonly costCents: number;
  /** Calls at once. */
  readonly concurrency: number;
  /** Calls per second, across the run; undefined for no limit. */
  readonly ratePerSecond?: number;
  readonly timeoutMs: number;
  /** Attempts after the first on a retryable failure (timeout, 429, 5xx). */
  readonly retries: number;
  /** How long a cached answer may be reused. */
  readonly ttlSeconds: number;
}

/**
 * An enrichment provider: a local table, a website reader, a vendor's HTTP API. It says which
 * fields it can supply and which inputs it needs, and answers one query at a time; the waterfall
 * handles limits, retries, caching, budgets and provenance around it.
 */
export interface EnrichmentProvider {
  /** Unique within a configuration; recorded in every fact it supplies. */
  readonly name: string;
  readonly supplies: readonly EnrichableField[];
  readonly limits: ProviderLimits;
  /**
   * The query keys `canAnswer` and `lookup` read (default: all). Two queries that agree on these
   * get the same answer, so the cache key covers only them, and the waterfall may ask this
   * provider before earlier ones answer when none of them can add one of these keys.
   */
  readonly inputs?: readonly (keyof ProviderQuery)[];
  /** Whether the query holds what this provider needs to look up (e.g. a domain). */
  canAnswer(query: ProviderQuery): boolean;
  /** Looks the query up. Throws `ProviderFailure` for a failure the waterfall may retry or report. */
  lookup(query: ProviderQuery, signal: AbortSignal): Promise<ProviderAnswer>;
}

/**
 * A failed provider call: `retryable` for timeouts, 429 and 5xx (with the server's Retry-After
 * when it sent one), not for a 4xx or an answer that cannot be read.
 */
export class ProviderFailure extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryable: boolean; retryAfterMs?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderFailure';
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }
}
