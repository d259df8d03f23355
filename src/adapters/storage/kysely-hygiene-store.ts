import type { Kysely } from 'kysely';
import type { Decision } from '../../domain/decision.js';
import type { OutcomeType } from '../../domain/outcome.js';
import type { StaleFlag } from '../../hygiene/flag-stale.js';
import type { DecidedLead, HygieneStore, StoredStaleFlag } from '../../hygiene/hygiene-store.js';
import type { Database, StaleFlagsTable } from './database.js';
import { jobRows, pipelineTransaction } from './kysely-job-queue.js';
import { decisionRow, listActivitiesOf } from './lead-events.js';
import { briefOfLatest, latestRow } from './lead-latest.js';
import { rowToLead } from './lead-rows.js';
import { chunks, inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

// Rows per multi-row statement: under SQLite's 32,766 bound parameters at 13 columns.
const ROWS_PER_INSERT = 500;

const toFlag = (row: StaleFlagsTable): StoredStaleFlag => ({
  leadId: row.lead_id,
  kind: row.kind as StaleFlag['kind'],
  action: row.action as StaleFlag['action'],
  silentDays: Number(row.silent_days),
  since: row.since,
  reason: JSON.parse(row.reason) as StaleFlag['reason'],
  flaggedAt: row.flagged_at,
});

/** Insert decisions and move `lead_latest` to them, many rows per statement. */
const saveDecisions = async (
  ctx: StoreContext,
  trx: Kysely<Database>,
  decisions: readonly Omit<Decision, 'id'>[],
): Promise<void> => {
  const rows = decisions.map((d) => decisionRow(ctx, d));
  for (const part of chunks(rows, ROWS_PER_INSERT)) await trx.insertInto('decisions').values(part).execute();
  const latest = rows.map((row, i) => ({
    ...latestRow(row.id, { ...decisions[i]!, decidedAt: row.decided_at }),
    owner_id: null,
    owner_name: null,
    destination: null,
  }));
  for (const part of chunks(latest, ROWS_PER_INSERT)) {
    await trx
      .insertInto('lead_latest')
      .values(part)
      .onConflict((oc) =>
        oc
          .column('lead_id')
          // The route stays: re-evaluation decides again without routing again.
          .doUpdateSet((eb) => ({
            decision_id: eb.ref('excluded.decision_id'),
            verdict: eb.ref('excluded.verdict'),
            score: eb.ref('excluded.score'),
            grade: eb.ref('excluded.grade'),
            fit_score: eb.ref('excluded.fit_score'),
            intent_score: eb.ref('excluded.intent_score'),
            playbook: eb.ref('excluded.playbook'),
            top_reason: eb.ref('excluded.top_reason'),
            decided_at: eb.ref('excluded.decided_at'),
          }))
          .where((eb) => eb('lead_latest.decision_id', '<', eb.ref('excluded.decision_id'))),
      )
      .execute();
  }
};

/**
 * Of these leads, those whose newest decision is still the given one, read in the transaction
 * (rows locked on PostgreSQL, so a concurrent qualify job or re-evaluation waits for this one).
 */
const stillLatest = async (
  ctx: StoreContext,
  trx: Kysely<Database>,
  leads: readonly { readonly leadId: string; readonly decisionId: string }[],
): Promise<Set<string>> => {
  const expected = new Map(leads.map((l) => [l.leadId, l.decisionId]));
  const current = new Set<string>();
  for (const part of chunks([...expected.keys()], ROWS_PER_INSERT)) {
    const query = trx
      .selectFrom('lead_latest')
      .select(['lead_id', 'decision_id'])
      .where('lead_id', 'in', part);
    const rows = await (ctx.dialect === 'postgres' ? query.forUpdate() : query).execute();
    for (const row of rows) if (expected.get(row.lead_id) === row.decision_id) current.add(row.lead_id);
  }
  return current;
};

/** Pipeline hygiene's reads and writes over Kysely; the same code on SQLite and PostgreSQL. */
export const createHygieneStore = (ctx: StoreContext): HygieneStore => ({
  decidedLeads: (cursor, limit) =>
    guard(`read ${limit} decided leads`, async () => {
      const rows = await ctx.db
        .selectFrom('lead_latest as l')
        .innerJoin('leads', 'leads.id', 'l.lead_id')
        .leftJoin('stale_flags as f', 'f.lead_id', 'l.lead_id')
        .selectAll('leads')
        .select([
          'l.decision_id',
          'l.verdict',
          'l.score',
          'l.grade',
          'l.fit_score',
          'l.intent_score',
          'l.decided_at',
          'l.destination',
          'f.kind as flag_kind',
          'f.action as flag_action',
        ])
        .$if(cursor !== undefined, (q) => q.where('l.lead_id', '>', cursor ?? ''))
        .orderBy('l.lead_id')
        .limit(limit)
        .execute();
      const leads = rows.map((row): DecidedLead => ({
        lead: rowToLead(row),
        latest: { decisionId: row.decision_id, ...briefOfLatest(row) },
        ...(row.destination === null ? {} : { destination: row.destination }),
        ...(row.flag_kind === null || row.flag_action === null
          ? {}
          : {
              flag: {
                kind: row.flag_kind as StaleFlag['kind'],
                action: row.flag_action as StaleFlag['action'],
              },
            }),
      }));
      const last = rows.at(-1);
      return rows.length === limit && last !== undefined ? { leads, next: last.id } : { leads };
    }),

  activitiesOf: (leadIds) => listActivitiesOf(ctx, leadIds),

  outcomesOf: (leadIds) =>
    guard(`read the outcomes of ${leadIds.length} leads`, async () => {
      const byLead = new Map<string, { type: OutcomeType; occurredAt: string }[]>();
      for (const part of chunks(leadIds, 500)) {
        const rows = await ctx.db
          .selectFrom('outcomes')
          .select(['lead_id', 'type', 'occurred_at'])
          .where('lead_id', 'in', part)
          .orderBy('lead_id')
          .orderBy('occurred_at')
          .execute();
        for (const row of rows) {
          const outcome = { type: row.type as OutcomeType, occurredAt: row.occurred_at };
          const list = byLead.get(row.lead_id);
          if (list === undefined) byLead.set(row.lead_id, [outcome]);
          else list.push(outcome);
        }
      }
      return byLead;
    }),

  qualifiedSince: (leadIds) =>
    guard(`read when ${leadIds.length} leads were qualified`, async () => {
      const since = new Map<string, string>();
      for (const part of chunks(leadIds, 500)) {
        const rows = await ctx.db
          .selectFrom('decisions')
          .select(['lead_id', 'verdict', 'decided_at'])
          .where('lead_id', 'in', part)
          .orderBy('lead_id')
          .orderBy('decided_at')
          .orderBy('id')
          .execute();
        // In time order, a qualified decision after a different verdict starts a new run.
        let previous: { lead: string; verdict: string } | undefined;
        for (const row of rows) {
          const continues = previous?.lead === row.lead_id && previous.verdict === 'qualified';
          if (row.verdict !== 'qualified') since.delete(row.lead_id);
          else if (!continues) since.set(row.lead_id, row.decided_at);
          previous = { lead: row.lead_id, verdict: row.verdict };
        }
      }
      return since;
    }),

  saveReevaluation: (writes, requalify) =>
    inTransaction(ctx, `save the re-evaluation of ${writes.decisions.length} leads`, async (trx) => {
      if (requalify !== undefined && requalify.leads.length > 0)
        await requalify.work(pipelineTransaction(ctx, trx), await stillLatest(ctx, trx, requalify.leads));
      await saveDecisions(ctx, trx, writes.decisions);
      const flags = writes.flags.map((f): StaleFlagsTable => ({
        lead_id: f.leadId,
        kind: f.kind,
        action: f.action,
        silent_days: f.silentDays,
        since: f.since,
        reason: JSON.stringify(f.reason),
        flagged_at: writes.at,
      }));
      for (const part of chunks(flags, ROWS_PER_INSERT)) {
        await trx
          .insertInto('stale_flags')
          .values(part)
          .onConflict((oc) =>
            oc.column('lead_id').doUpdateSet((eb) => ({
              kind: eb.ref('excluded.kind'),
              action: eb.ref('excluded.action'),
              silent_days: eb.ref('excluded.silent_days'),
              since: eb.ref('excluded.since'),
              reason: eb.ref('excluded.reason'),
              flagged_at: eb.ref('excluded.flagged_at'),
            })),
          )
          .execute();
      }
      for (const part of chunks(writes.cleared, ROWS_PER_INSERT))
        await trx.deleteFrom('stale_flags').where('lead_id', 'in', part).execute();
      const jobs = jobRows(ctx, writes.jobs);
      for (const part of chunks(jobs, 200)) await trx.insertInto('jobs').values(part).execute();
    }),

  countLeads: () =>
    guard('count leads', async () => {
      const [stored, decided] = await Promise.all([
        ctx.db
          .selectFrom('leads')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
        ctx.db
          .selectFrom('lead_latest')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { stored: Number(stored.n), decided: Number(decided.n) };
    }),

  listFlags: ({ action, limit, cursor }) =>
    guard('list stale leads', async () => {
      const rows = await ctx.db
        .selectFrom('stale_flags')
        .selectAll()
        .$if(action !== undefined, (q) => q.where('action', '=', action ?? ''))
        .$if(cursor !== undefined, (q) => q.where('lead_id', '>', cursor ?? ''))
        .orderBy('lead_id')
        .limit(limit + 1)
        .execute();
      const flags = rows.slice(0, limit).map(toFlag);
      const last = flags.at(-1);
      return rows.length > limit && last !== undefined ? { flags, next: last.leadId } : { flags };
    }),

  flagOf: (leadId) =>
    guard(`read the stale flag of lead ${leadId}`, async () => {
      const row = await ctx.db
        .selectFrom('stale_flags')
        .selectAll()
        .where('lead_id', '=', leadId)
        .executeTakeFirst();
      return row === undefined ? undefined : toFlag(row);
    }),
});
