import { createHash } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import type { LlmUsage } from './llm-client.js';

/** What the cache keeps of an answer: the model's text, its parsed JSON and the tokens it took. */
export interface CachedAnswer {
  readonly raw: string;
  readonly json: unknown;
  readonly usage: LlmUsage;
}

/**
 * Where validated answers are kept for reuse, keyed by `llmCacheKey`. A store-backed
 * implementation serves real runs; `memoryLlmCache` serves tests and one-off runs.
 */
export interface LlmCache {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void>;
}

/** A cache in memory that forgets entries older than their TTL (by `clock`). */
export const memoryLlmCache = (clock: Clock): LlmCache & { readonly size: () => number } => {
  const entries = new Map<string, { value: CachedAnswer; expiresAtMs: number }>();
  return {
    get: (key) => {
      const hit = entries.get(key);
      if (hit !== undefined && hit.expiresAtMs <= clock.now()) entries.delete(key);
      return Promise.resolve(hit !== undefined && hit.expiresAtMs > clock.now() ? hit.value : undefined);
    },
    set: (key, value, ttlSeconds) => {
      entries.set(key, { value, expiresAtMs: clock.now() + ttlSeconds * 1000 });
      return Promise.resolve();
    },
    size: () => entries.size,
  };
};

/** JSON with object keys sorted at every depth, so that equal requests hash equally. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

/** `llm:<model spec>:<SHA-256 hex of the canonical request>`. */
export const llmCacheKey = (model: string, request: unknown): string =>
  `llm:${model}:${createHash('sha256').update(canonicalJson(request)).digest('hex')}`;
