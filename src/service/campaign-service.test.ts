import { expect, it } from 'vitest';
import type { InboundMessage } from '../channels/channel-message.js';
import type { Clock } from '../domain/clock.js';
import { parseCampaign } from '../outbound/campaign-config.js';
import { campaignYaml, saasCompany, type VendorCompany } from '../outbound/test-support/outbound-world.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { sendCampaignsTask } from './send-campaigns-task.js';
import {
  campaignWorld,
  conversationsFile,
  prepareVendorCampaign,
  runTaskAt,
} from './test-support/campaign-world.js';

const START = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin

const COMPANIES: Record<string, VendorCompany> = {
  'alpha.example': saasCompany('Alpha', 'Ann', 'Archer', 'VP Sales'),
  'beta.example': saasCompany('Beta', 'Ben', 'Baker', 'Head of Sales'),
  'gamma.example': saasCompany('Gamma', 'Gia', 'Green', 'Director of Sales'),
};

describeStores('campaigns inside the running service', (t) => {
  const world = campaignWorld();

  it('sends approved messages from the scheduled task, stops when paused, and routes replies to the campaign before conversations', async () => {
    let now = START;
    const clock: Clock = { now: () => now };
    const vendor = await world.startVendor((d) => COMPANIES[d]);
    // The prospects' mail servers: everything the service sends lands here.
    const { port, mailbox } = await world.startRelay(clock, [...Object.keys(COMPANIES), 'bigco.io']);
    const mailTo = (address: string) => mailbox.filter((m) => m.message.to === address);
    const conversations = conversationsFile(
      `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@acme.example, timeZone: Europe/Berlin, workingHours: { thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } }
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${port}, verifyTls: false, timeoutMs: 5000 }
  listener: { host: 127.0.0.1, port: 0, domains: [replies.acme.example] }
  webhookTokenEnv: INBOUND_TOKEN
  unsubscribe: { publicUrl: "https://leadsift.acme.example", secretEnv: UNSUBSCRIBE_KEY }
`,
      { emailWebhookToken: 'inbound-secret', unsubscribeSecret: 'unsubscribe-key' },
    );
    const running = await world.startService(t.store, clock, conversations);
    const { token } = await running.store.service.createApiKey('dana', ['review:write', 'leads:write']);
    const api = (url: string, payload?: object) =>
      running.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload }),
      });

    // A review-mode campaign over three accounts, prepared against the local vendor.
    const store = running.store.outbound;
    const report = await prepareVendorCampaign(running, {
      id: 'q4',
      config: parseCampaign(campaignYaml({ mode: 'review' }), 'campaign.yaml'),
      clock,
      vendorBase: vendor.base,
      domains: Object.keys(COMPANIES),
      idPrefix: 'c',
    });
    expect(report).toMatchObject({ reached: 3, contacts: 3, messages: 3 });
    expect((await api('/v1/campaigns/q4/resume')).statusCode).toBe(200);
    const pending = await store.listMessages('q4', { status: 'awaiting_approval' });
    const idOf = (to: string) => pending.find((m) => m.to === to)?.id ?? '?';

    // The scheduled task sends only what a person approved.
    const task = sendCampaignsTask(conversations);
    const tick = async () => {
      now += 60_000;
      const due = new Date(now).toISOString();
      return runTaskAt(task, running, clock, due);
    };
    expect(await tick()).toEqual({ campaigns: { q4: { sent: 0, failed: 0 } } });
    const approved = await api('/v1/campaigns/q4/messages/decisions', {
      decision: 'approve',
      ids: [idOf('ann.archer@alpha.example'), idOf('ben.baker@beta.example')],
    });
    expect(approved.statusCode).toBe(200);
    expect(await tick()).toMatchObject({ campaigns: { q4: { sent: 2, failed: 0 } } });
    expect(mailbox.map((m) => m.message.to).sort()).toEqual([
      'ann.archer@alpha.example',
      'ben.baker@beta.example',
    ]);
    for (const { raw } of mailbox)
      expect(raw).toMatch(
        /^List-Unsubscribe:\s+<https:\/\/leadsift\.acme\.example\/v1\/unsubscribe\/[0-9a-f]{24}>/m,
      );

    // Paused through the API: the next tick sends nothing, even what was approved since.
    expect((await api('/v1/campaigns/q4/pause', { reason: 'checking the copy' })).statusCode).toBe(200);
    await api('/v1/campaigns/q4/messages/decisions', {
      decision: 'approve',
      ids: [idOf('gia.green@gamma.example')],
    });
    expect(await tick()).toEqual({ campaigns: {} });
    expect(mailbox).toHaveLength(2);

    // Ann answers over SMTP to the service's listener, threaded to the campaign's message.
    const toAnn = mailTo('ann.archer@alpha.example')[0]?.message;
    const prospect = world.mailToService(running);
    await prospect.sendMail({
      from: 'Ann Archer <ann.archer@alpha.example>',
      to: 'dana@replies.acme.example',
      subject: `Re: ${toAnn?.subject ?? ''}`,
      inReplyTo: toAnn?.messageId ?? '',
      references: [toAnn?.messageId ?? ''],
      messageId: '<ann-1@alpha.example>',
      text: 'Sounds interesting, happy to talk.',
    });
    // The agent took over and answered in the same thread.
    const agent = await until('the agent’s answer to Ann', async () => mailTo('ann.archer@alpha.example')[1]);
    expect(agent.message.replyTo[0]).toBe('<ann-1@alpha.example>');
    const contacts = async () => new Map((await store.listContacts('q4')).map((c) => [c.email, c]));
    expect((await contacts()).get('ann.archer@alpha.example')).toMatchObject({ status: 'handed_over' });
    // Her reply delivered again (by the webhook this time) is not answered twice.
    const again = await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=inbound-secret',
      payload: {
        from: 'ann.archer@alpha.example',
        'Message-Id': '<ann-1@alpha.example>',
        'In-Reply-To': toAnn?.messageId ?? '',
        text: 'Sounds interesting, happy to talk.',
      },
    });
    expect(again.statusCode).toBe(202);
    const annJobs = await until('both deliveries of Ann’s reply handled', async () => {
      const done = (await running.store.jobs.list({ kind: 'converse', status: 'done', limit: 50 })).jobs;
      const hers = done.filter(
        (j) => (j.payload as { message?: InboundMessage }).message?.messageId === '<ann-1@alpha.example>',
      );
      return hers.length === 2 ? hers : undefined;
    });
    expect(annJobs.map((j) => j.result)).toContainEqual(
      expect.objectContaining({ outcome: 'campaign', action: 'already handled', duplicate: true }),
    );
    expect(mailTo('ann.archer@alpha.example')).toHaveLength(2);

    // Ben unsubscribes through the inbound webhook; the provider delivers it twice.
    const toBen = mailTo('ben.baker@beta.example')[0]?.message;
    const benReply = {
      from: 'ben.baker@beta.example',
      subject: `Re: ${toBen?.subject ?? ''}`,
      'Message-Id': '<ben-1@beta.example>',
      'In-Reply-To': toBen?.messageId ?? '',
      text: 'Please remove me from your list.',
    };
    for (let i = 0; i < 2; i++) {
      const hook = await running.app.inject({
        method: 'POST',
        url: '/v1/channels/email/inbound?token=inbound-secret',
        payload: benReply,
      });
      expect(hook.statusCode).toBe(202);
    }
    await until('Ben suppressed', async () =>
      (await store.suppressed(['ben.baker@beta.example'])).size === 1 ? true : undefined,
    );
    await until('both deliveries handled', async () =>
      (await running.store.jobs.list({ kind: 'converse', status: 'ready', limit: 10 })).jobs.length === 0
        ? true
        : undefined,
    );
    expect((await contacts()).get('ben.baker@beta.example')).toMatchObject({
      status: 'stopped',
      reason: 'unsubscribed',
    });
    const replies = await store.listReplies('q4');
    expect(replies.map((r) => [r.channelMessageId, r.class]).sort()).toEqual([
      ['<ann-1@alpha.example>', 'interested'],
      ['<ben-1@beta.example>', 'unsubscribe'],
    ]);
    expect(mailTo('ben.baker@beta.example')).toHaveLength(1);

    // Mail not about a campaign still reaches the conversations: a lead the agent writes to answers.
    const posted = await running.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      headers: { authorization: `Bearer ${token}` },
      payload: { email: 'sam@bigco.io', firstName: 'Sam', lastName: 'Lee', country: 'US' },
    });
    expect(posted.json()).toMatchObject({ decision: { verdict: 'needs_info' } });
    const first = await until('the agent’s first question', async () => mailTo('sam@bigco.io')[0]);
    // Sam was once in the campaign too; a reply threaded to the agent's conversation is still the conversation's.
    const at = new Date(now).toISOString();
    await store.addContact({
      id: 'sam-contact',
      campaignId: 'q4',
      domain: 'bigco.io',
      email: 'sam@bigco.io',
      status: 'finished',
      reason: 'the sequence ended without a reply',
      token: 'sam-token',
      createdAt: at,
      updatedAt: at,
    });
    await prospect.sendMail({
      from: 'Sam Lee <sam@bigco.io>',
      to: 'dana@replies.acme.example',
      subject: 'Re: A quick question, Sam',
      inReplyTo: first.message.messageId,
      references: [first.message.messageId],
      messageId: '<sam-1@bigco.io>',
      text: "I'm the VP of Sales.",
    });
    const next = await until('the conversation’s next question', async () => mailTo('sam@bigco.io')[1]);
    expect(next.message.text).toContain('Which company are you with?');

    expect(await store.listReplies('q4')).toHaveLength(2);
    expect((await contacts()).get('sam@bigco.io')).toMatchObject({ status: 'finished' });
  });
});
