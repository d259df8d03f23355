import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import { VERDICTS } from '../../domain/decision.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import type { JsonLeadRejected } from '../../intake/intake-json-leads.js';
import { DELIVERY_JOB_KINDS } from '../../pipeline/qualify-jobs.js';
import type { QualifiedLead } from '../../pipeline/qualify-jobs.js';
import { errorBody } from '../build-app.js';
import { LEAD_SORTS } from '../service-store.js';
import type { AcceptedLead } from '../service-store.js';
import type { ServiceContext } from '../service-context.js';

const WaitQuery = z.object({
  wait: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  timeoutMs: z.coerce.number().int().min(1).max(60_000).optional(),
});

/** The leads of a request body: an array, `{ leads: [...] }`, or one lead object. */
const itemsOf = (body: unknown): { items: unknown[]; single: boolean } => {
  if (Array.isArray(body)) return { items: body, single: false };
  if (body !== null && typeof body === 'object' && Array.isArray((body as { leads?: unknown }).leads)) {
    return { items: (body as { leads: unknown[] }).leads, single: false };
  }
  return { items: [body], single: true };
};

/** What a lead's answer says once decided: the verdict, its reasons, the route. */
const decidedView = (done: QualifiedLead) => ({
  status: 'decided' as const,
  decision: done.decision,
  route: done.route,
  ...(done.reviewId === undefined ? {} : { reviewId: done.reviewId }),
});

const rejectedFields = (rejected: readonly JsonLeadRejected[], single: boolean) =>
  rejected.map((r) => ({
    field: single ? (r.field ?? 'body') : `leads[${r.index}]${r.field === undefined ? '' : `.${r.field}`}`,
    problem: r.problem,
  }));

/** What waiting on an accepted lead needs: its id, what intake did, and its first job. */
type WaitingLead = Pick<AcceptedLead, 'id' | 'action' | 'jobId'>;

/** Lead intake, listing, detail and re-qualification. */
export const leadRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { store } = context;

    /** Wait for each accepted lead's qualify job; answers with the decision or `queued`. */
    const settle = async (accepted: readonly WaitingLead[], timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      return Promise.all(
        accepted.map(async (lead) => {
          if (lead.jobId === undefined)
            return { id: lead.id, action: lead.action, status: 'conflict' as const };
          let waited = await context.waiter.wait(lead.jobId, Math.max(1, deadline - Date.now()));
          // An enrich job hands over to the qualify job it enqueued: follow it to the decision.
          for (let hops = 0; hops < 3 && waited.state === 'done' && 'job' in waited; hops += 1) {
            const next = (waited.job.result as { next?: unknown } | undefined)?.next;
            if (typeof next !== 'string') break;
            waited = await context.waiter.wait(next, Math.max(1, deadline - Date.now()));
          }
          if (waited.state === 'done' && 'value' in waited)
            return { id: lead.id, action: lead.action, ...decidedView(waited.value) };
          if (waited.state === 'done') {
            const decisions = await store.leads.listDecisions(lead.id);
            const touches = await store.service.listTouches(lead.id);
            return {
              id: lead.id,
              action: lead.action,
              status: 'decided' as const,
              decision: decisions.at(-1),
              route: touches.at(-1)?.route,
            };
          }
          if (waited.state === 'dead') {
            return {
              id: lead.id,
              action: lead.action,
              status: 'failed' as const,
              error: waited.job.lastError,
            };
          }
          return { id: lead.id, action: lead.action, status: 'queued' as const, jobId: lead.jobId };
        }),
      );
    };

    app.post(
      '/v1/leads',
      {
        config: { scope: 'leads:write' },
        schema: {
          summary: 'Submit one lead or a batch; ?wait=true answers with the decision',
          description:
            'A lead is a JSON object with any CRM or form field names (email, firstName, title, company, website, country, phone, source, …; nested company objects too). A batch is an array or { "leads": [...] }. Each lead is normalized, stored and queued for qualification; rejected leads are listed with their index, field and problem. Send an Idempotency-Key header to make retries safe.',
          tags: ['leads'],
          querystring: WaitQuery,
          headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).loose(),
        },
      },
      async (request, reply) => {
        const arrivedAt = isoNow(context.clock);
        const { items, single } = itemsOf(request.body);
        if (items.length === 0) {
          return reply
            .status(400)
            .send(
              errorBody('INPUT_INVALID', 'the batch holds no leads', [{ field: 'leads', problem: 'empty' }]),
            );
        }
        if (items.length > context.limits.maxBatch) {
          return reply
            .status(413)
            .send(
              errorBody(
                'PAYLOAD_TOO_LARGE',
                `at most ${context.limits.maxBatch} leads a request, got ${items.length}`,
              ),
            );
        }
        const { accepted, rejected } = intakeJsonLeads(items, {
          origin: 'api',
          receivedAt: arrivedAt,
          ...(context.defaultCountry === undefined ? {} : { defaultCountry: context.defaultCountry }),
        });
        if (accepted.length === 0) {
          const fields = rejectedFields(rejected, single);
          return reply
            .status(400)
            .send(
              errorBody(
                'INPUT_INVALID',
                `${single ? 'the lead was' : `all ${items.length} leads were`} rejected: ${fields.map((f) => `${f.field}: ${f.problem}`).join('; ')}`,
                fields,
              ),
            );
        }
        const key = request.headers['idempotency-key'];
        // One lead in, one lead out: a single object is answered with its own entry.
        const shape = (batch: { leads: Array<Record<string, unknown>> } & Record<string, unknown>) =>
          single ? { ...batch.leads[0], received: 1, rejected: [] } : batch;
        const rejections = rejectedFields(rejected, single);
        const result = await store.service.acceptLeads({
          drafts: accepted.map((a) => a.draft),
          arrivedAt,
          firstJob: context.firstJob,
          ...(typeof key === 'string'
            ? {
                idempotency: {
                  key: `${request.apiKey?.id ?? ''}:${key}`,
                  requestHash: createHash('sha256').update(JSON.stringify(request.body)).digest('hex'),
                },
              }
            : {}),
          respond: (leads) => ({
            status: 202,
            body: shape({
              received: items.length,
              accepted: accepted.length,
              rejected: rejections,
              leads: leads.map((lead, i) => ({
                index: accepted[i]?.index ?? i,
                id: lead.id,
                action: lead.action,
                status: lead.action === 'conflict' ? ('conflict' as const) : ('queued' as const),
                ...(lead.jobId === undefined ? {} : { jobId: lead.jobId }),
                ...(lead.action === 'conflict' ? { error: lead.error.message } : {}),
              })),
            }),
          }),
        });
        const body = result.response.body as Record<string, unknown>;
        // A replay answers as the first request did: the stored acceptance, or with ?wait=true
        // each lead's decision, found again from the jobs that acceptance queued.
        if (result.replayed) reply.header('idempotent-replayed', 'true');
        else context.wake([context.firstJob]);
        if (!request.query.wait) return reply.status(result.response.status).send(body);
        const entries = (single ? [body] : (body['leads'] as Record<string, unknown>[])).map((e) => ({
          index: e['index'],
          lead: {
            id: String(e['id']),
            action: e['action'] as WaitingLead['action'],
            ...(typeof e['jobId'] === 'string' ? { jobId: e['jobId'] } : {}),
          },
        }));
        const settled = await settle(
          entries.map((e) => e.lead),
          request.query.timeoutMs ?? context.limits.waitTimeoutMs,
        );
        const leads = settled.map((s, i) => ({ index: entries[i]?.index, ...s }));
        const allDecided = settled.every((s) => s.status === 'decided');
        return reply.status(allDecided ? 200 : 202).send(single ? leads[0] : { ...body, leads });
      },
    );

    app.get(
      '/v1/leads',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'Leads with their latest decision and route, newest first or by score; filter by verdict, grade, playbook, owner, source or text',
          tags: ['leads'],
          querystring: z.object({
            verdict: z.enum(VERDICTS).optional(),
            grade: z
              .string()
              .regex(/^[A-D][1-4]$/, 'expected a grade such as A1')
              .optional(),
            playbook: z.string().min(1).max(200).optional(),
            owner: z.string().min(1).max(200).optional(),
            source: z.string().min(1).max(200).optional(),
            q: z.string().max(200).optional(),
            sort: z.enum(LEAD_SORTS).default('newest'),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().optional(),
          }),
        },
      },
      async (request) => {
        const { limit, ...rest } = request.query;
        const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
        const page = await store.service.listLeads({ limit, ...defined });
        return { leads: page.items, ...(page.next === undefined ? {} : { next: page.next }) };
      },
    );

    app.get(
      '/v1/leads/:id',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'A lead: its facts with provenance, decision history, routes, events, outcomes, deliveries, its conversations with their transcripts, and its stale flag when it went silent',
          tags: ['leads'],
          params: z.object({ id: z.string().min(1) }),
        },
      },
      async (request) => {
        const { id } = request.params;
        const lead = await store.leads.getLead(id);
        if (lead === undefined)
          throw new AppError('NOT_FOUND', { message: `no lead ${id}`, details: { field: 'id' } });
        const [decisions, routes, events, outcomes, jobs, talks, staleFlag] = await Promise.all([
          store.leads.listDecisions(id),
          store.service.listTouches(id),
          store.leads.listActivities(id),
          store.leads.listOutcomes(id),
          store.jobs.list({ leadId: id, limit: 200 }),
          store.conversations.ofLead(id),
          store.hygiene.flagOf(id),
        ]);
        // Each conversation with its transcript; the facts it learned are on the lead already.
        const conversations = await Promise.all(
          talks.map(async ({ state, createdAt, updatedAt }) => ({
            id: state.id,
            channel: state.channel,
            status: state.status,
            ...(state.ending === undefined ? {} : { ending: state.ending }),
            ...(state.pausedUntil === undefined ? {} : { pausedUntil: state.pausedUntil }),
            followUps: state.followUps,
            createdAt,
            updatedAt,
            messages: await store.conversations.transcript(state.id),
          })),
        );
        return {
          lead,
          decisions,
          routes,
          events,
          outcomes,
          deliveries: jobs.jobs.filter((j) => DELIVERY_JOB_KINDS.includes(j.kind)),
          jobs: jobs.jobs.filter((j) => !DELIVERY_JOB_KINDS.includes(j.kind)),
          conversations,
          // Silent too long (issue 10): the action suggested and why, or null.
          staleFlag: staleFlag ?? null,
        };
      },
    );

    app.post(
      '/v1/leads/:id/requalify',
      {
        config: { scope: 'leads:write' },
        schema: {
          summary: 'Qualify a stored lead again with the active criteria and model',
          tags: ['leads'],
          params: z.object({ id: z.string().min(1) }),
          querystring: WaitQuery,
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        if ((await store.leads.getLead(id)) === undefined) {
          throw new AppError('NOT_FOUND', { message: `no lead ${id}`, details: { field: 'id' } });
        }
        const [jobId = ''] = await store.service.requalify(
          [id],
          'requalify requested',
          isoNow(context.clock),
        );
        context.wake();
        if (!request.query.wait) return reply.status(202).send({ id, status: 'queued', jobId });
        const [settled] = await settle(
          [{ id, action: 'updated', jobId }],
          request.query.timeoutMs ?? context.limits.waitTimeoutMs,
        );
        return reply.status(settled?.status === 'decided' ? 200 : 202).send(settled);
      },
    );
  };
