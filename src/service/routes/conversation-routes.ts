import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { InboundMessage } from '../../channels/channel-message.js';
import type { ConversationLink } from '../../channels/channel-store.js';
import { CONVERSE_JOB } from '../../channels/converse/converse-deps.js';
import type { ChannelRuntime } from '../../channels/converse/channel-runtime.js';
import type { ConversePayload } from '../../channels/converse/run-converse-job.js';
import { hashSession, startChat } from '../../channels/converse/start-chat.js';
import { optOutOf, sendAsPerson, setTakeover } from '../../channels/converse/take-over.js';
import { readUnsubscribeToken } from '../../channels/converse/unsubscribe-token.js';
import { linkOf, messagesAfter, takeTurn } from '../../channels/converse/take-turn.js';
import { readWebhookEmail } from '../../channels/email/read-webhook-email.js';
import { readSms } from '../../channels/sms/read-sms.js';
import { verifyTwilioSignature } from '../../channels/sms/twilio-signature.js';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import { WIDGET_SCRIPT } from '../widget/widget-script.js';
import type { ServiceContext } from '../service-context.js';

const Text = z.string().trim().min(1).max(4000);
const Id = z.object({ id: z.string().min(1).max(200) });
const After = z.object({ after: z.coerce.number().int().min(0).default(0) });

const sameSecret = (given: string | undefined, expected: string): boolean => {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The public chat is limited per browser (its session) and per address when opening chats, far
 * below the API keys' limit: anyone may call it.
 */
const chatKey = (request: FastifyRequest): string => {
  const session = request.headers['x-chat-session'];
  return typeof session === 'string' && session !== '' ? `chat:${session}` : request.ip;
};

const cors = (reply: FastifyReply, origin: string | undefined): void => {
  void reply
    .header('access-control-allow-origin', origin ?? '*')
    .header('vary', 'origin')
    .header('access-control-allow-headers', 'content-type, x-chat-session')
    .header('access-control-allow-methods', 'GET, POST, OPTIONS');
};

/**
 * Conversations over HTTP: the chat widget and its public API (a site key opens a chat, the
 * session token reads and writes only that chat), inbound email and SMS webhooks (each checked
 * by its secret or Twilio's signature, queued as a job before it is acknowledged), and the API
 * a person uses to read, take over and answer a conversation.
 */
export const conversationRoutes =
  (context: ServiceContext, runtime: ChannelRuntime): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    const { deps } = runtime;
    const sites = deps.config.chat.sites;

    app.addContentTypeParser(
      ['application/x-www-form-urlencoded'],
      { parseAs: 'string' },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    app.addContentTypeParser(['message/rfc822'], { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );

    const sessionOf = async (request: FastifyRequest, fromQuery?: string): Promise<ConversationLink> => {
      const header = request.headers['x-chat-session'];
      const token = typeof header === 'string' && header !== '' ? header : fromQuery;
      const link =
        typeof token === 'string' && token !== ''
          ? await deps.links.bySession(hashSession(token))
          : undefined;
      if (link === undefined)
        throw new AppError('NOT_FOUND', {
          message:
            'no chat session with this token: send the X-Chat-Session header POST /chat/v1/sessions gave',
          details: { field: 'x-chat-session' },
        });
      return link;
    };
    const statusOf = async (conversationId: string) => {
      const record = await deps.conversations.load(conversationId);
      return { status: record?.state.status ?? 'ended', ending: record?.state.ending?.kind ?? null };
    };

    app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .header('content-type', 'text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(WIDGET_SCRIPT),
    );
    app.options('/chat/v1/*', { schema: { hide: true } }, async (request, reply) => {
      cors(reply, request.headers.origin);
      return reply.status(204).send();
    });

    app.post(
      '/chat/v1/sessions',
      {
        config: {
          rateLimit: {
            max: deps.config.chat.sessionsPerMinute,
            timeWindow: 60_000,
            keyGenerator: (request) => request.ip,
          },
        },
        schema: {
          summary:
            'Open a chat from the widget: a site key and the visitor’s email (the lead is created or found)',
          tags: ['chat'],
          security: [],
          body: z.object({
            site: z.string().min(1),
            email: z.email(),
            firstName: z.string().max(100).optional(),
            lastName: z.string().max(100).optional(),
            company: z.string().max(200).optional(),
            country: z.string().max(100).optional(),
            timeZone: z.string().max(64).optional(),
          }),
        },
      },
      async (request, reply) => {
        const origin = request.headers.origin;
        const site = sites.find((s) => s.key === request.body.site);
        if (site === undefined)
          throw new AppError('NOT_FOUND', {
            message: 'no chat site with this key; check the data-site attribute of the widget',
            details: { field: 'site' },
          });
        if (site.origins !== undefined && (origin === undefined || !site.origins.includes(origin)))
          throw new AppError('INPUT_INVALID', {
            message: `the chat site "${site.name}" is not allowed on ${origin ?? 'a page without an origin'}`,
            details: { field: 'origin' },
          });
        cors(reply, origin);
        const { site: _site, timeZone, ...fields } = request.body;
        const arrivedAt = isoNow(context.clock);
        const { accepted, rejected } = intakeJsonLeads([{ ...fields, source: `Chat: ${site.name}` }], {
          origin: 'chat',
          receivedAt: arrivedAt,
          ...(context.defaultCountry === undefined ? {} : { defaultCountry: context.defaultCountry }),
        });
        const draft = accepted[0]?.draft;
        if (draft === undefined)
          throw new AppError('INPUT_INVALID', {
            message: `the visitor could not be taken as a lead: ${rejected.map((r) => `${r.field ?? 'lead'}: ${r.problem}`).join('; ')}`,
            details: { field: rejected[0]?.field ?? 'email' },
          });
        const result = await context.store.service.acceptLeads({
          drafts: [draft],
          arrivedAt,
          firstJob: context.firstJob,
          respond: () => ({ status: 202, body: {} }),
        });
        const leadId = result.replayed ? undefined : result.leads[0]?.id;
        const lead = leadId === undefined ? undefined : await context.store.leads.getLead(leadId);
        if (lead === undefined)
          throw new AppError('CONFLICT', { message: 'the visitor’s lead could not be stored; try again' });
        context.wake([context.firstJob]);
        const validZone = timeZone !== undefined && isZone(timeZone) ? timeZone : undefined;
        const chat = await startChat(deps, lead, {
          openedBy: `site:${site.key}`,
          ...(validZone === undefined ? {} : { timeZone: validZone }),
        });
        return reply.status(201).send({ ...chat, ...(await statusOf(chat.conversationId)) });
      },
    );

    app.post(
      '/chat/v1/messages',
      {
        config: {
          rateLimit: { max: deps.config.chat.messagesPerMinute, timeWindow: 60_000, keyGenerator: chatKey },
        },
        schema: {
          summary: 'Send the visitor’s message; answers with the agent’s replies (the new messages)',
          tags: ['chat'],
          security: [],
          body: z.object({ text: Text }),
        },
      },
      async (request, reply) => {
        cors(reply, request.headers.origin);
        const link = await sessionOf(request);
        const before = (await deps.conversations.transcript(link.conversationId)).at(-1)?.seq ?? 0;
        const turn = await takeTurn(deps, link.conversationId, { text: request.body.text });
        // A booking stored its invitation's job with the turn: the worker need not wait for its poll.
        if (turn.ending?.kind === 'booked') runtime.wake();
        return {
          conversationId: link.conversationId,
          messages: await messagesAfter(deps, link.conversationId, before),
          status: turn.status,
          ending: turn.ending?.kind ?? null,
          heldByPerson: turn.heldByPerson,
        };
      },
    );

    app.get(
      '/chat/v1/messages',
      {
        schema: {
          summary: 'The chat’s messages after seq N (poll with the last seq seen)',
          tags: ['chat'],
          security: [],
          querystring: After,
        },
      },
      async (request, reply) => {
        cors(reply, request.headers.origin);
        const link = await sessionOf(request);
        return {
          conversationId: link.conversationId,
          messages: await messagesAfter(deps, link.conversationId, request.query.after),
          ...(await statusOf(link.conversationId)),
        };
      },
    );

    // Streams end when the server closes, so that they do not hold its shutdown.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.get(
      '/chat/v1/stream',
      {
        schema: {
          summary:
            'The chat’s messages as server-sent events (one `message` event per message, `id` its seq); EventSource sends the token as ?session=',
          tags: ['chat'],
          security: [],
          querystring: After.extend({ session: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const link = await sessionOf(request, request.query.session);
        const lastEventId = Number(request.headers['last-event-id']);
        let after = Number.isInteger(lastEventId) && lastEventId > 0 ? lastEventId : request.query.after;
        cors(reply, request.headers.origin);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
          ...Object.fromEntries(Object.entries(reply.getHeaders()).map(([k, v]) => [k, String(v)])),
        });
        let open = true;
        request.raw.on('close', () => {
          open = false;
        });
        // Messages are read from the store, so a turn taken by any process (or a person) shows up.
        let quietFor = 0;
        while (open && !closing) {
          const messages = await messagesAfter(deps, link.conversationId, after);
          for (const m of messages) {
            raw.write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
            after = m.seq;
          }
          quietFor = messages.length > 0 ? 0 : quietFor + runtime.streamPollMs;
          if (quietFor >= 15_000) {
            raw.write(': still here\n\n');
            quietFor = 0;
          }
          await new Promise((resolve) => setTimeout(resolve, runtime.streamPollMs));
        }
        raw.end();
      },
    );

    /** Queue an inbound message as a job (acknowledged once stored, so nothing is lost). */
    const enqueueInbound = async (message: InboundMessage): Promise<string | undefined> => {
      const payload: ConversePayload = { type: 'inbound', message };
      const [jobId] = await deps.enqueue([{ kind: CONVERSE_JOB, payload }]);
      runtime.wake();
      return jobId;
    };

    app.post(
      '/v1/channels/email/inbound',
      {
        schema: {
          summary:
            'An inbound-mail webhook: the raw message (message/rfc822 or text/plain, or JSON/form "raw"), or Mailgun/SendGrid parsed fields',
          tags: ['channels'],
          security: [],
          querystring: z.object({ token: z.string().optional() }),
        },
      },
      async (request, reply) => {
        const expected = runtime.secrets.emailWebhookToken;
        const header = request.headers['x-leadsift-token'];
        const given = typeof header === 'string' ? header : request.query.token;
        if (expected === undefined)
          throw new AppError('NOT_FOUND', {
            message: 'the inbound email webhook is off: set email.webhookTokenEnv in the conversations file',
          });
        if (!sameSecret(given, expected))
          return reply.status(401).send({
            error: {
              code: 'UNAUTHENTICATED',
              message: 'the webhook token (X-Leadsift-Token or ?token=) is wrong',
            },
          });
        const body = request.body;
        const fields: Record<string, unknown> =
          typeof body === 'string'
            ? { raw: body }
            : body !== null && typeof body === 'object'
              ? (body as Record<string, unknown>)
              : {};
        const message = await readWebhookEmail(fields, isoNow(context.clock));
        const jobId = await enqueueInbound(message);
        return reply.status(202).send({ accepted: true, messageId: message.messageId, jobId });
      },
    );

    /** The conversation an unsubscribe link names, or NOT_FOUND (a link from elsewhere, or altered). */
    const unsubscribing = (token: string): string => {
      const secret = runtime.secrets.unsubscribeSecret;
      const id = secret === undefined ? undefined : readUnsubscribeToken(secret, token);
      if (id === undefined)
        throw new AppError('NOT_FOUND', {
          message: 'this unsubscribe link is not one of ours, or was altered',
        });
      return id;
    };
    const page = (reply: FastifyReply, body: string) =>
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .send(
          `<!doctype html><meta charset="utf-8"><title>Unsubscribe</title><body style="font:16px system-ui;margin:3em">${body}</body>`,
        );
    app.get(
      '/v1/channels/email/unsubscribe/:token',
      { schema: { hide: true, params: z.object({ token: z.string().min(1).max(300) }) } },
      async (request, reply) => {
        unsubscribing(request.params.token);
        // A page with a button: mail scanners follow links, and only a person's POST unsubscribes.
        return page(
          reply,
          '<form method="post"><p>Stop all messages from us?</p><button name="List-Unsubscribe" value="One-Click">Unsubscribe</button></form>',
        );
      },
    );
    app.post(
      '/v1/channels/email/unsubscribe/:token',
      {
        schema: {
          summary: 'One-click unsubscribe (RFC 8058): the lead is opted out of every channel at once',
          tags: ['channels'],
          security: [],
          params: z.object({ token: z.string().min(1).max(300) }),
        },
      },
      async (request, reply) => {
        await optOutOf(deps, unsubscribing(request.params.token));
        return page(reply, "<p>You're unsubscribed and won't hear from us again.</p>");
      },
    );

    app.post(
      '/v1/channels/sms/inbound',
      {
        schema: {
          summary: 'Twilio’s inbound SMS webhook (form-encoded, X-Twilio-Signature checked)',
          tags: ['channels'],
          security: [],
        },
      },
      async (request, reply) => {
        const sms = deps.config.sms;
        const twilio = runtime.secrets.twilio;
        if (sms === undefined || twilio === undefined)
          throw new AppError('NOT_FOUND', {
            message: 'the SMS channel is off: add an sms section to the conversations file',
          });
        const params = (request.body ?? {}) as Record<string, string>;
        const signature = request.headers['x-twilio-signature'];
        if (
          !verifyTwilioSignature(
            twilio.authToken,
            sms.webhookUrl,
            params,
            typeof signature === 'string' ? signature : undefined,
          )
        )
          return reply.status(403).send({
            error: {
              code: 'FORBIDDEN',
              message: `X-Twilio-Signature does not match a request to ${sms.webhookUrl}`,
            },
          });
        await enqueueInbound(readSms(params, isoNow(context.clock)));
        // An empty TwiML answer: replies go out through the Messages API once the job has run.
        return reply
          .header('content-type', 'text/xml')
          .send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
      },
    );

    app.post(
      '/v1/leads/:id/conversations',
      {
        config: { scope: 'leads:write' },
        schema: {
          summary:
            'Open a conversation with a lead: a chat (answers with its session token for the widget), or email/SMS from the agent',
          tags: ['conversations'],
          params: Id,
          body: z.object({
            channel: z.enum(['chat', 'email', 'sms']).default('chat'),
            timeZone: z.string().optional(),
          }),
        },
      },
      async (request, reply) => {
        const lead = await context.store.leads.getLead(request.params.id);
        if (lead === undefined)
          throw new AppError('NOT_FOUND', {
            message: `no lead ${request.params.id}`,
            details: { field: 'id' },
          });
        const by = `key:${request.apiKey?.name ?? 'unknown'}`;
        const { channel, timeZone } = request.body;
        if (timeZone !== undefined && !isZone(timeZone))
          throw new AppError('INPUT_INVALID', {
            message: `timeZone: unknown zone ${timeZone}`,
            details: { field: 'timeZone' },
          });
        if (channel === 'chat') {
          const chat = await startChat(deps, lead, {
            openedBy: by,
            ...(timeZone === undefined ? {} : { timeZone }),
          });
          return reply.status(201).send({ ...chat, ...(await statusOf(chat.conversationId)) });
        }
        const payload: ConversePayload = {
          type: 'open',
          leadId: lead.id,
          decisionId: `manual-${deps.newId()}`,
        };
        const [jobId] = await deps.enqueue([{ kind: CONVERSE_JOB, leadId: lead.id, payload }]);
        runtime.wake();
        return reply.status(202).send({ queued: true, jobId, conversationId: `agent-${payload.decisionId}` });
      },
    );

    const view = async (conversationId: string) => {
      const link = await linkOf(deps, conversationId);
      const record = await deps.conversations.load(conversationId);
      return {
        id: conversationId,
        leadId: link.leadId,
        channel: link.channel,
        address: link.address ?? null,
        openedBy: link.openedBy,
        takenOverBy: link.takenOverBy ?? null,
        takenOverAt: link.takenOverAt ?? null,
        status: record?.state.status ?? 'ended',
        ending: record?.state.ending ?? null,
        verdict: record?.state.verdict ?? null,
        answers: record?.state.answers ?? {},
        followUps: record?.state.followUps ?? [],
        createdAt: link.createdAt,
      };
    };

    app.get(
      '/v1/conversations/:id',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'A conversation: its channel, who holds it, its state and transcript',
          tags: ['conversations'],
          params: Id,
        },
      },
      async (request) => ({
        ...(await view(request.params.id)),
        messages: await deps.conversations.transcript(request.params.id),
      }),
    );
    app.get(
      '/v1/conversations/:id/messages',
      {
        config: { scope: 'leads:read' },
        schema: {
          summary: 'A conversation’s messages after seq N',
          tags: ['conversations'],
          params: Id,
          querystring: After,
        },
      },
      async (request) => {
        await linkOf(deps, request.params.id);
        return { messages: await messagesAfter(deps, request.params.id, request.query.after) };
      },
    );
    app.post(
      '/v1/conversations/:id/takeover',
      {
        config: { scope: 'leads:write' },
        schema: {
          summary: 'A person takes the conversation over: the agent stops answering',
          tags: ['conversations'],
          params: Id,
          body: z.object({ by: z.string().min(1).max(200).optional() }).default({}),
        },
      },
      async (request) => {
        await setTakeover(
          deps,
          request.params.id,
          request.body.by ?? `key:${request.apiKey?.name ?? 'unknown'}`,
        );
        return view(request.params.id);
      },
    );
    app.delete(
      '/v1/conversations/:id/takeover',
      {
        config: { scope: 'leads:write' },
        schema: { summary: 'Hand the conversation back to the agent', tags: ['conversations'], params: Id },
      },
      async (request) => {
        await setTakeover(deps, request.params.id, undefined);
        return view(request.params.id);
      },
    );
    app.post(
      '/v1/conversations/:id/messages',
      {
        config: { scope: 'leads:write' },
        schema: {
          summary: 'A person’s message to the prospect (takes the conversation over); sent on its channel',
          tags: ['conversations'],
          params: Id,
          body: z.object({ text: Text, by: z.string().min(1).max(200).optional() }),
        },
      },
      async (request, reply) => {
        const by = request.body.by ?? `key:${request.apiKey?.name ?? 'unknown'}`;
        const sent = await sendAsPerson(deps, request.params.id, by, request.body.text);
        if (sent.queued) runtime.wake();
        return reply.status(201).send({
          message: sent.message,
          takenOverBy: sent.link.takenOverBy ?? by,
          queued: sent.queued,
        });
      },
    );
  };

const isZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
