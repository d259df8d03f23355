import { createTransport } from 'nodemailer';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import type { InboundMessage } from '../../channels/channel-message.js';
import { parseChannelsConfig } from '../../channels/channels-config.js';
import { startSmtpListener } from '../../channels/email/smtp-listener.js';
import { askingCriteria } from '../../channels/test-support/asking-criteria.js';
import { fixedClock } from '../../domain/clock.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';
import { until } from '../../test-support/until.js';

const NOW = '2026-11-26T09:00:00.000Z';
const examples = fileURLToPath(new URL('../../../examples', import.meta.url));

describeStores('the agent’s email round trip through the service', (t) => {
  let service: RunningService | undefined;
  let relay: Awaited<ReturnType<typeof startSmtpListener>> | undefined;
  afterEach(async () => {
    await service?.close();
    await relay?.close();
    service = undefined;
    relay = undefined;
  });

  it('needs_info → first question emailed → reply by SMTP → fact kept, lead re-decided, next question → reply by webhook', async () => {
    const clock = fixedClock(NOW);
    // The prospect's mail server: everything the agent sends to bigco.io lands here.
    const mailbox: { message: InboundMessage; raw: string }[] = [];
    relay = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: ['bigco.io'],
      clock,
      onMessage: async (message, raw) => void mailbox.push({ message, raw: raw.toString('utf8') }),
    });
    const config = parseChannelsConfig(
      `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@acme.example, timeZone: Europe/Berlin, workingHours: { thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } }
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${relay.port}, verifyTls: false, timeoutMs: 5000 }
  listener: { host: 127.0.0.1, port: 0, domains: [replies.acme.example] }
  webhookTokenEnv: INBOUND_TOKEN
  unsubscribe: { publicUrl: "https://leadsift.acme.example", secretEnv: UNSUBSCRIBE_KEY }
`,
      'conversations.yaml',
    );
    service = await startService({
      store: t.store,
      clock,
      app: { logLevel: false },
      pollMs: 20,
      criteria: { text: askingCriteria(), fileName: 'bant.yaml' },
      conversations: {
        config,
        secrets: { emailWebhookToken: 'inbound-secret', unsubscribeSecret: 'unsubscribe-key' },
        baseDir: examples,
      },
    });
    const running = service;
    const { token } = await running.store.service.createApiKey('form', ['leads:write']);
    const posted = await running.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'sam@bigco.io', firstName: 'Sam', lastName: 'Lee', country: 'US' },
    });
    expect(posted.json()).toMatchObject({ status: 'decided', decision: { verdict: 'needs_info' } });
    const leadId = posted.json().id as string;

    const first = await until('the first question', async () => mailbox[0]);
    expect(first.message).toMatchObject({
      to: 'sam@bigco.io',
      subject: 'A quick question, Sam',
      replyTo: [],
    });
    expect(first.message.text).toMatch(/Hi Sam.*your role/s);

    // The prospect answers from their mail program, to the service's own SMTP listener.
    const prospect = createTransport({ host: '127.0.0.1', port: running.smtpPort ?? 0, secure: false });
    await prospect.sendMail({
      from: 'Sam Lee <sam@bigco.io>',
      to: 'dana@replies.acme.example',
      subject: 'Re: A quick question, Sam',
      inReplyTo: first.message.messageId,
      references: [first.message.messageId],
      messageId: '<reply-1@bigco.io>',
      text: `I'm the VP of Sales.\n\nOn Thu, 26 Nov 2026, Dana at Acme wrote:\n> ${first.message.text}\n`,
    });
    const second = await until('the next question', async () => mailbox[1]);
    expect(second.message.text).toContain('Which company are you with?');
    expect(second.message.replyTo[0]).toBe('<reply-1@bigco.io>');
    expect(second.message.subject).toBe('Re: A quick question, Sam');
    const lead = await running.store.leads.getLead(leadId);
    expect(lead?.person.title).toMatchObject({
      value: 'VP of Sales',
      provenance: { source: 'prospect', channel: 'email', messageId: '<reply-1@bigco.io>' },
    });
    // The lead was decided again with what the prospect said.
    await until('the decision re-run', async () =>
      (await running.store.leads.listDecisions(leadId)).length >= 2 ? true : undefined,
    );

    // The next reply arrives by the inbound-mail webhook (Mailgun's fields), threaded by In-Reply-To.
    const refused = await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=wrong',
      payload: { from: 'sam@bigco.io', text: 'Acme' },
    });
    expect(refused.statusCode).toBe(401);
    const hook = await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=inbound-secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        sender: 'sam@bigco.io',
        recipient: 'dana@replies.acme.example',
        subject: 'Re: A quick question, Sam',
        'Message-Id': '<reply-2@bigco.io>',
        'In-Reply-To': second.message.messageId,
        'body-plain': 'BigCo Analytics',
      }).toString(),
    });
    expect(hook.statusCode).toBe(202);
    const third = await until('the answer to the second reply', async () => mailbox[2]);
    expect(third.message.replyTo[0]).toBe('<reply-2@bigco.io>');

    // A provider's retry of the same message is recognised and not answered twice.
    await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=inbound-secret',
      payload: {
        from: 'sam@bigco.io',
        'Message-Id': '<reply-2@bigco.io>',
        'In-Reply-To': second.message.messageId,
        text: 'BigCo Analytics',
      },
    });
    const [conversation] = await running.store.conversations.ofLead(leadId);
    const transcript = await running.store.conversations.transcript(conversation?.state.id ?? '');
    await until('the retry to be handled', async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'ready', limit: 10 })).jobs.length === 0
        ? true
        : undefined,
    );
    const after = await running.store.conversations.transcript(conversation?.state.id ?? '');
    expect(after).toHaveLength(transcript.length);
    expect(after.filter((m) => m.direction === 'inbound').map((m) => m.messageId)).toEqual([
      '<reply-1@bigco.io>',
      '<reply-2@bigco.io>',
    ]);
    // Every outbound message went out once, with the Message-ID the prospect's replies thread to.
    expect(after.filter((m) => m.direction === 'outbound').every((m) => m.messageId !== undefined)).toBe(
      true,
    );
    expect(mailbox).toHaveLength(3);
    prospect.close();

    // Every email carries a one-click unsubscribe (RFC 8058); following it opts the lead out.
    const link = /^List-Unsubscribe:\s*<(https:\/\/leadsift\.acme\.example(\/[^>]+))>/m.exec(first.raw);
    expect(first.message.text).toContain(`Unsubscribe with one click: ${link?.[1] ?? '?'}`);
    const path = link?.[2] ?? '';
    const tampered = await running.app.inject({ method: 'POST', url: `${path.slice(0, -2)}xx` });
    expect(tampered.statusCode).toBe(404);
    const looked = await running.app.inject({ method: 'GET', url: path });
    expect(looked.body).toContain('<form method="post">');
    expect((await running.store.leads.getLead(leadId))?.consent.optedOutAt).toBeUndefined();
    const unsubscribed = await running.app.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.statusCode).toBe(200);
    expect((await running.store.leads.getLead(leadId))?.consent).toMatchObject({
      email: false,
      optedOutAt: NOW,
    });
    expect((await running.store.conversations.load(conversation?.state.id ?? ''))?.state.ending).toEqual({
      kind: 'opted_out',
    });
  });
});
