import type { Decision } from '../../domain/decision.js';
import { AppError } from '../../domain/app-error.js';
import type { Lead } from '../../domain/lead.js';
import type { LeadStore } from '../../domain/lead-store.js';
import {
  addActivities,
  addOutcomes,
  listActivities,
  listActivitiesOf,
  listDecisions,
  listOutcomes,
  listOutcomesOf,
  saveDecision,
} from './lead-events.js';
import { normalizeCompanyKey, normalizeEmail, rowToLead } from './lead-rows.js';
import { chunks } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';
import { briefOfLatest } from './lead-latest.js';
import { rowToCompany, upsertCompanies } from './upsert-companies.js';
import { upsertLeads } from './upsert-leads.js';

const MAX_PAGE = 1000;

/**
 * Leads in id order after `cursor`. Ids are monotonic ULIDs, so id order is creation order and
 * the cursor (the last id seen) stays valid while leads are added.
 */
const listLeads = async (
  ctx: StoreContext,
  options: { limit: number; cursor?: string },
): Promise<{ leads: Lead[]; next?: string }> => {
  const { limit, cursor } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new AppError('INPUT_INVALID', {
      message: `listLeads: limit must be an integer from 1 to ${MAX_PAGE}, got ${limit}`,
      details: { limit },
    });
  }
  const rows = await guard('list leads', () =>
    ctx.db
      .selectFrom('leads')
      .selectAll()
      .$if(cursor !== undefined, (q) => q.where('id', '>', cursor ?? ''))
      .orderBy('id')
      .limit(limit + 1)
      .execute(),
  );
  const page = rows.slice(0, limit).map(rowToLead);
  const last = page.at(-1);
  return rows.length > limit && last !== undefined ? { leads: page, next: last.id } : { leads: page };
};

/** The `LeadStore` over Kysely; the same code serves SQLite and PostgreSQL. */
export const createLeadStore = (ctx: StoreContext, close: () => Promise<void>): LeadStore => ({
  upsertLeads: (drafts) => upsertLeads(ctx, drafts),
  getLead: (id) =>
    guard(`read lead ${id}`, async () => {
      const row = await ctx.db.selectFrom('leads').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : rowToLead(row);
    }),
  getLeads: (ids) =>
    guard(`read ${ids.length} leads`, async () => {
      const byId = new Map<string, Lead>();
      for (const part of chunks(ids, 500)) {
        const rows = await ctx.db.selectFrom('leads').selectAll().where('id', 'in', part).execute();
        for (const row of rows) byId.set(row.id, rowToLead(row));
      }
      return byId;
    }),
  latestVerdicts: (ids) =>
    guard(`read the latest verdicts of ${ids.length} leads`, async () => {
      const byId = new Map<string, Decision['verdict']>();
      for (const part of chunks(ids, 500)) {
        const rows = await ctx.db
          .selectFrom('lead_latest')
          .select(['lead_id', 'verdict'])
          .where('lead_id', 'in', part)
          .execute();
        for (const row of rows) byId.set(row.lead_id, row.verdict as Decision['verdict']);
      }
      return byId;
    }),
  latestDecisions: (ids) =>
    guard(`read the latest decisions of ${ids.length} leads`, async () => {
      const byId = new Map<string, Pick<Decision, 'verdict' | 'score' | 'decidedAt' | 'fit' | 'intent'>>();
      for (const part of chunks(ids, 500)) {
        const rows = await ctx.db
          .selectFrom('lead_latest')
          .select(['lead_id', 'verdict', 'score', 'grade', 'fit_score', 'intent_score', 'decided_at'])
          .where('lead_id', 'in', part)
          .execute();
        for (const row of rows) byId.set(row.lead_id, briefOfLatest(row));
      }
      return byId;
    }),
  findLeadByEmail: (email) =>
    guard(`find the lead with email ${email}`, async () => {
      const row = await ctx.db
        .selectFrom('leads')
        .selectAll()
        .where('email_normalized', '=', normalizeEmail(email))
        .executeTakeFirst();
      return row === undefined ? undefined : rowToLead(row);
    }),
  listLeads: (options) => listLeads(ctx, options),
  countLeads: () =>
    guard('count leads', async () => {
      const { count } = await ctx.db
        .selectFrom('leads')
        .select((eb) => eb.fn.countAll().as('count'))
        .executeTakeFirstOrThrow();
      // PostgreSQL returns count(*) as a bigint string.
      return Number(count);
    }),
  upsertCompanies: (companies) => upsertCompanies(ctx, companies),
  getCompanyByKey: (key) =>
    guard(`read company ${key}`, async () => {
      const row = await ctx.db
        .selectFrom('companies')
        .selectAll()
        .where('key', '=', normalizeCompanyKey(key))
        .executeTakeFirst();
      return row === undefined ? undefined : rowToCompany(row);
    }),
  addActivities: (activities) => addActivities(ctx, activities),
  listActivities: (leadId) => listActivities(ctx, leadId),
  listActivitiesOf: (leadIds) => listActivitiesOf(ctx, leadIds),
  addOutcomes: (outcomes) => addOutcomes(ctx, outcomes),
  listOutcomes: (leadId) => listOutcomes(ctx, leadId),
  listOutcomesOf: (leadIds) => listOutcomesOf(ctx, leadIds),
  saveDecision: (decision) => saveDecision(ctx, decision),
  listDecisions: (leadId) => listDecisions(ctx, leadId),
  close,
});
