import { afterEach, expect, it } from 'vitest';
import type { ChannelSender, OutboundMessage } from '../channels/channel-message.js';
import type { Clock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { parseCampaign } from './campaign-config.js';
import type { CampaignDeps } from './campaign-deps.js';
import { prepareCampaign } from './prepare-campaign.js';
import { createCampaign, pauseCampaign, resumeCampaign } from './run-campaign.js';
import { sendDueMessages } from './send-due-messages.js';
import {
  bantCriteria,
  campaignYaml,
  saasCompany,
  startLocalVendor,
  vendorProspecting,
  type VendorCompany,
} from './test-support/outbound-world.js';

const NOW = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin

const COMPANIES: Record<string, VendorCompany> = {
  'alpha.example': saasCompany('Alpha', 'Ann', 'Archer'),
  'beta.example': saasCompany('Beta', 'Ben', 'Baker'),
  'gamma.example': saasCompany('Gamma', 'Gia', 'Green'),
};

describeStores('sendDueMessages', (t) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('stops before the next message when a person pauses the campaign in the middle of a round', async () => {
    const clock: Clock = { now: () => NOW };
    const vendor = await startLocalVendor((d) => COMPANIES[d]);
    closers.push(vendor.close);
    let n = 0;
    const sent: OutboundMessage[] = [];
    // Our own channel interface: the first send is answered by a person pausing the campaign.
    const sender: ChannelSender = {
      channel: 'email',
      send: async (message) => {
        sent.push(message);
        if (sent.length === 1) await pauseCampaign({ store: t.store.outbound }, 'q4', 'dana');
        return { messageId: `<m${sent.length}@acme.example>`, sentAt: new Date(NOW).toISOString() };
      },
    };
    const deps: CampaignDeps = {
      store: t.store.outbound,
      leads: t.store.leads,
      clock,
      newId: () => `id${++n}`,
      newToken: () => `token${++n}`,
      sender,
      unsubscribeUrl: (token) => `https://leadsift.acme.example/v1/unsubscribe/${token}`,
    };
    const config = parseCampaign(campaignYaml({ mode: 'autonomous' }), 'campaign.yaml');
    await createCampaign(deps, { id: 'q4', config }, 'dana');
    const { waterfall, people } = vendorProspecting(vendor.base, clock);
    await prepareCampaign(
      { ...deps, criteria: await bantCriteria(), people, waterfall },
      'q4',
      Object.keys(COMPANIES).map((domain) => ({ domain, company: {} })),
    );
    await resumeCampaign(deps, 'q4', 'dana');
    expect(await t.store.outbound.listMessages('q4', { status: 'queued' })).toHaveLength(3);

    const round = await sendDueMessages(deps, 'q4');
    expect(round).toMatchObject({ sent: 1, failed: 0 });
    expect(sent).toHaveLength(1);
    // The two other first messages wait (beside the follow-up written for the one sent).
    const queued = await t.store.outbound.listMessages('q4', { status: 'queued' });
    expect(queued.filter((m) => m.step === 0)).toHaveLength(2);
    expect(await sendDueMessages(deps, 'q4')).toMatchObject({ sent: 0, held: 'paused: paused by a person' });
  });
  it('reads the accounts and the recent sends once per round, not the campaign per message, and writes each follow-up from the account', async () => {
    const clock: Clock = { now: () => NOW };
    const vendor = await startLocalVendor((d) => COMPANIES[d]);
    closers.push(vendor.close);
    let n = 0;
    const sent: OutboundMessage[] = [];
    const sender: ChannelSender = {
      channel: 'email',
      send: async (message) => {
        sent.push(message);
        return { messageId: `<m${sent.length}@acme.example>`, sentAt: new Date(NOW).toISOString() };
      },
    };
    // The real store, with each read of the campaign's records counted (its arguments kept).
    const reads: [string, unknown[]][] = [];
    const counted = new Set([
      'listAccounts',
      'accountFacts',
      'listMessages',
      'listContacts',
      'campaignHealth',
    ]);
    const store = new Proxy(t.store.outbound, {
      get: (target, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key !== 'string' || !counted.has(key) || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          reads.push([key, args]);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const deps: CampaignDeps = {
      store,
      leads: t.store.leads,
      clock,
      newId: () => `id${++n}`,
      newToken: () => `token${++n}`,
      sender,
      unsubscribeUrl: (token) => `https://leadsift.acme.example/v1/unsubscribe/${token}`,
    };
    const config = parseCampaign(
      campaignYaml({ mode: 'autonomous', limits: '{ perDay: 50, perDomainPerDay: 5, minGapSeconds: 0 }' }),
      'campaign.yaml',
    );
    await createCampaign(deps, { id: 'q4', config }, 'dana');
    const { waterfall, people } = vendorProspecting(vendor.base, clock);
    await prepareCampaign(
      { ...deps, store: t.store.outbound, criteria: await bantCriteria(), people, waterfall },
      'q4',
      Object.keys(COMPANIES).map((domain) => ({ domain, company: {} })),
    );
    await resumeCampaign(deps, 'q4', 'dana');
    // One message sent two days and a minute ago: outside what the caps count, so not read.
    const [old] = await t.store.outbound.listMessages('q4', { status: 'queued' });
    await t.store.outbound.markSent(old?.id ?? '', {
      channelMessageId: '<old@acme.example>',
      sentAt: new Date(NOW - 2 * 86_400_000 - 60_000).toISOString(),
    });

    reads.length = 0;
    expect(await sendDueMessages(deps, 'q4')).toMatchObject({ sent: 2, failed: 0 });
    // The queue and the recent sends, the accounts of the messages picked, and the round's health
    // check — counted in the store, not by reading every sent and failed message.
    expect(reads.map(([method]) => method).sort()).toEqual([
      'accountFacts',
      'campaignHealth',
      'listMessages',
      'listMessages',
    ]);
    expect(reads.find(([method]) => method === 'accountFacts')?.[1][1]).toHaveLength(2);
    const sentRead = reads.find(
      ([method, args]) => method === 'listMessages' && JSON.stringify(args).includes('sent'),
    );
    expect(sentRead?.[1][1]).toEqual({
      status: 'sent',
      sentAfter: new Date(NOW - 2 * 86_400_000).toISOString(),
    });
    expect(
      await t.store.outbound.listMessages('q4', {
        status: 'sent',
        sentAfter: new Date(NOW - 2 * 86_400_000).toISOString(),
      }),
    ).toHaveLength(2);

    // Each follow-up names the company from the account's stored firmographics (the lead has no company name).
    const followUps = await t.store.outbound.listMessages('q4', { status: 'queued' });
    expect(followUps.filter((m) => m.step === 1)).toHaveLength(2);
    for (const m of followUps.filter((f) => f.step === 1)) {
      const company = COMPANIES[m.domain]?.name ?? '-';
      expect(m.text).toContain(`lead routing at ${company}.`);
      expect(m.facts.find((f) => f.field === 'company.name')).toMatchObject({ value: company });
    }
    expect(await t.store.outbound.accountFacts('q4', ['alpha.example', 'nowhere.example'])).toEqual(
      new Map([
        ['alpha.example', expect.objectContaining({ name: expect.objectContaining({ value: 'Alpha' }) })],
      ]),
    );
  });
});
