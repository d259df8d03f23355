import type { Activity } from '../../domain/activity.js';
import type { Decision } from '../../domain/decision.js';
import type { Outcome } from '../../domain/outcome.js';
import type { ActivitiesTable, DecisionsTable, OutcomesTable } from './database.js';
import { chunks, inTransaction, toIsoUtc } from './store-context.js';
import { saveLatest } from './lead-latest.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

// Rows per INSERT: well under SQLite's 32766 and PostgreSQL's 65535 bound parameters.
const ROWS_PER_INSERT = 500;

/** Insert rows in one transaction, ROWS_PER_INSERT at a time; returns their ids in order. */
const insertInChunks = async <T extends 'activities' | 'outcomes'>(
  ctx: StoreContext,
  table: T,
  rows: readonly (T extends 'activities' ? ActivitiesTable : OutcomesTable)[],
): Promise<string[]> => {
  await inTransaction(ctx, `add ${rows.length} ${table}`, async (trx) => {
    for (const part of chunks(rows, ROWS_PER_INSERT)) {
      // Each caller passes rows of its own table; kysely cannot relate a generic table to them.
      await trx
        .insertInto(table)
        .values(part as never)
        .execute();
    }
  });
  return rows.map((r) => r.id);
};

/** Store activities (times normalized to UTC) in one transaction; returns their ids in order. */
export const addActivities = async (
  ctx: StoreContext,
  activities: readonly Omit<Activity, 'id'>[],
): Promise<string[]> => {
  const rows: ActivitiesTable[] = activities.map((a, i) => ({
    id: ctx.newId(),
    lead_id: a.leadId,
    type: a.type,
    occurred_at: toIsoUtc(a.occurredAt, `activities[${i}].occurredAt`),
    properties: JSON.stringify(a.properties),
    source: a.source,
  }));
  return insertInChunks(ctx, 'activities', rows);
};

const toActivity = (r: ActivitiesTable): Activity => ({
  id: r.id,
  leadId: r.lead_id,
  type: r.type as Activity['type'],
  occurredAt: r.occurred_at,
  properties: JSON.parse(r.properties) as Activity['properties'],
  source: r.source,
});

/** A lead's activities, oldest first (ties in insertion order). */
export const listActivities = (ctx: StoreContext, leadId: string): Promise<Activity[]> =>
  guard(`list the activities of lead ${leadId}`, async () => {
    const rows = await ctx.db
      .selectFrom('activities')
      .selectAll()
      .where('lead_id', '=', leadId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map(toActivity);
  });

/**
 * Rows of a per-lead table for several leads, read 500 leads a query (`read` orders them by lead,
 * then time), grouped by lead in that order; leads without any are absent.
 */
const groupedByLead = async <R extends { readonly lead_id: string }, T>(
  leadIds: readonly string[],
  read: (part: readonly string[]) => Promise<R[]>,
  to: (row: R) => T,
): Promise<Map<string, T[]>> => {
  const byLead = new Map<string, T[]>();
  for (const part of chunks(leadIds, 500)) {
    for (const row of await read(part)) {
      const list = byLead.get(row.lead_id);
      if (list === undefined) byLead.set(row.lead_id, [to(row)]);
      else list.push(to(row));
    }
  }
  return byLead;
};

/** Several leads' activities in one query, each lead's oldest first; leads without any are absent. */
export const listActivitiesOf = (
  ctx: StoreContext,
  leadIds: readonly string[],
): Promise<Map<string, Activity[]>> =>
  guard(`list the activities of ${leadIds.length} leads`, () =>
    groupedByLead(
      leadIds,
      (part) =>
        ctx.db
          .selectFrom('activities')
          .selectAll()
          .where('lead_id', 'in', part)
          .orderBy('lead_id')
          .orderBy('occurred_at')
          .orderBy('id')
          .execute(),
      toActivity,
    ),
  );

/** Store outcomes (times normalized to UTC) in one transaction; returns their ids in order. */
export const addOutcomes = async (
  ctx: StoreContext,
  outcomes: readonly Omit<Outcome, 'id'>[],
): Promise<string[]> => {
  return insertInChunks(ctx, 'outcomes', outcomeRows(ctx, outcomes));
};

/** Outcomes as rows: new ids, times normalized to UTC (INPUT_INVALID naming the item otherwise). */
export const outcomeRows = (ctx: StoreContext, outcomes: readonly Omit<Outcome, 'id'>[]): OutcomesTable[] =>
  outcomes.map((o, i) => ({
    id: ctx.newId(),
    lead_id: o.leadId,
    type: o.type,
    occurred_at: toIsoUtc(o.occurredAt, `outcomes[${i}].occurredAt`),
    reason: o.reason ?? null,
    amount: o.amount ?? null,
    source: o.source,
  }));

const toOutcome = (r: OutcomesTable): Outcome => ({
  id: r.id,
  leadId: r.lead_id,
  type: r.type as Outcome['type'],
  occurredAt: r.occurred_at,
  ...(r.reason === null ? {} : { reason: r.reason }),
  // PostgreSQL's double precision arrives as a number, SQLite's REAL too; Number() is a guard.
  ...(r.amount === null ? {} : { amount: Number(r.amount) }),
  source: r.source,
});

/** A lead's outcomes, oldest first. */
export const listOutcomes = (ctx: StoreContext, leadId: string): Promise<Outcome[]> =>
  guard(`list the outcomes of lead ${leadId}`, async () => {
    const rows = await ctx.db
      .selectFrom('outcomes')
      .selectAll()
      .where('lead_id', '=', leadId)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    return rows.map(toOutcome);
  });

/** Several leads' outcomes in one query per 500 leads, each lead's oldest first; leads without any are absent. */
export const listOutcomesOf = (
  ctx: StoreContext,
  leadIds: readonly string[],
): Promise<Map<string, Outcome[]>> =>
  guard(`list the outcomes of ${leadIds.length} leads`, () =>
    groupedByLead(
      leadIds,
      (part) =>
        ctx.db
          .selectFrom('outcomes')
          .selectAll()
          .where('lead_id', 'in', part)
          .orderBy('lead_id')
          .orderBy('occurred_at')
          .orderBy('id')
          .execute(),
      toOutcome,
    ),
  );

/** A decision as its row: a new id, the key columns, and the whole decision as JSON. */
export const decisionRow = (ctx: StoreContext, decision: Omit<Decision, 'id'>): DecisionsTable => {
  const decidedAt = toIsoUtc(decision.decidedAt, 'decision.decidedAt');
  return {
    id: ctx.newId(),
    lead_id: decision.leadId,
    verdict: decision.verdict,
    score: decision.score,
    grade: decision.grade,
    decision: JSON.stringify({ ...decision, decidedAt }),
    decided_at: decidedAt,
  };
};

/** Store a decision; returns its id. The whole decision is kept as JSON beside its key columns. */
export const saveDecision = async (ctx: StoreContext, decision: Omit<Decision, 'id'>): Promise<string> => {
  const row = decisionRow(ctx, decision);
  await inTransaction(ctx, `save a decision for lead ${decision.leadId}`, async (trx) => {
    await trx.insertInto('decisions').values(row).execute();
    await saveLatest(trx, row.id, { ...decision, decidedAt: row.decided_at });
  });
  return row.id;
};

/** A lead's decisions, oldest first. */
export const listDecisions = (ctx: StoreContext, leadId: string): Promise<Decision[]> =>
  guard(`list the decisions of lead ${leadId}`, async () => {
    const rows = await ctx.db
      .selectFrom('decisions')
      .select(['id', 'decision'])
      .where('lead_id', '=', leadId)
      .orderBy('decided_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...(JSON.parse(r.decision) as Omit<Decision, 'id'>), id: r.id }));
  });
