import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>`: they must keep working as the current schema type moves on
// (kysely's own advice), so they cannot be typed against `Database`.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The first schema: leads, companies, the events hanging off leads, and the import audit trail.
 * Written with the schema builder only, so one migration serves SQLite and PostgreSQL; JSON and
 * times are text on both.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('leads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('email_normalized', 'text', (c) => c.unique())
    .addColumn('company_domain', 'text')
    // Name at company domain, or phone: how records without an email are recognised as one person.
    .addColumn('person_key', 'text')
    .addColumn('source', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // An empty key would make every lead without one collide (or match); refuse it outright.
    .addCheckConstraint('leads_email_not_empty', sql`email_normalized <> ''`)
    .addCheckConstraint('leads_external_id_not_empty', sql`external_id <> ''`)
    .execute();
  await db.schema.createIndex('leads_company_domain').on('leads').column('company_domain').execute();
  await db.schema.createIndex('leads_person_key').on('leads').column('person_key').execute();

  await db.schema
    .createTable('companies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('properties', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activities_lead_time')
    .on('activities')
    .columns(['lead_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('outcomes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('amount', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outcomes_lead_time')
    .on('outcomes')
    .columns(['lead_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decisions_lead_time')
    .on('decisions')
    .columns(['lead_id', 'decided_at'])
    .execute();

  await db.schema
    .createTable('import_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('rows_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('rejections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull().references('import_runs.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('raw', 'text')
    .execute();
  await db.schema.createIndex('rejections_run_line').on('rejections').columns(['run_id', 'line']).execute();
};

/** Drop everything `up` created, children first. */
export const down = async (db: Kysely<any>): Promise<void> => {
  for (const table of [
    'rejections',
    'import_runs',
    'decisions',
    'outcomes',
    'activities',
    'companies',
    'leads',
  ]) {
    await db.schema.dropTable(table).execute();
  }
};
