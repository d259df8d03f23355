import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The model registry: every saved model whole (its JSON document) beside the figures that compare
 * models. `active` is an integer 0/1 on both dialects (SQLite has no boolean), and a partial
 * unique index lets at most one row be active, so that two concurrent activations cannot both win.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('models')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('trained_rows', 'integer', (c) => c.notNull())
    .addColumn('positives', 'integer', (c) => c.notNull())
    .addColumn('auc', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('criteria_version', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activated_at', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addCheckConstraint('models_active_is_flag', sql`active in (0, 1)`)
    .execute();
  await db.schema.createIndex('models_created').on('models').columns(['created_at', 'version']).execute();
  await db.schema
    .createIndex('models_one_active')
    .unique()
    .on('models')
    .column('active')
    .where(sql.ref('active'), '=', 1)
    .execute();
};

/** Drop the registry. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('models').execute();
};
