import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Decision } from '../../../domain/decision.js';
import type { Route } from '../../../domain/route.js';
import { latestRow } from '../lead-latest.js';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * `lead_latest`: each lead's newest decision (verdict, score, grade, fit, intent, playbook, top
 * reason) and route (owner, destination) as columns. The leads page used to find the newest
 * decision by grouping all decisions on every request, and could not filter by playbook or owner
 * (inside JSON) at all. Each index serves one filter in the list's newest-first order.
 * Existing decisions and routes are copied in.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('lead_latest')
    .addColumn('lead_id', 'text', (c) => c.primaryKey())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('fit_score', 'double precision', (c) => c.notNull())
    .addColumn('intent_score', 'double precision', (c) => c.notNull())
    .addColumn('playbook', 'text')
    .addColumn('top_reason', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('owner_name', 'text')
    .addColumn('destination', 'text')
    .execute();
  for (const column of ['verdict', 'grade', 'playbook', 'owner_id', 'score']) {
    await db.schema
      .createIndex(`lead_latest_${column}`)
      .on('lead_latest')
      .columns([column, 'lead_id'])
      .execute();
  }
  await db.schema.createIndex('leads_source').on('leads').columns(['source', 'id']).execute();

  // Copy in the newest decision of every lead, a thousand at a time.
  let after = '';
  for (;;) {
    const rows: Array<{ id: string; lead_id: string; decision: string }> = await db
      .selectFrom('decisions as d')
      .select(['d.id', 'd.lead_id', 'd.decision'])
      .where('d.lead_id', '>', after)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('decisions as newer')
              .select(sql`1`.as('one'))
              .whereRef('newer.lead_id', '=', 'd.lead_id')
              .whereRef('newer.id', '>', 'd.id'),
          ),
        ),
      )
      .orderBy('d.lead_id')
      .limit(1000)
      .execute();
    if (rows.length === 0) break;
    const values = rows.map((r) => ({
      ...latestRow(r.id, { ...(JSON.parse(r.decision) as Omit<Decision, 'id'>), leadId: r.lead_id }),
      owner_id: null,
      owner_name: null,
      destination: null,
    }));
    for (let i = 0; i < values.length; i += 50) {
      await db
        .insertInto('lead_latest')
        .values(values.slice(i, i + 50))
        .execute();
    }
    after = rows.at(-1)?.lead_id ?? after;
  }
  // And the newest route of each lead.
  const touches: Array<{ lead_id: string; route: string }> = await db
    .selectFrom('touches as t')
    .select(['t.lead_id', 't.route'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('touches as newer')
            .select(sql`1`.as('one'))
            .whereRef('newer.lead_id', '=', 't.lead_id')
            .whereRef('newer.id', '>', 't.id'),
        ),
      ),
    )
    .execute();
  for (const touch of touches) {
    const route = JSON.parse(touch.route) as Route;
    const owner = route.owner ?? route.proposed?.owner;
    await db
      .updateTable('lead_latest')
      .set({ owner_id: owner?.id ?? null, owner_name: owner?.name ?? null, destination: route.destination })
      .where('lead_id', '=', touch.lead_id)
      .execute();
  }
};

export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropIndex('leads_source').execute();
  await db.schema.dropTable('lead_latest').execute();
};
