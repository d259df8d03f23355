import type { ProviderAnswer } from './provider.js';

/**
 * Where provider answers are kept for reuse, keyed by the provider and its input (see
 * `cacheKey`). The store implements it for real runs; `memoryCache` serves tests and one-off
 * runs.
 */
export interface EnrichmentCache {
  get(key: string, nowMs: number): Promise<ProviderAnswer | undefined>;
  set(key: string, answer: ProviderAnswer, expiresAtMs: number): Promise<void>;
  /** Load these keys' answers in bulk before a run asks for them one by one (optional). */
  prefetch?(keys: readonly string[], nowMs: number): Promise<void>;
  /** Write what `set` may have buffered (optional; a run calls it at its end). */
  flush?(): Promise<void>;
}

/** A cache in memory, honouring each entry's expiry. */
export const memoryCache = (): EnrichmentCache & { readonly size: () => number } => {
  const entries = new Map<string, { answer: ProviderAnswer; expiresAtMs: number }>();
  return {
    get: (key, nowMs) => {
      const hit = entries.get(key);
      return Promise.resolve(hit !== undefined && hit.expiresAtMs > nowMs ? hit.answer : undefined);
    },
    set: (key, answer, expiresAtMs) => {
      entries.set(key, { answer, expiresAtMs });
      return Promise.resolve();
    },
    size: () => entries.size,
  };
};
