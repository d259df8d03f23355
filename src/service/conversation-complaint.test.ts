import { expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { campaignWorld, conversationsFile } from './test-support/campaign-world.js';
import { arf } from './test-support/feedback-report-mail.js';

const NOW = '2026-11-26T09:00:00.000Z';

describeStores('a spam complaint about the agent’s own email', (t) => {
  const world = campaignWorld();

  it('opts the lead out and ends the conversation, once, when a feedback report about its email arrives over SMTP', async () => {
    const clock = fixedClock(NOW);
    const { port, mailbox } = await world.startRelay(clock, ['bigco.io']);
    const conversations = conversationsFile(
      `
knowledge: knowledge
timeZone: Europe/Berlin
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${port}, verifyTls: false, timeoutMs: 5000 }
  listener: { host: 127.0.0.1, port: 0, domains: [replies.acme.example] }
  unsubscribe: { publicUrl: "https://leadsift.acme.example", secretEnv: UNSUBSCRIBE_KEY }
`,
      { unsubscribeSecret: 'unsubscribe-key' },
    );
    const running = await world.startService(t.store, clock, conversations);
    const { token } = await running.store.service.createApiKey('form', ['leads:write']);
    const posted = await running.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'sam@bigco.io', firstName: 'Sam', lastName: 'Lee', country: 'US' },
    });
    const leadId = posted.json().id as string;
    const first = await until('the first question', async () => mailbox[0]);
    const [conversation] = await running.store.conversations.ofLead(leadId);
    const conversationId = conversation?.state.id ?? '';
    expect(conversation?.state.status).toBe('active');

    // Sam's provider reports that he marked the agent's email as spam, twice (a redelivery).
    const smtp = world.mailToService(running);
    const report = arf({ id: '<fbl-1@hotmail.example>', recipient: 'sam@bigco.io', original: first.raw });
    await smtp.sendMail({
      envelope: { from: 'staff@hotmail.example', to: ['fbl@replies.acme.example'] },
      raw: report,
    });
    await until('the lead opted out', async () =>
      (await running.store.leads.getLead(leadId))?.consent.optedOutAt === NOW ? true : undefined,
    );
    await smtp.sendMail({
      envelope: { from: 'staff@hotmail.example', to: ['fbl@replies.acme.example'] },
      raw: report,
    });
    await until('the inbound jobs to run', async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'ready', limit: 5 })).jobs.length === 0
        ? true
        : undefined,
    );
    expect((await running.store.leads.getLead(leadId))?.consent).toMatchObject({
      email: false,
      sms: false,
      optedOutAt: NOW,
    });
    const ended = await running.store.conversations.load(conversationId);
    expect(ended?.state).toMatchObject({ status: 'ended', ending: { kind: 'opted_out' } });
    // The report is no turn of the conversation, and nothing was sent in answer to it.
    const transcript = await running.store.conversations.transcript(conversationId);
    expect(transcript.filter((m) => m.direction === 'inbound')).toEqual([]);
    expect(mailbox).toHaveLength(1);
  });
});
