import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import { afterEach, expect, it } from 'vitest';
import { kyselyChannelStore } from '../adapters/storage/kysely-channel-store.js';
import { kyselyConversationStore } from '../adapters/storage/kysely-conversation-store.js';
import type { InboundMessage } from '../channels/channel-message.js';
import { createEmailSender } from '../channels/email/send-email.js';
import { startSmtpListener } from '../channels/email/smtp-listener.js';
import { BANT_SLOT_SPECS } from '../conversation/dialogue/bant-slots.js';
import { readKnowledgeBase } from '../conversation/knowledge/read-knowledge-base.js';
import { scriptDeps } from '../conversation/scripted/run-script.js';
import { SCRIPT_CALENDAR } from '../conversation/scripted/script-world.js';
import type { Clock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { parseCampaign } from './campaign-config.js';
import type { CampaignDeps } from './campaign-deps.js';
import { campaignResults } from './campaign-results.js';
import { handleReply, type ReplyOutcome } from './handle-reply.js';
import { prepareCampaign } from './prepare-campaign.js';
import { createCampaign, decideMessages, resumeCampaign, runCampaign } from './run-campaign.js';
import {
  bantCriteria,
  campaignYaml,
  startLocalVendor,
  vendorProspecting,
  type VendorCompany,
} from './test-support/outbound-world.js';

const START = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin
const knowledge = fileURLToPath(new URL('../../examples/knowledge', import.meta.url));

const person = (first: string, last: string, title: string, status?: 'unknown') => ({
  first_name: first,
  last_name: last,
  title,
  ...(status === undefined ? {} : { status }),
});
const saas = (name: string, people: VendorCompany['people']): VendorCompany => ({
  name,
  industry: 'Software',
  employees: '51-200',
  country: 'DE',
  people,
});
const COMPANIES: Record<string, VendorCompany> = {
  'alpha.example': saas('Alpha', [person('Ann', 'Archer', 'VP Sales'), person('Sue', 'Stone', 'CEO')]),
  'beta.example': saas('Beta', [person('Ben', 'Baker', 'Head of Sales')]),
  'gamma.example': saas('Gamma', [
    person('Gia', 'Green', 'Director of Sales'),
    person('Greg', 'Gray', 'CEO', 'unknown'),
  ]),
  'delta.example': saas('Delta', [
    person('Dan', 'Dale', 'VP Sales'),
    person('Eli', 'Eng', 'Software Engineer'),
  ]),
  'epsilon.example': saas('Epsilon', [person('Eve', 'Evans', 'Sales Director')]),
  'zeta.example': saas('Zeta', [person('Zoe', 'Zane', 'VP of Sales')]),
  'eta.example': saas('Eta', [person('Ema', 'Ellis', 'Director of Sales')]),
  'bounce-one.example': saas('Bounce One', [person('Bo', 'Bane', 'VP Sales')]),
  'bounce-two.example': saas('Bounce Two', [person('Bea', 'Bell', 'VP Sales')]),
  'tinyshop.example': {
    name: 'Tiny Shop',
    industry: 'Retail',
    employees: '1-10',
    country: 'DE',
    people: [person('Tim', 'Toe', 'Owner')],
  },
};
// Every prospect's mail server is the local SMTP server, except bounce-one's: it refuses (550).
const MAIL_DOMAINS = ['acme.example', ...Object.keys(COMPANIES).filter((d) => d !== 'bounce-one.example')];

describeStores('an outbound campaign end to end', (t) => {
  const closers: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('prepares, holds for approval, sends over SMTP, handles every reply class, books a meeting and pauses after bounces', async () => {
    let now = START;
    const clock: Clock = { now: () => now };
    let ids = 0;
    const newId = () => `id${String(++ids).padStart(5, '0')}`;
    const vendor = await startLocalVendor((d) => COMPANIES[d]);
    closers.push(vendor.close);
    const inbox = new Map<string, { message: InboundMessage; raw: string }[]>();
    const outcomes: ReplyOutcome[] = [];
    // The listener hands replies to the runner, whose sender needs the listener's port: tie the knot.
    const runner: { deps?: CampaignDeps } = {};
    const listener = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      domains: MAIL_DOMAINS,
      clock,
      onMessage: async (message, raw) => {
        if (message.to.endsWith('@acme.example')) {
          const outcome = await handleReply(runner.deps as CampaignDeps, message);
          if (outcome !== undefined) outcomes.push(outcome);
          return;
        }
        inbox.set(message.to, [...(inbox.get(message.to) ?? []), { message, raw: raw.toString('utf8') }]);
      },
    });
    closers.push(listener.close);
    const sender = createEmailSender(
      {
        host: '127.0.0.1',
        port: listener.port,
        from: 'Dana Kim <dana@acme.example>',
        messageIdDomain: 'acme.example',
        verifyTls: false,
        timeoutMs: 5000,
      },
      { clock, newId },
    );
    closers.push(() => sender.close());
    const conversations = kyselyConversationStore(t.store.db, t.dialect, clock);
    const world = {
      now: new Date(START).toISOString(),
      knowledge: await readKnowledgeBase(knowledge),
      calendar: SCRIPT_CALENDAR,
    };
    const deps: CampaignDeps = {
      store: t.store.outbound,
      leads: t.store.leads,
      clock,
      newId,
      newToken: () => randomBytes(12).toString('hex'),
      sender,
      unsubscribeUrl: (token) => `https://leadsift.acme.example/v1/unsubscribe/${token}`,
      conversation: {
        deps: { store: conversations, dialogue: scriptDeps(world, clock, 'Europe/Berlin') },
        slots: BANT_SLOT_SPECS,
        links: kyselyChannelStore(t.store.db),
      },
    };
    runner.deps = deps;
    const { waterfall, people } = vendorProspecting(vendor.base, clock);
    const config = parseCampaign(campaignYaml({ mode: 'review' }), 'campaign.yaml');
    await createCampaign(deps, { id: 'q4-saas', config }, 'dana');
    await t.store.outbound.suppress('sue.stone@alpha.example', 'asked never to be contacted', 'import');

    const report = await prepareCampaign(
      { ...deps, criteria: await bantCriteria(), people, waterfall },
      'q4-saas',
      Object.keys(COMPANIES).map((domain) => ({ domain, company: {} })),
    );
    expect(report).toMatchObject({ accounts: 10, reached: 9, contacts: 9, messages: 9 });
    expect(report.skippedAccounts).toEqual([
      {
        domain: 'tinyshop.example',
        reason: expect.stringMatching(/^not qualified: company fit C is below the B/),
      },
    ]);
    expect(Object.fromEntries(report.skippedContacts.map((s) => [s.who, s.reason]))).toEqual({
      'Sue Stone': 'on the suppression list',
      'Greg Gray': expect.stringMatching(/not verified/),
      'Eli Eng': 'fits no persona',
    });

    // Review mode: nothing goes before a person approves, however long the runner runs.
    await resumeCampaign(deps, 'q4-saas', 'dana');
    const held = await runCampaign(deps, 'q4-saas', async (ms) => ((now = ms), true), START + 3 * 86_400_000);
    expect(held.reduce((n, r) => n + r.sent, 0)).toBe(0);
    expect(inbox.size).toBe(0);
    const pending = await t.store.outbound.listMessages('q4-saas', { status: 'awaiting_approval' });
    expect(pending).toHaveLength(9);
    const first = pending.find((m) => m.to === 'ann.archer@alpha.example');
    expect(first?.text).toContain('Teams at software companies like Alpha');
    expect(first?.facts.map((f) => f.field)).toEqual([
      'company.name',
      'person.firstName',
      'company.industry',
    ]);

    now = START;
    const decided = await decideMessages(
      deps,
      'q4-saas',
      pending.map((m) => m.id),
      'approve',
      'dana',
    );
    expect(decided.every((d) => d.ok)).toBe(true);
    const rounds = await runCampaign(deps, 'q4-saas', async (ms) => ((now = ms), true), START);
    expect(rounds[0]).toMatchObject({ sent: 8, failed: 1 });
    expect(inbox.size).toBe(8);
    for (const [, [mail]] of inbox) {
      expect(mail?.raw).toMatch(
        /^List-Unsubscribe:\s+<https:\/\/leadsift\.acme\.example\/v1\/unsubscribe\/[0-9a-f]{24}>/m,
      );
      expect(mail?.message.text).toMatch(
        /Unsubscribe with one click: https:\/\/leadsift\.acme\.example\/v1\/unsubscribe\//,
      );
    }
    const audit = await t.store.outbound.audit('q4-saas');
    expect(audit.filter((a) => a.action === 'sent')).toHaveLength(8);
    expect(audit.filter((a) => a.action === 'sent').every((a) => a.actor === 'dana')).toBe(true);

    // The prospects answer, each from their own mail program, threaded to what they received.
    const prospectMail = createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      tls: { rejectUnauthorized: false },
    });
    closers.push(() => prospectMail.close());
    const reply = async (from: string, text: string, headers: Record<string, string> = {}) => {
      const last = inbox.get(from)?.at(-1)?.message;
      await prospectMail.sendMail({
        from,
        to: 'dana@acme.example',
        subject: `Re: ${last?.subject ?? ''}`,
        text,
        headers,
        ...(last === undefined ? {} : { inReplyTo: last.messageId, references: [last.messageId] }),
      });
    };
    now = START + 2 * 3_600_000;
    await reply('ann.archer@alpha.example', 'Sounds interesting, happy to talk.');
    await reply('ben.baker@beta.example', 'Not right now, we are mid-reorg. Try again next quarter.');
    await reply('gia.green@gamma.example', 'Please remove me from your list.');
    await reply(
      'dan.dale@delta.example',
      "I'm not the right person for this. Please contact my colleague Rita Ray (rita.ray@delta.example), our Head of Revenue Operations.",
    );
    await reply(
      'eve.evans@epsilon.example',
      'I am out of the office until 7 December with limited access to email.',
      { 'Auto-Submitted': 'auto-replied' },
    );
    await reply('zoe.zane@zeta.example', 'Not interested, thanks.');
    await reply('ema.ellis@eta.example', 'Does it integrate with Salesforce?');
    const dsn = inbox.get('bea.bell@bounce-two.example')?.[0]?.message;
    // A delivery status notification (RFC 3464) from bounce-two's server, answering the message.
    await prospectMail.sendMail({
      envelope: { from: '', to: 'dana@acme.example' },
      raw: [
        'From: Mail Delivery System <mailer-daemon@bounce-two.example>',
        'To: dana@acme.example',
        'Subject: Undelivered Mail Returned to Sender',
        `In-Reply-To: ${dsn?.messageId ?? ''}`,
        'Message-ID: <dsn1@bounce-two.example>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'The mail could not be delivered.',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.bounce-two.example',
        '',
        'Final-Recipient: rfc822; bea.bell@bounce-two.example',
        'Action: failed',
        'Status: 5.1.1',
        '--b1--',
        '',
      ].join('\r\n'),
    });
    expect(outcomes.map((o) => o.class)).toEqual([
      'interested',
      'not_now',
      'unsubscribe',
      'wrong_person',
      'out_of_office',
      'not_interested',
      'question',
      'bounce',
    ]);

    // Interested: the agent took over in the same thread and qualifies to a booking.
    const answers: [RegExp, string][] = [
      [/what problem/i, 'We lose track of inbound leads; lead scoring and routing.'],
      [/when would you like/i, 'By the end of Q1.'],
      [/who else is involved/i, "It's my call, I decide."],
      [/budget/i, 'Around 30k a year.'],
      [/which (?:time|one)|reply with/i, '2'],
    ];
    for (let turn = 0; turn < 8; turn++) {
      const asked = inbox.get('ann.archer@alpha.example')?.at(-1)?.message.text ?? '';
      if (/^You're booked for/.test(asked)) break;
      const answer = answers.find(([q]) => q.test(asked.split('\n').at(-1) ?? ''))?.[1];
      expect(answer, `an answer to: ${asked}`).toBeDefined();
      await reply('ann.archer@alpha.example', answer ?? '');
    }
    const annMail = inbox.get('ann.archer@alpha.example') ?? [];
    expect(annMail.at(-1)?.message.text).toMatch(/^You're booked for/);
    expect(annMail.at(-1)?.raw).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/);
    expect(outcomes.at(-1)).toMatchObject({
      class: 'conversation',
      action: 'the conversation ended: booked',
    });

    // Not now: a follow-up written for the date they gave; out of office: moved past the return.
    const contacts = await t.store.outbound.listContacts('q4-saas');
    const byEmail = new Map(contacts.map((c) => [c.email, c]));
    const pendingOf = async (email: string) =>
      (await t.store.outbound.listMessages('q4-saas', { contactId: byEmail.get(email)?.id ?? '' })).filter(
        (m) => ['awaiting_approval', 'queued'].includes(m.status),
      );
    expect((await pendingOf('ben.baker@beta.example')).map((m) => m.dueAt)).toEqual([
      '2027-01-01T00:00:00.000Z',
    ]);
    expect((await pendingOf('eve.evans@epsilon.example')).map((m) => m.dueAt)).toEqual([
      '2026-12-08T00:00:00.000Z',
    ]);
    expect(await pendingOf('zoe.zane@zeta.example')).toEqual([]);
    // Unsubscribe and bounces: on the suppression list, for every campaign.
    expect(
      [
        ...(await t.store.outbound.suppressed([
          'gia.green@gamma.example',
          'bo.bane@bounce-one.example',
          'bea.bell@bounce-two.example',
          'zoe.zane@zeta.example',
        ])),
      ].sort(),
    ).toEqual(['bea.bell@bounce-two.example', 'bo.bane@bounce-one.example', 'gia.green@gamma.example']);
    // Wrong person: the referred colleague is a lead and a contact with a first message to approve.
    const rita = byEmail.get('rita.ray@delta.example');
    expect(rita).toMatchObject({
      status: 'active',
      referredBy: byEmail.get('dan.dale@delta.example')?.id,
      name: 'Rita Ray',
    });
    expect((await t.store.leads.findLeadByEmail('rita.ray@delta.example'))?.person.title?.value).toMatch(
      /Head of Revenue Operations/i,
    );
    expect((await pendingOf('rita.ray@delta.example')).map((m) => m.status)).toEqual(['awaiting_approval']);

    // Two of nine bounced (22 %, over 15 %): the campaign paused itself and sends nothing more.
    const campaign = await t.store.outbound.getCampaign('q4-saas');
    expect(campaign?.status).toBe('paused');
    expect(campaign?.pauseReason).toMatch(/2 of 9 messages bounced/);
    await decideMessages(
      deps,
      'q4-saas',
      (await pendingOf('rita.ray@delta.example')).map((m) => m.id),
      'approve',
      'dana',
    );
    now = START + 86_400_000;
    const after = await runCampaign(deps, 'q4-saas', async () => true, now);
    expect(after).toEqual([
      { sent: 0, failed: 0, held: expect.stringMatching(/^paused: paused on its own: 2 of 9/) },
    ]);

    const results = await campaignResults({ store: t.store.outbound, conversations }, 'q4-saas');
    expect(results).toMatchObject({
      status: 'paused',
      accounts: { targeted: 10, qualified: 9, reached: 8 },
      contacts: { referred: 1 },
      messages: { sent: 8, failed: 1 },
      meetingsBooked: 1,
      qualifiedLeads: 1,
    });
    expect(results?.replies.contacts).toBe(8);
    expect(results?.replies.byClass.interested).toEqual({ count: 1, rate: 0.125 });
    expect(results?.hoursToMeeting.each).toHaveLength(1);
  });
});
