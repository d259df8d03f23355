import { expect, it } from 'vitest';
import { parseCriteria, type LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { describeStores } from '../test-support/describe-stores.js';
import { createAccountReports } from './account-reports.js';

const criteria = (icp: string): LoadedCriteria =>
  parseCriteria(
    `name: abm\nicp: ${icp}\nintent:\n  rules:\n    - { event: pricing_page_view, points: 30 }\n`,
    'abm.yaml',
  );

describeStores('account reports kept between requests', (t) => {
  it('answers from memory until a lead, an event, the criteria or a minute changes', async () => {
    const { accepted } = intakeJsonLeads(
      [
        { email: 'dana@acme.com', title: 'VP of Sales' },
        { email: 'lee@acme.com', title: 'IT Director' },
      ],
      { origin: 'test', receivedAt: '2026-03-01T00:00:00Z' },
    );
    const [dana] = await t.store.leads.upsertLeads(accepted.map((a) => a.draft));
    let now = Date.parse('2026-03-10T12:00:00Z');
    const clock: Clock = { now: () => now };
    let reads = 0;
    const leads = new Proxy(t.store.leads, {
      get(target, prop: string) {
        if (prop === 'listLeads') reads += 1;
        return Reflect.get(target, prop) as unknown;
      },
    }) as LeadStore;
    let active = criteria('Software companies');
    const reports = createAccountReports({
      leads,
      db: t.store.db,
      clock,
      criteria: () => Promise.resolve(active),
    });

    const first = await reports.current();
    expect(first.accounts.map((a) => [a.key, a.intent.score])).toEqual([['acme.com', 0]]);
    expect(await reports.current()).toBe(first);
    expect(reads).toBe(1);

    await t.store.leads.addActivities([
      {
        leadId: dana!.id,
        type: 'pricing_page_view',
        occurredAt: '2026-03-10T11:00:00Z',
        properties: {},
        source: 'api',
      },
    ]);
    const withEvent = await reports.current();
    expect(withEvent.accounts[0]!.intent.score).toBe(30);
    expect(reads).toBe(2);

    now += 61_000;
    await reports.current();
    expect(reads).toBe(3);

    active = criteria('Other companies');
    await reports.current();
    expect(reads).toBe(4);
    await reports.current();
    expect(reads).toBe(4);
  });
});
