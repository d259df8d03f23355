import type { Kysely } from 'kysely';
import { isoNow, systemClock } from '../../domain/clock.js';
import type { Clock } from '../../domain/clock.js';
import type { CachedAnswer, LlmCache } from '../../llm/index.js';
import type { Database } from './database.js';
import type { EnrichmentCacheTable } from './kysely-enrichment-cache.js';
import { guard } from './storage-error.js';

/** Every LLM answer is filed under this name in the answers table (its keys start `llm:`). */
export const LLM_CACHE_PROVIDER = 'llm';

// The same clamp as the enrichment cache: ISO text compares in time order up to year 9999.
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');
const iso = (ms: number): string => new Date(Math.min(Math.max(ms, 0), MAX_MS)).toISOString();

/**
 * The `LlmCache` in the store, on SQLite and PostgreSQL: validated answers kept in the table of
 * outside answers that enrichment uses (migration 003), under the provider name `llm`, so that
 * a run, a retry or another worker never pays twice for the same prompt, and the same upkeep
 * (`leadsift enrich`'s expiry purge, clearing one provider) covers both. Written through at once:
 * an LLM call is slow and costly, a row is cheap.
 */
export const kyselyLlmCache = (db: Kysely<Database>, clock: Clock = systemClock): LlmCache => {
  const table = db.withTables<{ enrichment_cache: EnrichmentCacheTable }>();
  return {
    get: async (key) => {
      const row = await guard(`read the cached LLM answer ${key}`, () =>
        table
          .selectFrom('enrichment_cache')
          .select('answer')
          .where('key', '=', key)
          .where('expires_at', '>', iso(clock.now()))
          .executeTakeFirst(),
      );
      // Written by `set` from a CachedAnswer; the database is ours, so it is trusted here.
      return row === undefined ? undefined : (JSON.parse(row.answer) as CachedAnswer);
    },
    set: async (key, value, ttlSeconds) => {
      const row: EnrichmentCacheTable = {
        key,
        provider: LLM_CACHE_PROVIDER,
        answer: JSON.stringify(value),
        stored_at: isoNow(clock),
        expires_at: iso(clock.now() + ttlSeconds * 1000),
      };
      await guard('cache an LLM answer', () =>
        table
          .insertInto('enrichment_cache')
          .values(row)
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              answer: row.answer,
              stored_at: row.stored_at,
              expires_at: row.expires_at,
            }),
          )
          .execute(),
      );
    },
  };
};
