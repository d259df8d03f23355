import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../domain/activity.js';
import type { Activity } from '../../domain/activity.js';
import { isoNow } from '../../domain/clock.js';
import type { Lead } from '../../domain/lead.js';
import { OUTCOME_TYPES } from '../../domain/outcome.js';
import type { Outcome } from '../../domain/outcome.js';
import { errorBody } from '../build-app.js';
import type { ServiceContext } from '../service-context.js';

const isoTime = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 time such as 2026-11-28T09:30:00Z');

/** Who an event or outcome is about: a lead id or an email. */
const LeadRef = {
  leadId: z.string().min(1).optional(),
  email: z.string().min(3).optional(),
};

const EventItem = z
  .object({
    ...LeadRef,
    type: z.enum(ACTIVITY_TYPES, { error: `expected one of ${ACTIVITY_TYPES.join(', ')}` }),
    /** For `custom` events: what happened. */
    name: z.string().min(1).optional(),
    occurredAt: isoTime.optional(),
    properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    source: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((e) => e.leadId !== undefined || e.email !== undefined, {
    message: 'give leadId or email',
    path: ['leadId'],
  });

const OutcomeItem = z
  .object({
    ...LeadRef,
    type: z.enum(OUTCOME_TYPES, { error: `expected one of ${OUTCOME_TYPES.join(', ')}` }),
    occurredAt: isoTime.optional(),
    reason: z.string().min(1).max(2000).optional(),
    amount: z.number().nonnegative().optional(),
    source: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((e) => e.leadId !== undefined || e.email !== undefined, {
    message: 'give leadId or email',
    path: ['leadId'],
  })
  .refine((o) => o.type !== 'rejected' || o.reason !== undefined, {
    message: 'a rejection needs a reason (it teaches the criteria and the model)',
    path: ['reason'],
  });

/** The items of a body: an array, `{ <name>: [...] }`, or one item. */
const itemsOf = (body: unknown, name: string): { items: unknown[]; single: boolean } => {
  if (Array.isArray(body)) return { items: body, single: false };
  const list =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return Array.isArray(list) ? { items: list, single: false } : { items: [body], single: true };
};

interface Problem {
  readonly field: string;
  readonly problem: string;
}

/**
 * Validate each item on its own (one bad item does not sink the batch) and find its lead.
 * Returns the good items with their lead and the problems of the others, each naming its field.
 */
const validateItems = async <
  S extends z.ZodType<{ leadId?: string | undefined; email?: string | undefined }>,
>(
  context: ServiceContext,
  schema: S,
  items: readonly unknown[],
  prefix: string,
  single: boolean,
): Promise<{ ok: Array<{ item: z.output<S>; lead: Lead }>; problems: Problem[] }> => {
  const ok: Array<{ item: z.output<S>; lead: Lead }> = [];
  const problems: Problem[] = [];
  const at = (i: number, path: readonly PropertyKey[]): string => {
    const inner = path.map(String).join('.');
    const head = single ? '' : `${prefix}[${i}]`;
    return [head, inner].filter((s) => s !== '').join('.') || 'body';
  };
  for (const [i, raw] of items.entries()) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ field: at(i, issue.path), problem: issue.message });
      continue;
    }
    const item = parsed.data;
    const lead =
      item.leadId !== undefined
        ? await context.store.leads.getLead(item.leadId)
        : await context.store.leads.findLeadByEmail(item.email ?? '');
    if (lead === undefined) {
      const field = item.leadId !== undefined ? 'leadId' : 'email';
      problems.push({
        field: at(i, [field]),
        problem: `no lead with ${field} ${item.leadId ?? item.email ?? ''}`,
      });
      continue;
    }
    ok.push({ item, lead });
  }
  return { ok, problems };
};

/**
 * A batch read and checked item by item: refused whole (400) when it is empty, too big, or no
 * item is usable; otherwise the usable items with their leads and the others' problems.
 */
const readBatch = async <S extends z.ZodType<{ leadId?: string | undefined; email?: string | undefined }>>(
  context: ServiceContext,
  body: unknown,
  name: 'events' | 'outcomes',
  schema: S,
): Promise<
  | { readonly refused: ReturnType<typeof errorBody> }
  | {
      readonly ok: Array<{ item: z.output<S>; lead: Lead }>;
      readonly problems: Problem[];
      readonly received: number;
    }
> => {
  const { items, single } = itemsOf(body, name);
  if (items.length === 0 || items.length > context.limits.maxBatch) {
    return {
      refused: errorBody(
        'INPUT_INVALID',
        `send 1 to ${context.limits.maxBatch} ${name}, got ${items.length}`,
      ),
    };
  }
  const { ok, problems } = await validateItems(context, schema, items, name, single);
  if (ok.length === 0) {
    const list = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
    return { refused: errorBody('INPUT_INVALID', `no ${name.slice(0, -1)} was recorded: ${list}`, problems) };
  }
  return { ok, problems, received: items.length };
};

/** Behaviour events (which re-score their leads) and outcomes (which the learning loop reads). */
export const eventRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { store } = context;

    app.post(
      '/v1/events',
      {
        config: { scope: 'events:write' },
        schema: {
          summary:
            'Record behaviour events (page views, pricing page, downloads, email opens/clicks/replies, forms); their leads are re-scored',
          tags: ['events'],
        },
      },
      async (request, reply) => {
        const now = isoNow(context.clock);
        const batch = await readBatch(context, request.body, 'events', EventItem);
        if ('refused' in batch) return reply.status(400).send(batch.refused);
        const { ok, problems, received } = batch;
        const activities: Omit<Activity, 'id'>[] = ok.map(({ item, lead }) => ({
          leadId: lead.id,
          type: item.type,
          occurredAt: item.occurredAt ?? now,
          properties: { ...(item.properties ?? {}), ...(item.name === undefined ? {} : { name: item.name }) },
          source: item.source ?? 'api',
        }));
        const ids = await store.leads.addActivities(activities);
        const leadIds = [...new Set(ok.map((o) => o.lead.id))];
        const jobs = await store.service.requalify(leadIds, 'new behaviour events', now);
        context.wake();
        return reply.status(202).send({
          received,
          recorded: ids.length,
          rejected: problems,
          requalifying: leadIds.map((id, i) => ({ leadId: id, jobId: jobs[i] })),
        });
      },
    );

    app.post(
      '/v1/outcomes',
      {
        config: { scope: 'outcomes:write' },
        schema: {
          summary:
            'Record what happened to leads: accepted or rejected by the AE (with a reason), opportunity, won, lost, churned',
          tags: ['outcomes'],
        },
      },
      async (request, reply) => {
        const now = isoNow(context.clock);
        const batch = await readBatch(context, request.body, 'outcomes', OutcomeItem);
        if ('refused' in batch) return reply.status(400).send(batch.refused);
        const { ok, problems, received } = batch;
        const outcomes: Omit<Outcome, 'id'>[] = ok.map(({ item, lead }) => ({
          leadId: lead.id,
          type: item.type,
          occurredAt: item.occurredAt ?? now,
          ...(item.reason === undefined ? {} : { reason: item.reason }),
          ...(item.amount === undefined ? {} : { amount: item.amount }),
          source: item.source ?? `api:${request.apiKey?.name ?? 'unknown'}`,
        }));
        const ids = await store.leads.addOutcomes(outcomes);
        return reply.status(202).send({ received, recorded: ids.length, ids, rejected: problems });
      },
    );
  };
