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
  /** `cacheKey(provider, query)`: the provider's name, ':', a hash of its query. */
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

/**
 * The `EnrichmentCache` over Kysely, on SQLite and PostgreSQL. An answer is served while its
 * `expires_at` is after the asked time; setting a key again replaces its answer and expiry.
 * `clock` stamps `stored_at`, which says how old an answer is but never decides expiry.
 */
export const kyselyEnrichmentCache = (
  db: Kysely<Database>,
  clock: Clock = systemClock,
): StoredEnrichmentCache => {
  const cache: CacheDb = db.withTables<{ enrichment_cache: EnrichmentCacheTable }>();
  return {
    get: async (key, nowMs) => {
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
      const values = {
        provider: providerOf(key),
        answer: JSON.stringify(answer),
        stored_at: isoNow(clock),
        expires_at: toIso(expiresAtMs, 'expiresAtMs'),
      };
      await guard(`cache the enrichment answer ${key}`, () =>
        cache
          .insertInto('enrichment_cache')
          .values({ key, ...values })
          .onConflict((oc) => oc.column('key').doUpdateSet(values))
          .execute(),
      );
    },
    purgeExpired: async (nowMs) => {
      const now = toIso(nowMs, 'nowMs');
      const result = await guard('purge expired enrichment answers', () =>
        cache.deleteFrom('enrichment_cache').where('expires_at', '<=', now).executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },
    clearProvider: async (name) => {
      const result = await guard(`clear the cached answers of provider ${name}`, () =>
        cache.deleteFrom('enrichment_cache').where('provider', '=', name).executeTakeFirst(),
      );
      return Number(result.numDeletedRows);
    },
  };
};
