import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The enrichment cache: one provider answer (JSON text) per `cacheKey`, with when it was stored
 * and when it expires (ISO 8601 UTC text, so that expiry compares as text on both dialects).
 * `provider` repeats the key's prefix so that one provider's answers can be cleared by index;
 * the `expires_at` index serves lookups that skip stale rows and the purge of expired ones.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('enrichment_cache')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('enrichment_cache_expires_at')
    .on('enrichment_cache')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('enrichment_cache_provider')
    .on('enrichment_cache')
    .column('provider')
    .execute();
};

/** Drop the cache; every answer in it can be asked for again. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('enrichment_cache').execute();
};
