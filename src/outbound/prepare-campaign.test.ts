import fc from 'fast-check';
import { afterEach, expect, it } from 'vitest';
import type { Clock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { parseCampaign } from './campaign-config.js';
import { prepareCampaign, type PrepareDeps, type PrepareReport } from './prepare-campaign.js';
import { createCampaign } from './run-campaign.js';
import {
  bantCriteria,
  campaignYaml,
  startLocalVendor,
  vendorProspecting,
  type VendorCompany,
} from './test-support/outbound-world.js';

const START = Date.parse('2026-11-26T09:00:00.000Z');
const DOMAINS = Array.from({ length: 12 }, (_, i) => `acct${i + 1}.example`);
// Every fourth account is a small shop (not qualified); the rest have a VP of Sales, a CEO and an engineer.
const company = (domain: string): VendorCompany | undefined => {
  const n = Number(/\d+/.exec(domain)?.[0] ?? 0);
  if (n === 0) return undefined;
  const people = [
    { first_name: 'Vi', last_name: `Vance${n}`, title: 'VP Sales' },
    { first_name: 'Cy', last_name: `Chen${n}`, title: 'CEO' },
    { first_name: 'En', last_name: `Eng${n}`, title: 'Software Engineer' },
  ];
  return n % 4 === 0
    ? { name: `Shop ${n}`, industry: 'Retail', employees: '1-10', country: 'DE', people }
    : { name: `Co ${n}`, industry: 'Software', employees: '51-200', country: 'DE', people };
};
const targets = () => DOMAINS.map((domain) => ({ domain, company: {} }));

/** The sums a report must keep: every target reached, skipped or failed, each skip and failure with its reason. */
const expectCountsAddUp = (r: PrepareReport) => {
  expect(r.accounts).toBe(r.reached + r.skipped + r.failed);
  expect(r.skippedAccounts).toHaveLength(r.skipped);
  expect(r.failedAccounts).toHaveLength(r.failed);
  for (const a of [...r.skippedAccounts, ...r.failedAccounts]) expect(a.reason).not.toBe('');
};

describeStores('preparing a campaign', (t) => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  let ids = 0;
  const clock: Clock = { now: () => START };
  const setUp = async (fail: (path: string, domain: string) => boolean) => {
    const vendor = await startLocalVendor(company, { fail });
    closers.push(vendor.close);
    const { waterfall, people } = vendorProspecting(vendor.base, clock);
    const deps: PrepareDeps = {
      store: t.store.outbound,
      leads: t.store.leads,
      clock,
      newId: () => `id${++ids}`,
      newToken: () => `tok${++ids}`,
      criteria: await bantCriteria(),
      people,
      waterfall,
      concurrency: 2,
      pageSize: 4,
    };
    return deps;
  };
  const create = async (id: string) =>
    createCampaign(
      { store: t.store.outbound },
      { id, config: parseCampaign(campaignYaml({ mode: 'review' }), `${id}.yaml`) },
      'dana',
    );
  /** Each lead is a contact once, each contact has at most one first message. */
  const expectNoDuplicates = async (id: string) => {
    const contacts = await t.store.outbound.listContacts(id);
    expect(new Set(contacts.map((c) => c.leadId)).size).toBe(contacts.length);
    const messages = await t.store.outbound.listMessages(id);
    expect(new Set(messages.map((m) => m.contactId)).size).toBe(messages.length);
    return { contacts, messages };
  };

  it('resumes after a vendor outage where it stopped, writing nobody twice, and is marked prepared once nothing failed', async () => {
    let outage = true;
    const served = new Set<string>();
    // The vendor answers the first five accounts it is asked about, then fails until it recovers.
    const deps = await setUp((path, domain) => {
      if (!outage || served.has(domain)) return false;
      if (path !== '/companies' || served.size >= 5) return true;
      served.add(domain);
      return false;
    });
    await create('q4');
    const first = await prepareCampaign(deps, 'q4', targets());
    expectCountsAddUp(first);
    expect(first).toMatchObject({ accounts: 12, failed: 7, resumed: 0 });
    expect(first.failedAccounts[0]?.reason).toMatch(/could not be looked up: .*firmo failed.*503/);
    expect((await t.store.outbound.getCampaign('q4'))?.preparedAt).toBeUndefined();
    const failedStored = (await t.store.outbound.listAccounts('q4')).filter((a) => a.status === 'failed');
    expect(failedStored.map((a) => a.domain).sort()).toEqual(
      first.failedAccounts.map((a) => a.domain).sort(),
    );

    outage = false;
    const second = await prepareCampaign(deps, 'q4', targets());
    expectCountsAddUp(second);
    expect(second).toMatchObject({ accounts: 12, reached: 9, skipped: 3, failed: 0, resumed: 5 });
    expect(first.contacts + second.contacts).toBe(18);
    expect(first.messages + second.messages).toBe(18);
    const { contacts, messages } = await expectNoDuplicates('q4');
    expect(contacts.filter((c) => c.status === 'active')).toHaveLength(18);
    expect(messages).toHaveLength(18);
    expect((await t.store.outbound.listAccounts('q4')).map((a) => a.status).sort()).toEqual([
      ...Array<string>(9).fill('reached'),
      ...Array<string>(3).fill('skipped'),
    ]);
    expect((await t.store.outbound.getCampaign('q4'))?.preparedAt).toBeDefined();

    // Run again: everything was prepared, nothing is looked up or written.
    const third = await prepareCampaign(deps, 'q4', targets());
    expect(third).toMatchObject({
      accounts: 12,
      reached: 9,
      skipped: 3,
      resumed: 12,
      contacts: 0,
      messages: 0,
    });
    expect((await expectNoDuplicates('q4')).contacts).toHaveLength(contacts.length);
  });

  it('reports counts that add up whatever fails, and a second run completes the same campaign a clean run would', async () => {
    let fail: (path: string, domain: string) => boolean = () => false;
    const deps = await setUp((path, domain) => fail(path, domain));
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(DOMAINS),
        fc.constantFrom('/companies', '/people', '/email'),
        fc.integer({ min: 1, max: 7 }),
        async (failing, path, pageSize) => {
          const id = `c${++run}`;
          await create(id);
          fail = (p, d) => p === path && failing.includes(d);
          const first = await prepareCampaign({ ...deps, pageSize }, id, targets());
          expectCountsAddUp(first);
          fail = () => false;
          const second = await prepareCampaign({ ...deps, pageSize }, id, targets());
          expectCountsAddUp(second);
          expect(second).toMatchObject({ reached: 9, skipped: 3, failed: 0 });
          expect(second.resumed).toBe(first.reached + first.skipped);
          expect(first.messages + second.messages).toBe(18);
          expect((await expectNoDuplicates(id)).messages).toHaveLength(18);
        },
      ),
      { numRuns: 6 },
    );
  });
});
