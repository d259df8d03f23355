import { expect, it } from 'vitest';
import { twilioSignature } from '../channels/sms/twilio-signature.js';
import type { Clock } from '../domain/clock.js';
import type { LeadDraft } from '../domain/lead.js';
import { buildLeadDraft } from '../intake/build-lead-draft.js';
import type { InputField } from '../intake/input-fields.js';
import { parseCampaign } from '../outbound/campaign-config.js';
import { campaignResults } from '../outbound/campaign-results.js';
import { SMS_OPT_OUT, smsSegments } from '../outbound/sms-text.js';
import type { VendorCompany } from '../outbound/test-support/outbound-world.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { sendCampaignsTask } from './send-campaigns-task.js';
import {
  campaignWorld,
  conversationsFile,
  prepareVendorCampaign,
  runTaskAt,
} from './test-support/campaign-world.js';

// Thursday 26 November 2026, 21:30 in Berlin: quiet hours (20:00–07:00) for the campaign.
const START = Date.parse('2026-11-26T20:30:00.000Z');
const ACCOUNT = { sid: 'AC00000000000000000000000000000011', token: 'twilio-secret' };
const HOOK = 'https://leadsift.acme.example/v1/channels/sms/inbound';
const OUR_NUMBER = '+15550100999';

const company = (name: string): VendorCompany => ({
  name,
  industry: 'Software',
  employees: '51-200',
  country: 'US',
  people: [],
});
const COMPANIES: Record<string, VendorCompany> = {
  'alpha.io': company('Alpha'),
  'beta.io': company('Beta'),
  'gamma.io': company('Gamma'),
  'delta.io': company('Delta'),
  'epsilon.io': company('Epsilon'),
  'zeta.io': company('Zeta'),
};

/** A lead as the CRM export had it: the intake reads consent from `consent_sms` (absent: no record). */
const crmLead = (fields: Partial<Record<InputField, string>>, at: string): LeadDraft => {
  const built = buildLeadDraft(
    { origin: 'crm.csv', receivedAt: at, defaultCountry: 'US' },
    { line: 2, fields, custom: {}, raw: fields as Record<string, string>, columns: {} },
  );
  if (!built.ok) throw new Error(built.rejection.problem);
  return built.draft;
};
const person = (first: string, domain: string, phone: string, consent?: string) => ({
  first_name: first,
  last_name: 'Lee',
  email: `${first.toLowerCase()}@${domain}`,
  phone,
  title: 'VP Sales',
  domain,
  country: 'US',
  ...(consent === undefined ? {} : { consent_sms: consent }),
});

const CAMPAIGN = `name: Texts to revenue leaders
targets: { domains: [alpha.io] }
personas:
  - { name: Revenue leader, functions: [sales], minSeniority: director }
channel: sms
mode: autonomous
sender: { name: Dana Kim, email: dana@acme.example }
timeZone: Europe/Berlin
limits: { perDay: 10, perDomainPerDay: 2, minGapSeconds: 0 }
quietHours: { from: '20:00', to: '07:00' }
sendingDays: [mon, tue, wed, thu, fri]
sequence:
  - afterDays: 0
    template: Hi {{person.firstName}}, Dana from Acme here. Teams like {{company.name}} ({{company.employees}} people) answer inbound leads in minutes with us. Worth a chat?
  - afterDays: 3
    template: Hi {{person.firstName}}, a short nudge on lead routing at {{company.name}}.
pause: { bounceRate: 0.5, complaintRate: 0.5, minSent: 10 }
`;

describeStores('a campaign over SMS (Twilio), only with consent', (t) => {
  const world = campaignWorld();

  it('texts only consenting leads outside quiet hours, with the opt-out line, and takes their replies first', async () => {
    let now = START;
    const clock: Clock = { now: () => now };
    const vendor = await world.startVendor((d) => COMPANIES[d]);
    const twilio = await world.startTwilio(ACCOUNT);
    const conversations = conversationsFile(
      `
timeZone: Europe/Berlin
openOn: []
firstChannel: sms
sms:
  accountSidEnv: TWILIO_SID
  authTokenEnv: TWILIO_TOKEN
  from: "${OUR_NUMBER}"
  baseUrl: ${twilio.base}
  webhookUrl: ${HOOK}
`,
      { twilio: { accountSid: ACCOUNT.sid, authToken: ACCOUNT.token } },
    );
    const running = await world.startService(t.store, clock, conversations);
    const store = running.store.outbound;
    const at = new Date(now).toISOString();
    // Five people in five accounts: two consented to texts, one has no record, one declined,
    // and one consented but withdraws before the first text goes.
    const upserted = await running.store.leads.upsertLeads([
      crmLead(person('Ann', 'alpha.io', '+1 415 555 0101', 'yes'), at),
      crmLead(person('Ben', 'beta.io', '+1 415 555 0102'), at),
      crmLead(person('Cai', 'gamma.io', '+1 415 555 0103', 'no'), at),
      crmLead(person('Dee', 'delta.io', '+1 415 555 0104', 'yes'), at),
      crmLead(person('Eve', 'epsilon.io', '+1 415 555 0105', 'yes'), at),
      crmLead(person('Fay', 'zeta.io', '+1 415 555 0106', 'yes'), at),
    ]);
    const [ann, , , dee, , fay] = upserted.map((u) => u.id);

    const report = await prepareVendorCampaign(running, {
      id: 'texts',
      config: parseCampaign(CAMPAIGN, 'campaign.yaml'),
      clock,
      vendorBase: vendor.base,
      domains: Object.keys(COMPANIES),
      idPrefix: 'id',
    });
    expect(report).toMatchObject({ reached: 4, contacts: 4, messages: 4 });
    expect(report.skippedContacts.map((s) => [s.domain, s.reason]).sort()).toEqual([
      ['beta.io', 'no consent to text messages'],
      ['gamma.io', 'no consent to text messages'],
    ]);
    const first = await store.listMessages('texts');
    expect(first.map((m) => m.to).sort()).toEqual([
      '+14155550101',
      '+14155550104',
      '+14155550105',
      '+14155550106',
    ]);
    for (const m of first) {
      expect(m.text.endsWith(`\n\n${SMS_OPT_OUT}`)).toBe(true);
      expect(m.subject).toBeUndefined();
      expect(smsSegments(m.text)).toBeLessThanOrEqual(2);
    }
    // Eve withdraws her consent in a later CRM export.
    await running.store.leads.upsertLeads([
      crmLead(person('Eve', 'epsilon.io', '+1 415 555 0105', 'no'), new Date(now + 1000).toISOString()),
    ]);
    await store.setStatus('texts', 'active', undefined, 'dana');

    const task = sendCampaignsTask(conversations);
    const tick = async (advanceMs: number) => {
      now += advanceMs;
      const due = new Date(now).toISOString();
      return runTaskAt(task, running, clock, due);
    };
    // 21:31 in Berlin: quiet hours, nothing goes.
    expect(await tick(60_000)).toMatchObject({ campaigns: { texts: { sent: 0, failed: 0 } } });
    expect(twilio.messages).toEqual([]);
    // 08:01 the next morning: Ann, Dee and Fay are texted; Eve is withheld, her consent read at send time.
    expect(await tick(10.5 * 3_600_000)).toMatchObject({
      campaigns: { texts: { sent: 3, failed: 0, skipped: 1 } },
    });
    expect(twilio.messages.map((m) => [m.to, m.from]).sort()).toEqual([
      ['+14155550101', OUR_NUMBER],
      ['+14155550104', OUR_NUMBER],
      ['+14155550106', OUR_NUMBER],
    ]);
    expect(twilio.messages[0]?.body).toMatch(
      /^Hi (Ann|Dee|Fay), Dana from Acme here\. Teams like (Alpha|Delta|Zeta) \(51-200 people\)/,
    );
    expect(twilio.messages[0]?.body.endsWith('Reply STOP to opt out')).toBe(true);
    const contacts = async () => new Map((await store.listContacts('texts')).map((c) => [c.email, c]));
    expect((await contacts()).get('eve@epsilon.io')).toMatchObject({
      status: 'skipped',
      reason: 'declined text messages',
    });

    const text = (sid: string, from: string, body: string) => {
      const params = { MessageSid: sid, From: from, To: OUR_NUMBER, Body: body };
      return running.app.inject({
        method: 'POST',
        url: '/v1/channels/sms/inbound',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(ACCOUNT.token, HOOK, params),
        },
        payload: new URLSearchParams(params).toString(),
      });
    };
    // Dee texts STOP: the campaign's reply handling takes it (not the conversations).
    expect((await text('SMdee1', '+14155550104', 'STOP')).statusCode).toBe(200);
    const deeConsent = await until('Dee’s opt-out on her lead', async () => {
      const lead = await running.store.leads.getLead(dee ?? '');
      return lead?.consent.optedOutAt === undefined ? undefined : lead.consent;
    });
    expect(deeConsent).toMatchObject({ sms: false, email: false });
    expect([...(await store.suppressed(['+14155550104', '+14155550101']))]).toEqual(['+14155550104']);
    expect((await contacts()).get('dee@delta.io')).toMatchObject({
      status: 'stopped',
      reason: 'unsubscribed',
    });
    // Her follow-up, written when the first text went, is cancelled.
    const deesPending = (await store.listMessages('texts')).filter(
      (m) => m.to === '+14155550104' && m.status === 'queued',
    );
    expect(deesPending).toEqual([]);

    // Ann is interested: the agent takes over and answers her by text.
    expect((await text('SMann1', '+14155550101', 'Yes, interested. How does it work?')).statusCode).toBe(200);
    const dead = async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'dead', limit: 5 })).jobs;
    const answer = await until('the agent’s text to Ann', async () => {
      const died = await dead();
      if (died.length > 0) throw new Error(JSON.stringify(died));
      return twilio.messages.filter((m) => m.to === '+14155550101')[1];
    });
    expect(answer.from).toBe(OUR_NUMBER);
    const annContact = (await contacts()).get('ann@alpha.io');
    expect(annContact).toMatchObject({ status: 'handed_over' });
    const conversation = await running.store.conversations.load(annContact?.conversationId ?? '');
    expect(conversation?.state).toMatchObject({ channel: 'sms', leadId: ann });

    // The agent opens a conversation of its own with Fay by text later: her answer is that
    // conversation's (texts have no threads: the newer conversation wins), not the campaign's.
    now += 60_000;
    const { token } = await running.store.service.createApiKey('rep', ['leads:write']);
    const opened = await running.app.inject({
      method: 'POST',
      url: `/v1/leads/${fay ?? ''}/conversations`,
      headers: { authorization: `Bearer ${token}` },
      payload: { channel: 'sms' },
    });
    expect(opened.statusCode).toBe(202);
    const toFay = () => twilio.messages.filter((m) => m.to === '+14155550106');
    await until('the agent’s first text to Fay', async () => toFay()[1]);
    expect((await text('SMfay1', '+14155550106', "I'm the head of sales at Zeta")).statusCode).toBe(200);
    const fayJob = await until('Fay’s text handled', async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'done', limit: 50 })).jobs.find(
        (j) => (j.payload as { message?: { messageId?: string } }).message?.messageId === 'SMfay1',
      ),
    );
    expect(fayJob.result).toMatchObject({
      outcome: 'answered',
      conversationId: (opened.json() as { conversationId: string }).conversationId,
    });
    expect((await contacts()).get('fay@zeta.io')).toMatchObject({ status: 'active' });

    const replies = await store.listReplies('texts');
    expect(replies.map((r) => [r.channelMessageId, r.class]).sort()).toEqual([
      ['SMann1', 'interested'],
      ['SMdee1', 'unsubscribe'],
    ]);
    const results = await campaignResults({ store, conversations: running.store.conversations }, 'texts');
    expect(results).toMatchObject({
      messages: { sent: 3 },
      contacts: {
        found: 6,
        skipped: 3,
        skippedFor: { 'no consent to text messages': 2, 'declined text messages': 1 },
      },
      replies: { contacts: 2 },
    });
    // Nothing more went to Dee, and Twilio saw no malformed request.
    expect(twilio.messages.filter((m) => m.to === '+14155550104')).toHaveLength(1);
    expect(twilio.problems).toEqual([]);
  });
});
