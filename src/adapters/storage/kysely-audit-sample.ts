import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { OutcomeType } from '../../domain/outcome.js';
import type { AuditEntry, AuditSampleStore, AuditSettings } from '../../learning/audit-sample.js';
import { DEFAULT_AUDIT_SHARE } from '../../learning/audit-sample.js';
import type { Database } from './database.js';
import { chunks, inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** Migration 013's tables, declared beside the code that uses them. */
interface AuditSampleTable {
  lead_id: string;
  decision_id: string;
  decided_at: string;
  drawn_at: string;
  share: number;
  result: string | null;
  note: string | null;
  followed_up_by: string | null;
  followed_up_at: string | null;
}
interface AuditSettingsTable {
  id: string;
  share: number;
  seed: string;
  cursor: string | null;
  updated_at: string;
}
type AuditDatabase = Database & { audit_sample: AuditSampleTable; audit_settings: AuditSettingsTable };

const withAudit = (db: Kysely<Database>): Kysely<AuditDatabase> =>
  db.withTables<Omit<AuditDatabase, keyof Database>>();

const SETTINGS = 'audit';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/**
 * How far before its last decision a draw reads again. Decision ids are ULIDs from each worker's
 * clock, so a worker whose decision commits late (or whose clock lags) may write an id a little
 * below one already read; reading again is harmless (a drawn lead is drawn once).
 */
const OVERLAP_MS = 10 * 60_000;

/** A ULID's time: its first ten characters are milliseconds in base 32. */
const timeOf = (id: string): number => {
  let ms = 0;
  for (const ch of id.slice(0, 10)) ms = ms * 32 + Math.max(0, CROCKFORD.indexOf(ch.toUpperCase()));
  return ms;
};

/** The ten-character ULID time prefix of `ms`: below every id made at or after that time. */
const idPrefixAt = (ms: number): string => {
  let rest = Math.max(0, ms);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
};

/** The id `OVERLAP_MS` before a ULID's (or a time prefix's) time. */
const rewind = (id: string): string => idPrefixAt(timeOf(id) - OVERLAP_MS);

/** How far a finished draw's time must be past the cursor before it is written (one write a minute at most). */
const SCANNED_STEP_MS = 60_000;

const toSettings = (r: AuditSettingsTable): AuditSettings => ({
  share: Number(r.share),
  seed: r.seed,
  ...(r.cursor === null ? {} : { scanFrom: rewind(r.cursor) }),
  updatedAt: r.updated_at,
});

const toEntry = (r: AuditSampleTable, outcomes: readonly OutcomeType[]): AuditEntry => ({
  leadId: r.lead_id,
  decisionId: r.decision_id,
  decidedAt: r.decided_at,
  drawnAt: r.drawn_at,
  share: Number(r.share),
  status: r.result === null ? 'pending' : 'followed_up',
  ...(r.result === null ? {} : { result: r.result as NonNullable<AuditEntry['result']> }),
  ...(r.note === null ? {} : { note: r.note }),
  ...(r.followed_up_by === null ? {} : { followedUpBy: r.followed_up_by }),
  ...(r.followed_up_at === null ? {} : { followedUpAt: r.followed_up_at }),
  outcomes,
});

const outcomesOf = async (db: Kysely<AuditDatabase>, ids: readonly string[]) => {
  const byLead = new Map<string, OutcomeType[]>();
  for (const part of chunks(ids, 500)) {
    const rows = await db
      .selectFrom('outcomes')
      .select(['lead_id', 'type'])
      .where('lead_id', 'in', part)
      .orderBy('occurred_at')
      .orderBy('id')
      .execute();
    for (const r of rows) byLead.set(r.lead_id, [...(byLead.get(r.lead_id) ?? []), r.type as OutcomeType]);
  }
  return byLead;
};

const readSettings = async (db: Kysely<AuditDatabase>, ctx: StoreContext, at: string) => {
  const found = await db
    .selectFrom('audit_settings')
    .selectAll()
    .where('id', '=', SETTINGS)
    .executeTakeFirst();
  // Reads (the dashboard's metrics draw first) write nothing once the settings exist.
  if (found !== undefined) return found;
  await db
    .insertInto('audit_settings')
    .values({ id: SETTINGS, share: DEFAULT_AUDIT_SHARE, seed: ctx.newId(), cursor: null, updated_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return db.selectFrom('audit_settings').selectAll().where('id', '=', SETTINGS).executeTakeFirstOrThrow();
};

/** The false-negative audit's store (migration 013), on SQLite and PostgreSQL. */
export const createAuditSampleStore = (ctx: StoreContext): AuditSampleStore => {
  const db = withAudit(ctx.db);
  const entry = async (leadId: string): Promise<AuditEntry | undefined> => {
    const row = await db
      .selectFrom('audit_sample')
      .selectAll()
      .where('lead_id', '=', leadId)
      .executeTakeFirst();
    return row === undefined ? undefined : toEntry(row, (await outcomesOf(db, [leadId])).get(leadId) ?? []);
  };
  return {
    auditSettings: (at) =>
      guard('read the audit settings', async () => toSettings(await readSettings(db, ctx, at))),
    setAuditShare: (share, at) =>
      inTransaction(ctx, 'set the audit share', async (plain) => {
        const trx = withAudit(plain);
        await readSettings(trx, ctx, at);
        await trx
          .updateTable('audit_settings')
          .set({ share, updated_at: at })
          .where('id', '=', SETTINGS)
          .execute();
        return toSettings(await readSettings(trx, ctx, at));
      }),
    notQualifiedAfter: (after, limit) =>
      guard('read the not-qualified decisions to draw from', async () => {
        const rows = await db
          .selectFrom('decisions')
          .select(['id', 'lead_id', 'decided_at'])
          .where('verdict', '=', 'not_qualified')
          .$if(after !== undefined, (q) => q.where('id', '>', after ?? ''))
          .orderBy('id')
          .limit(limit)
          .execute();
        return rows.map((r) => ({ decisionId: r.id, leadId: r.lead_id, decidedAt: r.decided_at }));
      }),
    addToAudit: (entries, cursor, at) =>
      inTransaction(ctx, `add ${entries.length} leads to the audit sample`, async (plain) => {
        const trx = withAudit(plain);
        let added = 0;
        for (const part of chunks(entries, 500)) {
          const result = await trx
            .insertInto('audit_sample')
            .values(
              part.map((e) => ({
                lead_id: e.leadId,
                decision_id: e.decisionId,
                decided_at: e.decidedAt,
                drawn_at: at,
                share: e.share,
                result: null,
                note: null,
                followed_up_by: null,
                followed_up_at: null,
              })),
            )
            .onConflict((oc) => oc.column('lead_id').doNothing())
            .executeTakeFirst();
          added += Number(result.numInsertedOrUpdatedRows ?? 0);
        }
        await trx
          .updateTable('audit_settings')
          .set({ cursor })
          .where('id', '=', SETTINGS)
          .where((eb) => eb.or([eb('cursor', 'is', null), eb('cursor', '<', cursor)]))
          .execute();
        return added;
      }),
    auditScanned: () =>
      guard('record the audit draw', async () => {
        const ms = ctx.clock.now();
        await db
          .updateTable('audit_settings')
          .set({ cursor: idPrefixAt(ms) })
          .where('id', '=', SETTINGS)
          .where((eb) =>
            eb.or([eb('cursor', 'is', null), eb('cursor', '<', idPrefixAt(ms - SCANNED_STEP_MS))]),
          )
          .execute();
      }),
    listAudit: ({ status, limit }) =>
      guard('list the audit sample', async () => {
        const rows = await db
          .selectFrom('audit_sample')
          .selectAll()
          .$if(status === 'pending', (q) => q.where('result', 'is', null))
          .$if(status === 'followed_up', (q) => q.where('result', 'is not', null))
          .orderBy('decided_at', 'desc')
          .orderBy('lead_id')
          .limit(limit)
          .execute();
        const outcomes = await outcomesOf(
          db,
          rows.map((r) => r.lead_id),
        );
        return rows.map((r) => toEntry(r, outcomes.get(r.lead_id) ?? []));
      }),
    recordAuditResult: (leadId, followUp) =>
      guard(`record the audit follow-up of lead ${leadId}`, async () => {
        const updated = await db
          .updateTable('audit_sample')
          .set({
            result: followUp.result,
            note: followUp.note ?? null,
            followed_up_by: followUp.by,
            followed_up_at: followUp.at,
          })
          .where('lead_id', '=', leadId)
          .executeTakeFirst();
        const found = Number(updated.numUpdatedRows) === 0 ? undefined : await entry(leadId);
        if (found === undefined)
          throw new AppError('NOT_FOUND', {
            message: `lead ${leadId} is not in the false-negative audit sample; \`GET /v1/audit-sample\` lists the leads drawn`,
            details: { leadId },
          });
        return found;
      }),
    auditCounts: (period) =>
      guard('count the audit sample', async () => {
        const row = await db
          .selectFrom('audit_sample')
          .select([
            sql<number>`count(*)`.as('drawn'),
            sql<number>`count(result)`.as('followed'),
            sql<number>`sum(case when result = 'good' then 1 else 0 end)`.as('good'),
          ])
          .$if(period !== undefined, (q) =>
            q.where('decided_at', '>=', period?.from ?? '').where('decided_at', '<', period?.to ?? ''),
          )
          .executeTakeFirst();
        return {
          drawn: Number(row?.drawn ?? 0),
          followedUp: Number(row?.followed ?? 0),
          foundGood: Number(row?.good ?? 0),
        };
      }),
  };
};
