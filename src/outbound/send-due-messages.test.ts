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
  startLocalVendor,
  vendorProspecting,
  type VendorCompany,
} from './test-support/outbound-world.js';

const NOW = Date.parse('2026-11-26T09:00:00.000Z'); // a Thursday, 10:00 in Berlin

const saas = (name: string, first: string, last: string): VendorCompany => ({
  name,
  industry: 'Software',
  employees: '51-200',
  country: 'DE',
  people: [{ first_name: first, last_name: last, title: 'VP Sales' }],
});
const COMPANIES: Record<string, VendorCompany> = {
  'alpha.example': saas('Alpha', 'Ann', 'Archer'),
  'beta.example': saas('Beta', 'Ben', 'Baker'),
  'gamma.example': saas('Gamma', 'Gia', 'Green'),
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
});
