import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { OutcomeType } from '../../domain/outcome.js';
import type {
  Alert,
  AlertDelivery,
  AlertKind,
  LearningStore,
  ModelChange,
  ModelPrediction,
  Period,
} from '../../learning/learning-store.js';
import type { Database } from './database.js';
import { createAuditSampleStore } from './kysely-audit-sample.js';
import { decodeFacts } from './fact-document.js';
import type { ModelsTable } from './kysely-model-registry.js';
import { metricsIn } from './metrics-in.js';
import { inTransaction, toIsoUtc } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** Migration 010's tables, declared beside the code that uses them (as the model registry does). */
interface AlertsTable {
  id: string;
  kind: string;
  subject: string;
  level: string;
  text: string;
  figures: string;
  model_version: string | null;
  baseline_from: string;
  baseline_to: string;
  recent_from: string;
  recent_to: string;
  raised_at: string;
}
interface AlertDeliveriesTable {
  id: string;
  alert_id: string;
  webhook: string;
  status: string;
  attempts: number;
  max_attempts: number;
  next_at: string;
  last_error: string | null;
  delivered_at: string | null;
}
interface ModelChangesTable {
  id: string;
  at: string;
  action: string;
  from_version: string | null;
  to_version: string | null;
  by: string;
  reason: string;
  figures: string;
}
type LearningDatabase = Database & {
  alerts: AlertsTable;
  alert_deliveries: AlertDeliveriesTable;
  model_changes: ModelChangesTable;
  models: ModelsTable;
};

const withLearning = (db: Kysely<Database>): Kysely<LearningDatabase> =>
  db.withTables<Omit<LearningDatabase, keyof Database>>();

const rowToAlert = (r: AlertsTable): Alert => ({
  id: r.id,
  kind: r.kind as AlertKind,
  subject: r.subject,
  level: r.level as Alert['level'],
  text: r.text,
  figures: JSON.parse(r.figures) as Alert['figures'],
  ...(r.model_version === null ? {} : { modelVersion: r.model_version }),
  baseline: { from: r.baseline_from, to: r.baseline_to },
  recent: { from: r.recent_from, to: r.recent_to },
  raisedAt: r.raised_at,
});

const rowToDelivery = (r: AlertDeliveriesTable): AlertDelivery => ({
  id: r.id,
  alertId: r.alert_id,
  webhook: r.webhook,
  status: r.status as AlertDelivery['status'],
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
  nextAt: r.next_at,
  ...(r.last_error === null ? {} : { lastError: r.last_error }),
  ...(r.delivered_at === null ? {} : { deliveredAt: r.delivered_at }),
});

const rowToChange = (r: ModelChangesTable): ModelChange => ({
  id: r.id,
  at: r.at,
  action: r.action as ModelChange['action'],
  ...(r.from_version === null ? {} : { from: r.from_version }),
  ...(r.to_version === null ? {} : { to: r.to_version }),
  by: r.by,
  reason: r.reason,
  figures: JSON.parse(r.figures) as ModelChange['figures'],
});

/** Switch the active model inside a transaction (the registry's rule: at most one active). */
const activate = async (trx: Kysely<LearningDatabase>, version: string, at: string): Promise<void> => {
  const target = await trx
    .selectFrom('models')
    .select('active')
    .where('version', '=', version)
    .executeTakeFirst();
  if (target === undefined)
    throw new AppError('NOT_FOUND', {
      message: `No saved model ${version}; \`leadsift models list\` shows the saved versions.`,
      details: { version },
    });
  if (Number(target.active) === 1) return;
  await trx.updateTable('models').set({ active: 0 }).where('active', '=', 1).execute();
  await trx
    .updateTable('models')
    .set({ active: 1, activated_at: at })
    .where('version', '=', version)
    .execute();
};

const DECISIVE: readonly OutcomeType[] = [
  'won',
  'lost',
  'rejected',
  'opportunity_created',
  'churned',
  'accepted',
];

/** The lead's latest decision in a period with its model probability, and the lead's outcomes. */
const predictionsIn = async (db: Kysely<LearningDatabase>, period: Period, limit: number) => {
  const rows = await db
    .selectFrom('decisions')
    .select(['lead_id', 'decision', 'decided_at'])
    .where('decided_at', '>=', period.from)
    .where('decided_at', '<', period.to)
    .where('decision', 'like', '%"probability"%')
    .orderBy('decided_at', 'desc')
    .limit(limit)
    .execute();
  const latest = new Map<string, number>();
  for (const row of rows) {
    if (latest.has(row.lead_id)) continue;
    const probability = (JSON.parse(row.decision) as { model?: { probability?: unknown } }).model
      ?.probability;
    if (typeof probability === 'number') latest.set(row.lead_id, probability);
  }
  const ids = [...latest.keys()];
  const outcomes = new Map<string, OutcomeType[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('outcomes')
      .select(['lead_id', 'type'])
      .where('lead_id', 'in', ids.slice(i, i + 500))
      .where('type', 'in', [...DECISIVE])
      .execute();
    for (const o of found)
      outcomes.set(o.lead_id, [...(outcomes.get(o.lead_id) ?? []), o.type as OutcomeType]);
  }
  return ids.map((leadId): ModelPrediction => ({
    leadId,
    probability: latest.get(leadId) ?? 0,
    outcomes: outcomes.get(leadId) ?? [],
  }));
};

/** Deliveries joined with their alerts' columns (the alert's id is `d.alert_id`). */
const deliveriesWithAlerts = (db: Kysely<LearningDatabase>) =>
  db
    .selectFrom('alert_deliveries as d')
    .innerJoin('alerts as a', 'a.id', 'd.alert_id')
    .selectAll('d')
    .select([
      'a.kind',
      'a.subject',
      'a.level',
      'a.text',
      'a.figures',
      'a.model_version',
      'a.baseline_from',
      'a.baseline_to',
      'a.recent_from',
      'a.recent_to',
      'a.raised_at',
    ]);

/** The learning loop's store over Kysely (migration 010), on SQLite and PostgreSQL. */
export const createLearningStore = (ctx: StoreContext): LearningStore => {
  const db = withLearning(ctx.db);
  return {
    ...createAuditSampleStore(ctx),
    saveAlerts: (alerts, webhooks, raisedAt) =>
      inTransaction(ctx, 'store the drift alerts', async (plain) => {
        const trx = withLearning(plain);
        const saved: Alert[] = [];
        for (const a of alerts) {
          const alert: Alert = { ...a, id: ctx.newId(), raisedAt };
          saved.push(alert);
          await trx
            .insertInto('alerts')
            .values({
              id: alert.id,
              kind: a.kind,
              subject: a.subject,
              level: a.level,
              text: a.text,
              figures: JSON.stringify(a.figures),
              model_version: a.modelVersion ?? null,
              baseline_from: a.baseline.from,
              baseline_to: a.baseline.to,
              recent_from: a.recent.from,
              recent_to: a.recent.to,
              raised_at: raisedAt,
            })
            .execute();
          for (const hook of webhooks)
            await trx
              .insertInto('alert_deliveries')
              .values({
                id: ctx.newId(),
                alert_id: alert.id,
                webhook: hook.name,
                status: 'pending',
                attempts: 0,
                max_attempts: hook.maxAttempts,
                next_at: raisedAt,
                last_error: null,
                delivered_at: null,
              })
              .execute();
        }
        return saved;
      }),
    listAlerts: ({ period, kind, limit }) =>
      guard('list the alerts', async () => {
        let q = db.selectFrom('alerts').selectAll();
        if (period !== undefined)
          q = q.where('raised_at', '>=', period.from).where('raised_at', '<', period.to);
        if (kind !== undefined) q = q.where('kind', '=', kind);
        const rows = await q.orderBy('raised_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
        return rows.map(rowToAlert);
      }),
    lastAlert: (kind, subject) =>
      guard('read the last alert', async () => {
        const row = await db
          .selectFrom('alerts')
          .selectAll()
          .where('kind', '=', kind)
          .where('subject', '=', subject)
          .orderBy('raised_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst();
        return row === undefined ? undefined : rowToAlert(row);
      }),
    dueDeliveries: (now, limit) =>
      guard('read the alert deliveries due', async () => {
        const rows = await deliveriesWithAlerts(db)
          .where('d.status', '=', 'pending')
          .where('d.next_at', '<=', now)
          .orderBy('d.next_at')
          .orderBy('d.id')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ delivery: rowToDelivery(r), alert: rowToAlert({ ...r, id: r.alert_id }) }));
      }),
    listDeliveries: ({ status, limit }) =>
      guard('list the alert deliveries', async () => {
        const rows = await deliveriesWithAlerts(db)
          .$if(status !== undefined, (q) => q.where('d.status', '=', status ?? ''))
          .orderBy('a.raised_at', 'desc')
          .orderBy('d.id', 'desc')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ delivery: rowToDelivery(r), alert: rowToAlert({ ...r, id: r.alert_id }) }));
      }),
    retryDelivery: (id, now, extra) =>
      inTransaction(ctx, `retry alert delivery ${id}`, async (plain) => {
        const trx = withLearning(plain);
        const row = await trx
          .selectFrom('alert_deliveries')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        if (row === undefined)
          throw new AppError('NOT_FOUND', {
            message: `No alert delivery ${id}; \`GET /v1/alerts/deliveries?status=dead\` lists the dead ones.`,
            details: { id },
          });
        if (row.status !== 'dead')
          throw new AppError('CONFLICT', {
            message: `alert delivery ${id} is ${row.status}, not dead: only a dead delivery is retried by hand`,
            details: { id, status: row.status },
          });
        const next = { status: 'pending', next_at: now, max_attempts: Number(row.attempts) + extra };
        await trx.updateTable('alert_deliveries').set(next).where('id', '=', id).execute();
        return rowToDelivery({ ...row, ...next });
      }),
    settleDelivery: (id, result) =>
      guard(`record alert delivery ${id}`, async () => {
        await db
          .updateTable('alert_deliveries')
          .set({
            status: result.status,
            attempts: result.attempts,
            next_at: result.nextAt,
            last_error: result.lastError ?? null,
            delivered_at: result.deliveredAt ?? null,
          })
          .where('id', '=', id)
          .execute();
      }),
    recordChange: (change, version) =>
      inTransaction(ctx, `record the model change (${change.action})`, async (plain) => {
        const trx = withLearning(plain);
        const at = toIsoUtc(change.at, 'at');
        if (version !== undefined) await activate(trx, version, at);
        const row: ModelChangesTable = {
          id: ctx.newId(),
          at,
          action: change.action,
          from_version: change.from ?? null,
          to_version: change.to ?? null,
          by: change.by,
          reason: change.reason,
          figures: JSON.stringify(change.figures),
        };
        await trx.insertInto('model_changes').values(row).execute();
        return rowToChange(row);
      }),
    listChanges: (period) =>
      guard('list the model changes', async () => {
        let q = db.selectFrom('model_changes').selectAll();
        if (period !== undefined) q = q.where('at', '>=', period.from).where('at', '<', period.to);
        return (await q.orderBy('at', 'desc').orderBy('id', 'desc').execute()).map(rowToChange);
      }),
    leadsIn: (period, limit) =>
      guard('read the leads of a period', async () => {
        const rows = await db
          .selectFrom('leads')
          .select(['source', 'facts'])
          .where('created_at', '>=', period.from)
          .where('created_at', '<', period.to)
          .orderBy('created_at', 'desc')
          .limit(limit)
          .execute();
        return rows.map((r) => {
          const facts = decodeFacts(r.facts);
          const source = facts.source?.value ?? r.source ?? undefined;
          return source === undefined ? { raw: facts.raw } : { source, raw: facts.raw };
        });
      }),
    acceptance: (period) =>
      guard('count the AE outcomes of a period', async () => {
        const rows = await db
          .selectFrom('outcomes')
          .select(['type', sql<number>`count(*)`.as('n')])
          .where('type', 'in', ['accepted', 'rejected'])
          .where('occurred_at', '>=', period.from)
          .where('occurred_at', '<', period.to)
          .groupBy('type')
          .execute();
        const n = (t: string) => Number(rows.find((r) => r.type === t)?.n ?? 0);
        return { hits: n('accepted'), of: n('accepted') + n('rejected') };
      }),
    falseNegatives: (period) =>
      guard('count the false negatives of a period', async () => {
        const row = await db
          .selectFrom('lead_latest as l')
          .leftJoin(
            db
              .selectFrom('outcomes')
              .select('lead_id')
              .distinct()
              .where('type', 'in', ['opportunity_created', 'won'])
              .as('o'),
            'o.lead_id',
            'l.lead_id',
          )
          .select([sql<number>`count(*)`.as('leads'), sql<number>`count(o.lead_id)`.as('hits')])
          .where('l.verdict', '=', 'not_qualified')
          .where('l.decided_at', '>=', period.from)
          .where('l.decided_at', '<', period.to)
          .executeTakeFirst();
        return { hits: Number(row?.hits ?? 0), of: Number(row?.leads ?? 0) };
      }),
    predictions: (period, limit) =>
      guard('read the model predictions of a period', () => predictionsIn(db, period, limit)),
    rejectionReasons: (period, limit) =>
      guard('count the rejection reasons of a period', async () => {
        const reason = sql<string>`coalesce(reason, '(no reason given)')`;
        const rows = await db
          .selectFrom('outcomes')
          .select([reason.as('reason'), sql<number>`count(*)`.as('n')])
          .where('type', '=', 'rejected')
          .where('occurred_at', '>=', period.from)
          .where('occurred_at', '<', period.to)
          .groupBy(reason)
          .orderBy(sql`count(*)`, 'desc')
          .orderBy(reason)
          .limit(limit)
          .execute();
        return rows.map((r) => ({ reason: r.reason, count: Number(r.n) }));
      }),
    metricsIn: (period) => metricsIn(ctx, period),
  };
};
