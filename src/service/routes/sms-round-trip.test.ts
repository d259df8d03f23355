import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { parseChannelsConfig } from '../../channels/channels-config.js';
import { twilioSignature } from '../../channels/sms/twilio-signature.js';
import { askingCriteria } from '../../channels/test-support/asking-criteria.js';
import { startLocalTwilio } from '../../channels/test-support/local-twilio.js';
import { fixedClock } from '../../domain/clock.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';
import { until } from '../../test-support/until.js';

const NOW = '2026-11-26T15:00:00.000Z';
const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
const ACCOUNT = { sid: 'AC00000000000000000000000000000009', token: 'twilio-secret' };
const HOOK = 'https://leadsift.acme.example/v1/channels/sms/inbound';

describeStores('the agent over SMS (Twilio webhook and Messages API)', (t) => {
  let service: RunningService | undefined;
  let twilio: Awaited<ReturnType<typeof startLocalTwilio>> | undefined;
  afterEach(async () => {
    await service?.close();
    await twilio?.close();
    service = undefined;
    twilio = undefined;
  });

  it('texts the first question, takes signed replies only, and STOP ends it for good', async () => {
    twilio = await startLocalTwilio(ACCOUNT);
    const config = parseChannelsConfig(
      `
timeZone: America/New_York
firstChannel: sms
sms:
  accountSidEnv: TWILIO_SID
  authTokenEnv: TWILIO_TOKEN
  from: "+15550100999"
  baseUrl: ${twilio.base}
  webhookUrl: ${HOOK}
`,
      'conversations.yaml',
    );
    service = await startService({
      store: t.store,
      clock: fixedClock(NOW),
      app: { logLevel: false },
      pollMs: 20,
      criteria: { text: askingCriteria(), fileName: 'bant.yaml' },
      conversations: {
        config,
        secrets: { twilio: { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token } },
        baseDir: examples,
      },
    });
    const running = service;
    const messages = twilio.messages;
    const { token } = await running.store.service.createApiKey('form', ['leads:write']);
    const posted = await running.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'sam@bigco.io', phone: '+1 415 555 0100', country: 'US', consent_sms: 'yes' },
    });
    expect(posted.json()).toMatchObject({ decision: { verdict: 'needs_info' } });
    const first = await until('the first text', () => messages[0]);
    expect(first).toMatchObject({ to: '+14155550100', from: '+15550100999' });
    expect(first.body).toMatch(/your role/);

    const reply = (sid: string, body: string, signature?: string) => {
      const params = { MessageSid: sid, From: '+14155550100', To: '+15550100999', Body: body };
      return running.app.inject({
        method: 'POST',
        url: '/v1/channels/sms/inbound',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signature ?? twilioSignature(ACCOUNT.token, HOOK, params),
        },
        payload: new URLSearchParams(params).toString(),
      });
    };
    const forged = await reply('SM1', 'I am the CEO', 'bm90IGEgc2lnbmF0dXJl');
    expect(forged.statusCode).toBe(403);
    const answered = await reply('SM2', "I'm the head of marketing");
    expect(answered.statusCode).toBe(200);
    expect(answered.headers['content-type']).toMatch(/text\/xml/);
    const second = await until('the next question', () => messages[1]);
    expect(second.body).toContain('Which company are you with?');

    expect((await reply('SM3', 'STOP')).statusCode).toBe(200);
    const leadId = posted.json().id as string;
    const consent = await until('the opt-out', async () => {
      const lead = await running.store.leads.getLead(leadId);
      return lead?.consent.optedOutAt === undefined ? undefined : lead.consent;
    });
    expect(consent).toMatchObject({ sms: false, email: false, optedOutAt: NOW });
    await until('the jobs to settle', async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'ready', limit: 5 })).jobs.length === 0
        ? true
        : undefined,
    );
    // Twilio confirms a STOP itself; leadsift sends nothing more, and a person cannot either.
    expect(messages).toHaveLength(2);
    const [conversation] = await running.store.conversations.ofLead(leadId);
    expect(conversation?.state.ending).toEqual({ kind: 'opted_out' });
    const { token: rep } = await running.store.service.createApiKey('rep', ['leads:write']);
    const person = await running.app.inject({
      method: 'POST',
      url: `/v1/conversations/${conversation?.state.id ?? ''}/messages`,
      headers: { authorization: `Bearer ${rep}` },
      payload: { text: 'Sorry to see you go!' },
    });
    expect(person.statusCode).toBe(409);
    expect(twilio.problems).toEqual([]);
  });
});
