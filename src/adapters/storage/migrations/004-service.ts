import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * What the running service keeps:
 * - `jobs`: the pipeline's queue. A job is `ready` (to run at `run_at`), `running` (leased by a
 *   worker until `locked_until`; a lapsed lease makes it claimable again, which is how a killed
 *   worker's jobs come back), `done`, or `dead` (out of attempts or failed for good: the
 *   dead-letter list, replayable). A job's effects and its completion commit in one transaction.
 * - `touches`: one per decision the pipeline made — the route, and the times that measure speed
 *   to first touch (arrival → decided → routed → first action delivered).
 * - `reviews`: the human review queue (assisted mode).
 * - `api_keys`: hashed keys with scopes; `idempotency_keys`: answers replayed for a repeated key.
 * - `criteria_versions`: every criteria file the service was given, one active.
 * - `routing_state`: round-robin pointers and weights, per pool, as JSON.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addCheckConstraint('jobs_status', sql`status in ('ready', 'running', 'done', 'dead')`)
    .execute();
  // Claims read ready jobs by run_at and lapsed leases by locked_until; both are partial so that
  // the millions of finished jobs stay out of the claim path.
  await db.schema
    .createIndex('jobs_ready')
    .on('jobs')
    .columns(['run_at', 'id'])
    .where(sql.ref('status'), '=', 'ready')
    .execute();
  await db.schema
    .createIndex('jobs_running')
    .on('jobs')
    .column('locked_until')
    .where(sql.ref('status'), '=', 'running')
    .execute();
  await db.schema.createIndex('jobs_lead').on('jobs').columns(['lead_id', 'created_at']).execute();
  await db.schema.createIndex('jobs_status_kind').on('jobs').columns(['status', 'kind']).execute();

  await db.schema
    .createTable('touches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('routed_at', 'text', (c) => c.notNull())
    .addColumn('first_action_at', 'text')
    .execute();
  await db.schema.createIndex('touches_lead').on('touches').columns(['lead_id', 'routed_at']).execute();
  await db.schema.createIndex('touches_decision').on('touches').column('decision_id').unique().execute();
  await db.schema.createIndex('touches_owner').on('touches').columns(['owner_id', 'routed_at']).execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('touch_id', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('proposed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('final_verdict', 'text')
    .addColumn('reason', 'text')
    .addCheckConstraint('reviews_status', sql`status in ('pending', 'accepted', 'overridden')`)
    .execute();
  await db.schema.createIndex('reviews_status').on('reviews').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('reviews_lead').on('reviews').column('lead_id').execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('idempotency_keys_created')
    .on('idempotency_keys')
    .column('created_at')
    .execute();

  await db.schema
    .createTable('criteria_versions')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activated_at', 'text')
    .addCheckConstraint('criteria_versions_active_is_flag', sql`active in (0, 1)`)
    .execute();
  await db.schema
    .createIndex('criteria_versions_one_active')
    .unique()
    .on('criteria_versions')
    .column('active')
    .where(sql.ref('active'), '=', 1)
    .execute();

  await db.schema
    .createTable('routing_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
};

export const down = async (db: Kysely<any>): Promise<void> => {
  for (const table of [
    'routing_state',
    'criteria_versions',
    'idempotency_keys',
    'api_keys',
    'reviews',
    'touches',
    'jobs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
};
