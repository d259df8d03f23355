import { expect, it } from 'vitest';
import type { Clock } from '../domain/clock.js';
import { parseCampaign } from '../outbound/campaign-config.js';
import { campaignYaml, saasCompany, type VendorCompany } from '../outbound/test-support/outbound-world.js';
import { describeStores } from '../test-support/describe-stores.js';
import { until } from '../test-support/until.js';
import { sendCampaignsTask } from './send-campaigns-task.js';
import { arf } from './test-support/feedback-report-mail.js';
import {
  campaignWorld,
  conversationsFile,
  prepareVendorCampaign,
  runTaskAt,
} from './test-support/campaign-world.js';

const START = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin

const COMPANIES: Record<string, VendorCompany> = {
  'alpha.example': saasCompany('Alpha', 'Ann', 'Archer'),
  'beta.example': saasCompany('Beta', 'Ben', 'Baker'),
  'gamma.example': saasCompany('Gamma', 'Gia', 'Green'),
};

/** A delivery status notification (RFC 3464) that delivery is delayed, with the original's headers. */
const delayNotice = (recipient: string, original: string): string =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.gamma.example>',
    'To: dana@replies.acme.example',
    'Date: Thu, 26 Nov 2026 13:00:00 +0000',
    'Message-ID: <dsn-delay-1@mx.gamma.example>',
    'Subject: Delivery delayed',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"',
    '',
    '--dsn-boundary',
    'Content-Type: text/plain',
    '',
    'Delivery to the following recipient has been delayed. The server will keep trying.',
    '',
    '--dsn-boundary',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.gamma.example',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: delayed',
    'Status: 4.4.1',
    '',
    '--dsn-boundary',
    'Content-Type: text/rfc822-headers',
    '',
    original.replace(/\r\n/g, '\n').split(/\n\n/)[0] ?? '',
    '',
    '--dsn-boundary--',
    '',
  ].join('\r\n');

describeStores('feedback reports and delay notices arriving over SMTP and the inbound-mail webhook', (t) => {
  const world = campaignWorld();

  it('records a complaint per report against the message it names, once, pausing the campaign; a delay is no bounce', async () => {
    const clock: Clock = { now: () => START };
    const vendor = await world.startVendor((d) => COMPANIES[d]);
    const { port, mailbox } = await world.startRelay(clock, Object.keys(COMPANIES));
    const conversations = conversationsFile(
      `
timeZone: Europe/Berlin
openOn: []
email:
  from: Dana at Acme <dana@replies.acme.example>
  messageIdDomain: acme.example
  smtp: { host: 127.0.0.1, port: ${port}, verifyTls: false, timeoutMs: 5000 }
  listener: { host: 127.0.0.1, port: 0, domains: [replies.acme.example] }
  unsubscribe: { publicUrl: "https://leadsift.acme.example", secretEnv: UNSUBSCRIBE_KEY }
  webhookTokenEnv: INBOUND_TOKEN
`,
      { unsubscribeSecret: 'unsubscribe-key', emailWebhookToken: 'inbound-secret' },
    );
    const running = await world.startService(t.store, clock, conversations);
    const store = running.store.outbound;
    await prepareVendorCampaign(running, {
      id: 'q4',
      config: parseCampaign(
        campaignYaml({ mode: 'autonomous', pause: '{ bounceRate: 0.5, complaintRate: 0.5, minSent: 3 }' }),
        'campaign.yaml',
      ),
      clock,
      vendorBase: vendor.base,
      domains: Object.keys(COMPANIES),
      idPrefix: 'id',
    });
    await store.setStatus('q4', 'active', undefined, 'dana');
    const due = new Date(START).toISOString();
    const round = await runTaskAt(sendCampaignsTask(conversations), running, clock, due);
    expect(round).toMatchObject({ campaigns: { q4: { sent: 3 } } });
    const sentTo = (address: string) => {
      const found = mailbox.find((m) => m.message.to === address);
      if (found === undefined) throw new Error(`nothing was sent to ${address}`);
      return found;
    };
    const ann = sentTo('ann.archer@alpha.example');
    const ben = sentTo('ben.baker@beta.example');
    const gia = sentTo('gia.green@gamma.example');

    // The feedback loop delivers its reports to the service's SMTP listener, like any mail.
    const smtp = world.mailToService(running);
    const deliver = (from: string, raw: string) =>
      smtp.sendMail({ envelope: { from, to: ['fbl@replies.acme.example'] }, raw });
    const complaints = async () => (await store.audit('q4')).filter((a) => a.action === 'complaint');
    const settled = () =>
      until('the inbound jobs to run', async () =>
        (await running.store.jobs.list({ kind: 'converse', status: 'ready', limit: 5 })).jobs.length === 0
          ? true
          : undefined,
      );

    // Ann's report carries her whole message: matched by its Message-ID. Delivered twice.
    const annReport = arf({
      id: '<fbl-1@hotmail.example>',
      recipient: 'ann.archer@alpha.example',
      original: ann.raw,
    });
    await deliver('staff@hotmail.example', annReport);
    await deliver('staff@hotmail.example', annReport);
    await until('Ann’s complaint', async () => ((await complaints()).length === 1 ? true : undefined));
    await settled();
    const annMessage = (await store.listMessages('q4')).find(
      (m) => m.to === 'ann.archer@alpha.example' && m.step === 0,
    );
    expect(await complaints()).toEqual([
      expect.objectContaining({
        recipient: 'ann.archer@alpha.example',
        messageId: annMessage?.id,
        actor: 'feedback loop: staff@hotmail.example',
        detail: expect.stringMatching(
          /^feedback report \(abuse\) <fbl-1@hotmail\.example> .*\(matched by Message-ID\)$/,
        ),
      }),
    ]);
    expect((await store.getCampaign('q4'))?.status).toBe('active');

    // Ben's report redacts the recipient and keeps only headers, without a Message-ID: our
    // unsubscribe link in List-Unsubscribe still names him. The second complaint in three
    // messages pauses the campaign.
    const benHeaders = ben.raw.replace(/^Message-ID:.*\r?\n/im, '');
    await deliver(
      'staff@hotmail.example',
      arf({ id: '<fbl-2@hotmail.example>', recipient: 'redacted', original: benHeaders, headersOnly: true }),
    );
    await until('the campaign paused', async () =>
      (await store.getCampaign('q4'))?.status === 'paused' ? true : undefined,
    );
    expect((await store.getCampaign('q4'))?.pauseReason).toBe(
      'paused on its own: 2 of 3 messages were marked as spam (66.7 %, the limit is 50.0 %)',
    );
    expect(
      (await complaints()).map((c) => [c.recipient, /matched by (.+)\)$/.exec(c.detail ?? '')?.[1]]),
    ).toEqual([
      ['ann.archer@alpha.example', 'Message-ID'],
      ['ben.baker@beta.example', 'unsubscribe link'],
    ]);

    // Through the inbound-mail webhook (raw MIME), a `not-spam` report about Gia is only logged.
    const hook = await running.app.inject({
      method: 'POST',
      url: '/v1/channels/email/inbound?token=inbound-secret',
      payload: {
        raw: arf({
          id: '<fbl-3@hotmail.example>',
          type: 'not-spam',
          recipient: 'gia.green@gamma.example',
          original: gia.raw,
        }),
      },
    });
    expect(hook.statusCode).toBe(202);
    const notSpam = await until('the not-spam report logged', async () =>
      (await store.audit('q4')).find((a) => a.action === 'feedback report'),
    );
    expect(notSpam.detail).toMatch(/^feedback report \(not-spam\) <fbl-3@hotmail\.example> /);
    expect(await complaints()).toHaveLength(2);

    // Gia's server says delivery is delayed: logged against her message, not a bounce.
    await deliver('MAILER-DAEMON@mx.gamma.example', delayNotice('gia.green@gamma.example', gia.raw));
    const delayed = await until('the delay logged', async () =>
      (await store.audit('q4')).find((a) => a.action === 'delivery delayed'),
    );
    await settled();
    const giaMessage = (await store.listMessages('q4')).find(
      (m) => m.to === 'gia.green@gamma.example' && m.step === 0,
    );
    expect(delayed).toMatchObject({ messageId: giaMessage?.id, recipient: 'gia.green@gamma.example' });

    const suppressed = await store.suppressed([
      'ann.archer@alpha.example',
      'ben.baker@beta.example',
      'gia.green@gamma.example',
    ]);
    expect([...suppressed].sort()).toEqual(['ann.archer@alpha.example', 'ben.baker@beta.example']);
    const contacts = new Map((await store.listContacts('q4')).map((c) => [c.email, c]));
    expect(contacts.get('ann.archer@alpha.example')).toMatchObject({
      status: 'stopped',
      reason: 'marked our message as spam',
    });
    expect(contacts.get('gia.green@gamma.example')).toMatchObject({ status: 'active' });
    expect(await store.listReplies('q4')).toEqual([]);
    // No report became a conversation, and nothing was sent in answer to one.
    expect(mailbox).toHaveLength(3);
    expect(
      await running.store.conversations.ofLead(contacts.get('ann.archer@alpha.example')?.leadId ?? ''),
    ).toEqual([]);
  });
});
