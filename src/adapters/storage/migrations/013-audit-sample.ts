import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The false-negative audit (SPEC capability 11): `audit_sample` — the not-qualified leads drawn
 * for a person to follow up (one row per lead: the decision it was drawn from, the share in force,
 * and the follow-up's result, note, who and when); `audit_settings` — one row: the share drawn,
 * the seed of the draw's hash (so every worker draws the same leads), and the last decision the
 * draw has read.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('audit_sample')
    .addColumn('lead_id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('note', 'text')
    .addColumn('followed_up_by', 'text')
    .addColumn('followed_up_at', 'text')
    .execute();
  await db.schema
    .createIndex('audit_sample_decided')
    .on('audit_sample')
    .columns(['decided_at', 'lead_id'])
    .execute();
  await db.schema
    .createTable('audit_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('share', 'double precision', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('cursor', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
};

/** Drop the audit's tables. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('audit_sample').execute();
  await db.schema.dropTable('audit_settings').execute();
};
