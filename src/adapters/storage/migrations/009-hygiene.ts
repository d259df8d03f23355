import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Pipeline hygiene (issue 10). `scheduled_occurrences`: one row per occurrence of a scheduled
 * task that some process enqueued, keyed by task and due time — the key is what keeps two
 * schedulers from enqueueing the same occurrence twice; the job it points at is what runs it
 * (once, through the queue's lease). `stale_flags`: each lead flagged now as silent too long —
 * kind, suggested action, silent days, since when, and the reason as JSON — removed when the lead
 * is heard from again or closed, and with the lead.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('scheduled_occurrences')
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('scheduled_occurrences_pk', ['task', 'due'])
    .execute();
  await db.schema
    .createTable('stale_flags')
    .addColumn('lead_id', 'text', (c) => c.primaryKey().references('leads.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('silent_days', 'integer', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('stale_flags_action')
    .on('stale_flags')
    .columns(['action', 'lead_id'])
    .execute();
};

/** Drop the flags and the occurrences (their jobs stay in the queue's history). */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('stale_flags').execute();
  await db.schema.dropTable('scheduled_occurrences').execute();
};
