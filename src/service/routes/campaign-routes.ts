import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/app-error.js';
import { campaignResults } from '../../outbound/campaign-results.js';
import type { MessageStatus } from '../../outbound/outbound-store.js';
import { recordComplaint } from '../../outbound/record-complaint.js';
import { decideMessages, pauseCampaign, resumeCampaign } from '../../outbound/run-campaign.js';
import { unsubscribeContact } from '../../outbound/unsubscribe-contact.js';
import type { ServiceContext } from '../service-context.js';

const MESSAGE_STATUSES = [
  'awaiting_approval',
  'queued',
  'sent',
  'rejected',
  'cancelled',
  'failed',
] as const satisfies readonly MessageStatus[];
const Id = z.object({ id: z.string().min(1).max(64) });

/**
 * Outbound campaigns (issue 11): the list, each campaign's results, its messages (the approval
 * queue by default) with the facts each used, approving or rejecting them, pausing and resuming,
 * the audit log; and the public one-click unsubscribe every email links to.
 */
export const campaignRoutes =
  (context: ServiceContext): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { store } = context;
    const deps = { store: store.outbound };
    const actor = (request: { apiKey?: { name: string } }): string => request.apiKey?.name ?? 'unknown';

    app.get(
      '/v1/campaigns',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'Outbound campaigns, newest last, with their status and mode',
          tags: ['campaigns'],
        },
      },
      async () => ({
        campaigns: (await store.outbound.listCampaigns()).map((c) => ({
          id: c.id,
          name: c.name,
          mode: c.config.mode,
          status: c.status,
          ...(c.pauseReason === undefined ? {} : { pauseReason: c.pauseReason }),
          ...(c.preparedAt === undefined ? {} : { preparedAt: c.preparedAt }),
          createdAt: c.createdAt,
        })),
      }),
    );

    app.get(
      '/v1/campaigns/:id/results',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'A campaign’s results: accounts reached, contacts found, messages sent, reply rate by class, qualified leads, meetings booked, hours from the first message to the meeting (the booked slot’s start)',
          tags: ['campaigns'],
          params: Id,
        },
      },
      async (request) => {
        const results = await campaignResults(
          { store: store.outbound, conversations: store.conversations },
          request.params.id,
        );
        if (results === undefined)
          throw new AppError('NOT_FOUND', { message: `no campaign ${request.params.id}` });
        return results;
      },
    );

    app.get(
      '/v1/campaigns/:id/messages',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary:
            'A campaign’s messages (awaiting approval by default), each with its recipient, text and the facts it used',
          tags: ['campaigns'],
          params: Id,
          querystring: z.object({
            status: z.enum(MESSAGE_STATUSES).default('awaiting_approval'),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
        },
      },
      async (request) => {
        const campaign = await store.outbound.getCampaign(request.params.id);
        if (campaign === undefined)
          throw new AppError('NOT_FOUND', { message: `no campaign ${request.params.id}` });
        const messages = await store.outbound.listMessages(campaign.id, { status: request.query.status });
        const contacts = new Map((await store.outbound.listContacts(campaign.id)).map((c) => [c.id, c]));
        return {
          total: messages.length,
          messages: messages.slice(0, request.query.limit).map((m) => {
            const c = contacts.get(m.contactId);
            return {
              ...m,
              ...(c?.name === undefined ? {} : { name: c.name }),
              ...(c?.persona === undefined ? {} : { persona: c.persona }),
            };
          }),
        };
      },
    );

    app.post(
      '/v1/campaigns/:id/messages/decisions',
      {
        config: { scope: 'review:write' },
        schema: {
          summary:
            'Approve or reject messages awaiting approval (review mode); one result per message, the approver logged',
          tags: ['campaigns'],
          params: Id,
          body: z
            .object({
              decision: z.enum(['approve', 'reject']),
              ids: z.array(z.string().min(1)).min(1).max(1000),
            })
            .strict(),
        },
      },
      async (request) => ({
        results: await decideMessages(
          deps,
          request.params.id,
          request.body.ids,
          request.body.decision,
          actor(request),
        ),
      }),
    );

    app.post(
      '/v1/campaigns/:id/pause',
      {
        config: { scope: 'review:write' },
        schema: {
          summary: 'Pause a campaign: nothing is sent until it is resumed',
          tags: ['campaigns'],
          params: Id,
          body: z
            .object({ reason: z.string().min(1).max(500).optional() })
            .strict()
            .optional(),
        },
      },
      async (request) => {
        await pauseCampaign(deps, request.params.id, actor(request), request.body?.reason);
        return { id: request.params.id, status: 'paused' };
      },
    );

    app.post(
      '/v1/campaigns/:id/resume',
      {
        config: { scope: 'review:write' },
        schema: { summary: 'Start or resume sending (a prepared campaign)', tags: ['campaigns'], params: Id },
      },
      async (request) => {
        await resumeCampaign(deps, request.params.id, actor(request));
        return { id: request.params.id, status: 'active' };
      },
    );

    app.post(
      '/v1/campaigns/:id/complaints',
      {
        config: { scope: 'review:write' },
        schema: {
          summary:
            'A spam complaint about a campaign message (a feedback loop, or a person): the address is suppressed, the contact stops, and the complaint rate may pause the campaign',
          tags: ['campaigns'],
          params: Id,
          body: z.object({ email: z.email() }).strict(),
        },
      },
      async (request) =>
        recordComplaint(
          { store: store.outbound, leads: store.leads, clock: context.clock },
          request.params.id,
          request.body.email,
          actor(request),
        ),
    );

    app.get(
      '/v1/campaigns/:id/audit',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'Every message written, approved, sent, and every pause, with who and when',
          tags: ['campaigns'],
          params: Id,
        },
      },
      async (request) => ({ entries: await store.outbound.audit(request.params.id) }),
    );

    // Public: the link in every email and the List-Unsubscribe-Post one-click target (RFC 8058).
    const unsubscribe = async (token: string) => {
      await unsubscribeContact({ store: store.outbound, leads: store.leads, clock: context.clock }, token);
      return 'You are unsubscribed: you will not get any more of these emails.';
    };
    const Token = z.object({ token: z.string().min(8).max(128) });
    app.get(
      '/v1/unsubscribe/:token',
      {
        schema: { summary: 'Unsubscribe (the link in campaign emails)', tags: ['campaigns'], params: Token },
      },
      async (request, reply) =>
        reply.type('text/plain; charset=utf-8').send(await unsubscribe(request.params.token)),
    );
    app.post(
      '/v1/unsubscribe/:token',
      {
        schema: {
          summary: 'One-click unsubscribe (RFC 8058 List-Unsubscribe-Post)',
          tags: ['campaigns'],
          params: Token,
        },
      },
      async (request, reply) =>
        reply.type('text/plain; charset=utf-8').send(await unsubscribe(request.params.token)),
    );
  };
