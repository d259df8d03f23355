import type { ProviderAnswer } from './provider.js';

/**
 * Where provider answers are kept for reuse, keyed by the provider and its input (see
 * `cacheKey`). The store implements it for real runs; `memoryCache` serves tests and one-off
 * runs.
 */
export interface EnrichmentCache {
  get(key: string, nowMs: number): Promise<ProviderAnswer | undefined>;
  set(key: string, answer: ProviderAnswer, expiresAtMs: number): Promise<void>;
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
