import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Verdict } from '../../domain/decision.js';
import type { UpsertResult } from '../../domain/lead-store.js';
import type { Route } from '../../domain/route.js';
import { leadOwner, type LeadOwner, type OwnedRoute } from '../../routing/lead-owner.js';
import type {
  AcceptedLead,
  ApiKey,
  CriteriaVersion,
  Review,
  Scope,
  ServiceStore,
  Touch,
} from '../../service/service-store.js';
import type { ApiKeysTable, CriteriaVersionsTable, ReviewsTable } from './database.js';
import { jobRows, pipelineTransaction } from './kysely-job-queue.js';
import { outcomeRows } from './lead-events.js';
import { leadFacets, listLeads, sampleLeadIds } from './list-leads.js';
import { metricsData, periodConversion } from './metrics-data.js';
import { chunks, inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { deleteSessionsOf, kyselySessions } from './kysely-sessions.js';
import { guard } from './storage-error.js';
import { upsertLeadsIn } from './upsert-leads.js';

/** The job kind that qualifies a lead (the pipeline's entry). */
export const QUALIFY_JOB = 'qualify';

const iso = (ms: number): string => new Date(ms).toISOString();
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const toApiKey = (row: Selectable<ApiKeysTable>): ApiKey => ({
  id: row.id,
  name: row.name,
  scopes: JSON.parse(row.scopes) as Scope[],
  createdAt: row.created_at,
  ...(row.revoked_at === null ? {} : { revokedAt: row.revoked_at }),
  ...(row.last_used_at === null ? {} : { lastUsedAt: row.last_used_at }),
});

const toCriteria = (row: Selectable<CriteriaVersionsTable>): CriteriaVersion => ({
  version: row.version,
  name: row.name,
  text: row.text,
  createdAt: row.created_at,
  ...(row.created_by === null ? {} : { createdBy: row.created_by }),
  active: Number(row.active) === 1,
});

const toReview = (row: Selectable<ReviewsTable>): Review => ({
  id: row.id,
  leadId: row.lead_id,
  decisionId: row.decision_id,
  touchId: row.touch_id,
  verdict: row.verdict as Verdict,
  proposed: JSON.parse(row.proposed) as Route,
  status: row.status,
  createdAt: row.created_at,
  ...(row.resolved_at === null ? {} : { resolvedAt: row.resolved_at }),
  ...(row.resolved_by === null ? {} : { resolvedBy: row.resolved_by }),
  ...(row.final_verdict === null ? {} : { finalVerdict: row.final_verdict as Verdict }),
  ...(row.reason === null ? {} : { reason: row.reason }),
});

// A token is `lsk_<key id>_<secret>`: the id finds the row, the secret's hash is compared.
const TOKEN = /^lsk_([0-9A-Z]{26})_([A-Za-z0-9_-]{32,})$/;

/** The service's storage over Kysely; the same code on SQLite and PostgreSQL. */
export const createServiceStore = (ctx: StoreContext): ServiceStore => ({
  ...kyselySessions(ctx, toApiKey),
  acceptLeads: (request) =>
    inTransaction(ctx, `accept ${request.drafts.length} leads`, async (trx) => {
      const now = iso(ctx.clock.now());
      if (request.idempotency !== undefined) {
        const seen = await trx
          .selectFrom('idempotency_keys')
          .selectAll()
          .where('key', '=', request.idempotency.key)
          .executeTakeFirst();
        if (seen !== undefined) {
          if (seen.request_hash !== request.idempotency.requestHash) {
            throw new AppError('CONFLICT', {
              message: `Idempotency-Key ${JSON.stringify(request.idempotency.key)} was used before with a different request body; use a new key for a new request.`,
              details: { field: 'Idempotency-Key' },
            });
          }
          return {
            replayed: true,
            response: { status: Number(seen.status), body: JSON.parse(seen.response) as unknown },
          };
        }
      }
      const results = await upsertLeadsIn(ctx, trx, request.drafts);
      const taken = results.filter((r) => r.action !== 'conflict');
      const jobs = jobRows(
        ctx,
        taken.map((result) => ({
          kind: request.firstJob ?? QUALIFY_JOB,
          leadId: result.id,
          payload: {
            arrivedAt: request.arrivedAt,
            reason: result.action === 'created' ? 'new lead' : 'lead updated',
          },
        })),
      );
      const jobOf = new Map<UpsertResult, string>(taken.map((r, i) => [r, jobs[i]?.id ?? '']));
      const leads: AcceptedLead[] = results.map((r) => {
        const jobId = jobOf.get(r);
        return jobId === undefined ? r : { ...r, jobId };
      });
      for (const part of chunks(jobs, 200)) await trx.insertInto('jobs').values(part).execute();
      const response = request.respond(leads);
      if (request.idempotency !== undefined) {
        await trx
          .insertInto('idempotency_keys')
          .values({
            key: request.idempotency.key,
            request_hash: request.idempotency.requestHash,
            status: response.status,
            response: JSON.stringify(response.body),
            created_at: now,
          })
          .execute();
      }
      return { replayed: false, leads, response };
    }),

  requalify: async (leadIds, reason, arrivedAt) => {
    if (leadIds.length === 0) return [];
    return inTransaction(ctx, `requalify ${leadIds.length} leads`, async (trx) => {
      const rows = jobRows(
        ctx,
        leadIds.map((leadId) => ({ kind: QUALIFY_JOB, leadId, payload: { arrivedAt, reason } })),
      );
      for (const part of chunks(rows, 200)) await trx.insertInto('jobs').values(part).execute();
      return rows.map((r) => r.id);
    });
  },

  listLeads: (filter) => listLeads(ctx, filter),
  leadFacets: () => leadFacets(ctx),
  sampleLeadIds: (n, verdict) => sampleLeadIds(ctx, n, verdict),
  metricsData: () => metricsData(ctx),
  periodConversion: (period) => periodConversion(ctx, period),

  listTouches: (leadId) =>
    guard(`list the routes of lead ${leadId}`, async () => {
      const rows = await ctx.db
        .selectFrom('touches')
        .selectAll()
        .where('lead_id', '=', leadId)
        .orderBy('routed_at')
        .orderBy('id')
        .execute();
      return rows.map((r): Touch => ({
        id: r.id,
        leadId: r.lead_id,
        decisionId: r.decision_id,
        route: JSON.parse(r.route) as Route,
        arrivedAt: r.arrived_at,
        decidedAt: r.decided_at,
        routedAt: r.routed_at,
        ...(r.first_action_at === null ? {} : { firstActionAt: r.first_action_at }),
      }));
    }),

  accountOwners: (companyDomains) =>
    guard(`find the owners of ${companyDomains.length} accounts`, async () => {
      const owners = new Map<string, string>();
      const domains = [...new Set(companyDomains)];
      for (const part of chunks(domains, 500)) {
        // Newest route first, so the first owner seen per domain is the latest.
        const rows = await ctx.db
          .selectFrom('touches')
          .innerJoin('leads', 'leads.id', 'touches.lead_id')
          .select(['leads.company_domain', 'touches.owner_id'])
          .where('leads.company_domain', 'in', part)
          .where('touches.owner_id', 'is not', null)
          .orderBy('touches.routed_at', 'desc')
          .execute();
        for (const row of rows) {
          if (row.company_domain !== null && row.owner_id !== null && !owners.has(row.company_domain)) {
            owners.set(row.company_domain, row.owner_id);
          }
        }
      }
      return owners;
    }),

  leadOwners: (leadIds) =>
    guard(`find the owners of ${leadIds.length} leads`, async () => {
      const routes = new Map<string, OwnedRoute[]>();
      for (const part of chunks([...new Set(leadIds)], 500)) {
        const rows = await ctx.db
          .selectFrom('touches')
          .select(['lead_id', 'owner_id', 'routed_at'])
          .where('lead_id', 'in', part)
          .where('owner_id', 'is not', null)
          .orderBy('routed_at')
          .orderBy('id')
          .execute();
        for (const row of rows) {
          const route = {
            routedAt: row.routed_at,
            ...(row.owner_id === null ? {} : { ownerId: row.owner_id }),
          };
          const owned = routes.get(row.lead_id);
          if (owned === undefined) routes.set(row.lead_id, [route]);
          else owned.push(route);
        }
      }
      const owners = new Map<string, LeadOwner>();
      for (const [leadId, owned] of routes) {
        const owner = leadOwner(owned);
        if (owner !== undefined) owners.set(leadId, owner);
      }
      return owners;
    }),

  createApiKey: async (name, scopes) => {
    const id = ctx.newId();
    const secret = randomBytes(24).toString('base64url');
    const row = {
      id,
      name,
      secret_hash: sha256(secret),
      scopes: JSON.stringify([...new Set(scopes)]),
      created_at: iso(ctx.clock.now()),
      revoked_at: null,
      last_used_at: null,
    };
    await inTransaction(ctx, `create API key ${name}`, (trx) =>
      trx.insertInto('api_keys').values(row).execute(),
    );
    return { key: toApiKey(row), token: `lsk_${id}_${secret}` };
  },

  verifyApiKey: (token) =>
    guard('verify an API key', async () => {
      const match = TOKEN.exec(token);
      if (match === null) return undefined;
      const [, id = '', secret = ''] = match;
      const row = await ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined || row.revoked_at !== null) return undefined;
      const expected = Buffer.from(row.secret_hash, 'hex');
      const given = Buffer.from(sha256(secret), 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
      return toApiKey(row);
    }),

  listApiKeys: () =>
    guard('list API keys', async () =>
      (await ctx.db.selectFrom('api_keys').selectAll().orderBy('id').execute()).map(toApiKey),
    ),

  revokeApiKey: (id) =>
    inTransaction(ctx, `revoke API key ${id}`, async (trx) => {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: iso(ctx.clock.now()) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      await deleteSessionsOf(trx, id);
      return Number(result.numUpdatedRows) === 1;
    }),

  saveCriteria: (version) =>
    inTransaction(ctx, `save criteria ${version.version}`, async (trx) => {
      const now = iso(ctx.clock.now());
      await trx.updateTable('criteria_versions').set({ active: 0 }).where('active', '=', 1).execute();
      await trx
        .insertInto('criteria_versions')
        .values({
          version: version.version,
          name: version.name,
          text: version.text,
          created_at: now,
          created_by: version.createdBy ?? null,
          active: 1,
          activated_at: now,
        })
        .onConflict((oc) => oc.column('version').doUpdateSet({ active: 1, activated_at: now }))
        .execute();
    }),

  activeCriteria: () =>
    guard('read the active criteria', async () => {
      const row = await ctx.db
        .selectFrom('criteria_versions')
        .selectAll()
        .where('active', '=', 1)
        .executeTakeFirst();
      return row === undefined ? undefined : toCriteria(row);
    }),

  listCriteria: () =>
    guard('list criteria versions', async () =>
      (await ctx.db.selectFrom('criteria_versions').selectAll().orderBy('created_at', 'desc').execute()).map(
        toCriteria,
      ),
    ),

  activateCriteria: (version) =>
    inTransaction(ctx, `activate criteria ${version}`, async (trx) => {
      const row = await trx
        .selectFrom('criteria_versions')
        .select('version')
        .where('version', '=', version)
        .executeTakeFirst();
      if (row === undefined) return false;
      const now = iso(ctx.clock.now());
      await trx.updateTable('criteria_versions').set({ active: 0 }).where('active', '=', 1).execute();
      await trx
        .updateTable('criteria_versions')
        .set({ active: 1, activated_at: now })
        .where('version', '=', version)
        .execute();
      return true;
    }),

  listReviews: (options) =>
    guard('list reviews', async () => {
      const rows = await ctx.db
        .selectFrom('reviews')
        .selectAll()
        .$if(options.status !== undefined, (q) => q.where('status', '=', options.status ?? 'pending'))
        .$if(options.cursor !== undefined, (q) => q.where('id', '>', options.cursor ?? ''))
        .orderBy('id')
        .limit(options.limit + 1)
        .execute();
      const items = rows.slice(0, options.limit).map(toReview);
      const last = items.at(-1);
      return rows.length > options.limit && last !== undefined ? { items, next: last.id } : { items };
    }),

  reviewCounts: () =>
    guard('count reviews', async () => {
      const rows = await ctx.db
        .selectFrom('reviews')
        .select(['status', sql<number>`count(*)`.as('n')])
        .groupBy('status')
        .execute();
      const counts = { pending: 0, accepted: 0, overridden: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    }),

  getReview: (id) =>
    guard(`read review ${id}`, async () => {
      const row = await ctx.db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toReview(row);
    }),

  resolveReview: (id, resolution, then) =>
    inTransaction(ctx, `resolve review ${id}`, async (trx) => {
      const result = await trx
        .updateTable('reviews')
        .set({
          status: resolution.status,
          final_verdict: resolution.finalVerdict,
          reason: resolution.reason ?? null,
          resolved_by: resolution.by,
          resolved_at: resolution.at,
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (then.outcome !== undefined) {
        await trx
          .insertInto('outcomes')
          .values(outcomeRows(ctx, [then.outcome]))
          .execute();
      }
      const jobs = jobRows(ctx, then.jobs ?? []);
      for (const part of chunks(jobs, 200)) await trx.insertInto('jobs').values(part).execute();
      await then.work?.(pipelineTransaction(ctx, trx));
      return true;
    }),
});
