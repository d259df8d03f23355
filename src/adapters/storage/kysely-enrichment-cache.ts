import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { isoNow, systemClock } from '../../domain/clock.js';
import type { Clock } from '../../domain/clock.js';
import type { EnrichmentCache } from '../../enrichment/enrichment-cache.js';
import type { ProviderAnswer } from '../../enrichment/provider.js';
import type { Database } from './database.js';
import { guard } from './storage-error.js';

/** One cached provider answer (migration 003). */
export interface EnrichmentCacheTable {
  /** `cacheKey(provider, query, inputs)`: the provider's name, ':', the query values it reads. */
  key: string;
  /** The key's part before the first ':', so that one provider's answers can be cleared. */
  provider: string;
  /** The `ProviderAnswer` as JSON text. */
  answer: string;
  stored_at: string;
  expires_at: string;
}

/** The enrichment cache in the store, with the upkeep the port does not need. */
export interface StoredEnrichmentCache extends EnrichmentCache {
  /** Delete every answer expired at `nowMs`; returns how many were deleted. */
  purgeExpired(nowMs: number): Promise<number>;
  /** Delete every answer of the provider `name` (after its data or settings changed); returns how many. */
  clearProvider(name: string): Promise<number>;
  prefetch(keys: readonly string[], nowMs: number): Promise<void>;
  flush(): Promise<void>;
}

type CacheDb = Kysely<Database & { enrichment_cache: EnrichmentCacheTable }>;

// ISO text compares in time order only between 0000 and 9999 (later years gain a '+' prefix),
// so expiries are clamped into that range: a TTL that reaches past it means "keep".
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

const toIso = (ms: number, what: string): string => {
  if (Number.isNaN(ms)) {
    throw new AppError('INPUT_INVALID', {
      message: `The enrichment cache needs ${what} as milliseconds since the epoch, got NaN.`,
      details: { field: what },
    });
  }
  return new Date(Math.min(Math.max(ms, 0), MAX_MS)).toISOString();
};

const providerOf = (key: string): string => {
  const colon = key.indexOf(':');
  return colon === -1 ? key : key.slice(0, colon);
};

/** Keys per bulk read, and answers per bulk write. */
const CHUNK = 500;
/** The in-memory layer is dropped when it grows past this many answers. */
const MEMORY_LIMIT = 200_000;

/**
 * The `EnrichmentCache` over Kysely, on SQLite and PostgreSQL. An answer is served while its
 * `expires_at` is after the asked time; setting a key again replaces its answer and expiry.
 * `clock` stamps `stored_at`, which says how old an answer is but never decides expiry.
 *
 * For speed the cache keeps what it read and wrote in memory: `prefetch` reads a run's keys in
 * bulk (one query per 500 keys, remembering which are absent), and `set` buffers answers and
 * writes them in bulk upserts of 500 — on `flush`, which a run calls at its end. A crash loses
 * at most the buffered answers, which a later run asks the provider for again.
 */
export const kyselyEnrichmentCache = (
  db: Kysely<Database>,
  clock: Clock = systemClock,
): StoredEnrichmentCache => {
  const cache: CacheDb = db.withTables<{ enrichment_cache: EnrichmentCacheTable }>();
  const memory = new Map<string, { answer: ProviderAnswer; expiresAtMs: number }>();
  const absent = new Set<string>();
  const pending = new Map<string, EnrichmentCacheTable>();
  const remember = (key: string, answer: ProviderAnswer, expiresAtMs: number): void => {
    if (memory.size >= MEMORY_LIMIT) memory.clear();
    memory.set(key, { answer, expiresAtMs });
    absent.delete(key);
  };
  const flush = async (): Promise<void> => {
    while (pending.size > 0) {
      const rows = [...pending.values()].slice(0, CHUNK);
      for (const r of rows) pending.delete(r.key);
      await guard(`cache ${rows.length} enrichment answers`, () =>
        cache
          .insertInto('enrichment_cache')
          .values(rows)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet((eb) => ({
              provider: eb.ref('excluded.provider'),
              answer: eb.ref('excluded.answer'),
              stored_at: eb.ref('excluded.stored_at'),
              expires_at: eb.ref('excluded.expires_at'),
            })),
          )
          .execute(),
      );
    }
  };
  return {
    get: async (key, nowMs) => {
      const held = memory.get(key);
      if (held !== undefined) return held.expiresAtMs > nowMs ? held.answer : undefined;
      if (absent.has(key)) return undefined;
      const now = toIso(nowMs, 'nowMs');
      const row = await guard(`read the cached enrichment answer ${key}`, () =>
        cache
          .selectFrom('enrichment_cache')
          .select('answer')
          .where('key', '=', key)
          .where('expires_at', '>', now)
          .executeTakeFirst(),
      );
      // Written by `set` from a ProviderAnswer; the database is ours, so it is trusted here.
      return row === undefined ? undefined : (JSON.parse(row.answer) as ProviderAnswer);
    },
    set: async (key, answer, expiresAtMs) => {
      const expires = toIso(expiresAtMs, 'expiresAtMs');
      remember(key, answer, expiresAtMs);
      pending.set(key, {
        key,
        provider: providerOf(key),
        answer: JSON.stringify(answer),
        stored_at: isoNow(clock),
        expires_at: expires,
      });
      if (pending.size >= CHUNK) await flush();
    },
    prefetch: async (keys, nowMs) => {
      const now = toIso(nowMs, 'nowMs');
      const wanted: string[] = [];
      const seen = new Set<string>();
      for (const k of keys)
        if (!seen.has(k) && !memory.has(k) && !absent.has(k)) {
          seen.add(k);
          wanted.push(k);
        }
      for (let i = 0; i < wanted.length; i += CHUNK) {
        const chunk = wanted.slice(i, i + CHUNK);
        const rows = await guard(`read ${chunk.length} cached enrichment answers`, () =>
          cache
            .selectFrom('enrichment_cache')
            .select(['key', 'answer', 'expires_at'])
            .where('key', 'in', chunk)
            .where('expires_at', '>', now)
            .execute(),
        );
        const found = new Set<string>();
        for (const r of rows) {
          found.add(r.key);
          remember(r.key, JSON.parse(r.answer) as ProviderAnswer, Date.parse(r.expires_at));
        }
        for (const k of chunk) if (!found.has(k)) absent.add(k);
      }
    },
    flush,
    purgeExpired: async (nowMs) => {
      await flush();
      memory.clear();
      absent.clear();
      const now = toIso(nowMs, 'nowMs');
      const result = await guard('purge expired enrichment answers', () =>
        cache.deleteFrom('enrichment_cache').where('expires_at', '<=', now).executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },
    clearProvider: async (name) => {
      await flush();
      memory.clear();
      absent.clear();
      const result = await guard(`clear the cached answers of provider ${name}`, () =>
        cache.deleteFrom('enrichment_cache').where('provider', '=', name).executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },
  };
};
