import { expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import { describeStores } from '../test-support/describe-stores.js';
import { findAccount, listAccounts } from './list-accounts.js';

const criteria = parseCriteria(
  `name: abm
icp: Software companies
fit:
  industries: { include: [software], points: 50 }
  employees: { min: 50, max: 5000, points: 50 }
intent:
  rules:
    - { event: pricing_page_view, points: 30 }
    - { event: demo_request, points: 60 }
committee:
  roles:
    - { function: sales, minSeniority: vp }
    - { function: it, minSeniority: director }
`,
  'abm.yaml',
);
const clock = fixedClock('2026-03-10T12:00:00Z');

const rows = [
  { email: 'dana@acme.com', name: 'Dana Kim', title: 'VP of Sales', industry: 'Software', employees: '200' },
  { email: 'lee@acme.com', name: 'Lee Park', title: 'IT Director', industry: 'Software', employees: '200' },
  { email: 'sam@bluth.com', name: 'Sam Roe', title: 'Buyer', company: 'Bluth', subsidiary_of: 'acme.com' },
  { email: 'ann@gmail.com', name: 'Ann Free', title: 'CEO' },
  { email: 'bo@other.io', name: 'Bo Lo', title: 'Engineer', industry: 'Retail', employees: '10' },
];

/** The store with every call counted by method. */
const counting = (store: LeadStore) => {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, prop: string) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(prop, (calls.get(prop) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { proxy, calls };
};

describeStores('listAccounts', (t) => {
  it('groups the stored leads into accounts and decides each, with bulk reads only', async () => {
    const { accepted } = intakeJsonLeads(rows, { origin: 'test', receivedAt: '2026-03-01T00:00:00Z' });
    const ids = await t.store.leads.upsertLeads(accepted.map((a) => a.draft));
    const [dana, lee] = ids.map((r) => r.id);
    await t.store.leads.addActivities([
      {
        leadId: dana!,
        type: 'demo_request',
        occurredAt: '2026-03-09T10:00:00Z',
        properties: {},
        source: 'api',
      },
      {
        leadId: dana!,
        type: 'pricing_page_view',
        occurredAt: '2026-03-08T10:00:00Z',
        properties: {},
        source: 'api',
      },
      {
        leadId: lee!,
        type: 'pricing_page_view',
        occurredAt: '2026-03-07T10:00:00Z',
        properties: {},
        source: 'api',
      },
    ]);
    const { proxy, calls } = counting(t.store.leads);
    const report = await listAccounts({ leads: proxy, clock }, criteria);

    expect([...calls]).toEqual([
      ['listLeads', 1],
      ['listActivitiesOf', 1],
    ]);
    expect(report.leads).toBe(5);
    // Intake takes no company domain from a free-mail address, so Ann has no company at all.
    expect(report.unassigned.map((u) => u.why)).toEqual(['no company domain or name']);
    expect(report.accounts.map((a) => [a.key, a.verdict, a.engagement.engaged, a.contacts.length])).toEqual([
      ['acme.com', 'qualified', 2, 3],
      ['other.io', 'not_qualified', 0, 1],
    ]);
    const acme = report.accounts[0]!;
    expect(acme.subsidiaries.map((s) => s.key)).toEqual(['bluth.com']);
    expect(acme.reasons[0]!.text).toBe(
      '2 engaged contacts: Dana Kim (VP of Sales) and Lee Park (IT Director); 3 contacts known',
    );
    expect(findAccount(report.accounts, 'BLUTH.com')?.key).toBe('acme.com');
    expect(findAccount(report.accounts, 'nobody.com')).toBeUndefined();
  });
});
