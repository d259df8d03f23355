import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The learning loop's records (issue 10): `alerts` — drift found by a check, each with its plain
 * sentence and the figures behind it; `alert_deliveries` — each alert's `alert.raised` webhook per
 * endpoint, retried until delivered or dead (an alert is stored before it is sent, so a receiver
 * that is down loses nothing); `model_changes` — every promotion, refusal, person's promotion and
 * rollback with the figures it was decided on.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text')
    .addColumn('baseline_from', 'text', (c) => c.notNull())
    .addColumn('baseline_to', 'text', (c) => c.notNull())
    .addColumn('recent_from', 'text', (c) => c.notNull())
    .addColumn('recent_to', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alerts_raised').on('alerts').columns(['raised_at', 'id']).execute();
  await db.schema
    .createIndex('alerts_subject')
    .on('alerts')
    .columns(['kind', 'subject', 'raised_at'])
    .execute();
  await db.schema
    .createTable('alert_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('alert_id', 'text', (c) => c.notNull().references('alerts.id'))
    .addColumn('webhook', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema
    .createIndex('alert_deliveries_due')
    .on('alert_deliveries')
    .columns(['status', 'next_at'])
    .execute();
  await db.schema
    .createTable('model_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_version', 'text')
    .addColumn('to_version', 'text')
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_changes_at').on('model_changes').columns(['at', 'id']).execute();
};

/** Drop the learning loop's tables. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('alert_deliveries').execute();
  await db.schema.dropTable('alerts').execute();
  await db.schema.dropTable('model_changes').execute();
};
