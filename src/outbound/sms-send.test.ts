import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { createSmsSender, TWILIO_UNSUBSCRIBED } from '../channels/sms/send-sms.js';
import { startLocalTwilio } from '../channels/test-support/local-twilio.js';
import { fixedClock } from '../domain/clock.js';
import type { Consent, LeadDraft } from '../domain/lead.js';
import { describeStores } from '../test-support/describe-stores.js';
import { draftLead, fromInput } from '../test-support/lead-drafts.js';
import { parseCampaign } from './campaign-config.js';
import { sendDueMessages } from './send-due-messages.js';

const AT = '2026-11-26T10:00:00.000Z'; // a Thursday, 11:00 in Berlin
const ACCOUNT = { sid: 'AC00000000000000000000000000000021', token: 'tok' };

const CAMPAIGN = `name: Texts
targets: { domains: [a.example] }
personas: [{ name: Sales, functions: [sales], minSeniority: director }]
channel: sms
mode: autonomous
sender: { name: Dana Kim, email: dana@acme.example }
timeZone: Europe/Berlin
limits: { perDay: 10, perDomainPerDay: 10, minGapSeconds: 0 }
sequence:
  - { afterDays: 0, template: 'Hi there. Reply STOP to opt out' }
pause: { bounceRate: 0.01, complaintRate: 0.01, minSent: 1 }
`;

const withPhone = (email: string, phone: string, consent: Consent): LeadDraft => {
  const base = draftLead({ email, at: AT });
  return { ...base, person: { ...base.person, phone: { value: phone, provenance: fromInput(AT) } }, consent };
};

describeStores('sendDueMessages over SMS', (t) => {
  let twilio: Awaited<ReturnType<typeof startLocalTwilio>> | undefined;
  afterEach(async () => {
    await twilio?.close();
  });

  it('treats a number Twilio refuses as opted out (21610) as an opt-out, not a bounce, and withholds a lead without consent', async () => {
    twilio = await startLocalTwilio(ACCOUNT, [
      { status: 400, code: TWILIO_UNSUBSCRIBED, message: 'Attempt to send to unsubscribed recipient' },
    ]);
    const store = t.store.outbound;
    const config = parseCampaign(CAMPAIGN, 'c.yaml');
    await store.createCampaign({ id: 'texts', name: config.name, config }, 'dana');
    const [stopped, unknown] = await t.store.leads.upsertLeads([
      withPhone('sam@a.example', '+14155550111', { sms: true }),
      withPhone('kim@a.example', '+14155550112', {}),
    ]);
    const contact = (n: number, leadId: string) => ({
      id: `c${n}`,
      campaignId: 'texts',
      domain: 'a.example',
      leadId,
      status: 'active' as const,
      token: `t${n}`,
      createdAt: AT,
      updatedAt: AT,
    });
    const message = (n: number, to: string) => ({
      id: `m${n}`,
      campaignId: 'texts',
      contactId: `c${n}`,
      step: 0,
      to,
      domain: 'a.example',
      text: 'Hi there. Reply STOP to opt out',
      facts: [],
      status: 'queued' as const,
      dueAt: AT,
      createdAt: AT,
    });
    await store.savePrepared('texts', {
      accounts: [],
      contacts: [contact(1, stopped?.id ?? ''), contact(2, unknown?.id ?? '')],
      messages: [message(1, '+14155550111'), message(2, '+14155550112')],
    });
    await store.setStatus('texts', 'active', undefined, 'dana');
    const clock = fixedClock(AT);
    const sender = createSmsSender(
      { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token, from: '+15550100999', baseUrl: twilio.base },
      { clock },
    );
    const deps = {
      store,
      leads: t.store.leads,
      clock,
      newId: randomUUID,
      newToken: randomUUID,
      sender,
      unsubscribeUrl: () => '',
    };

    expect(await sendDueMessages(deps, 'texts')).toEqual({ sent: 0, failed: 1, skipped: 1 });
    expect(await store.getMessage('m1')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^opted out: SMS to \+14155550111 was not sent: 400 \(Twilio 21610\)/),
    });
    expect(await store.getContact('c1')).toMatchObject({
      status: 'stopped',
      reason: 'opted out of texts (STOP)',
    });
    expect((await t.store.leads.getLead(stopped?.id ?? ''))?.consent).toMatchObject({
      sms: false,
      optedOutAt: AT,
    });
    expect([...(await store.suppressed(['+14155550111', '+14155550112']))]).toEqual(['+14155550111']);
    // Not a bounce: one failed send in one is under no bounce threshold.
    expect((await store.getCampaign('texts'))?.status).toBe('active');
    // Kim has no consent on record: nothing was sent to her.
    expect(await store.getContact('c2')).toMatchObject({
      status: 'skipped',
      reason: 'no consent to text messages on record',
    });
    expect(await store.getMessage('m2')).toMatchObject({ status: 'cancelled' });
    expect(twilio.messages).toEqual([]);
    // An email sender cannot send an SMS campaign: the round is held, saying why.
    const email = { channel: 'email' as const, send: () => Promise.reject(new Error('never')) };
    expect(await sendDueMessages({ ...deps, sender: email }, 'texts')).toMatchObject({
      sent: 0,
      held: expect.stringMatching(/^the campaign sends by sms but the sender is email/),
    });
  });
});
