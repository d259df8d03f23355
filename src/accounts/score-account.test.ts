import { describe, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import { groupAccounts } from './group-accounts.js';
import { scoreAccount } from './score-account.js';
import { buildContact, type ContactSpec } from './test-support/build-contact.js';

const CRITERIA = parseCriteria(
  `name: abm
icp: Software companies of 50 to 5,000 people in North America
fit:
  industries: { include: [software], points: 40 }
  employees: { min: 50, max: 5000, points: 30 }
  countries: { include: [US, CA], points: 30 }
  seniority: { vp: 20 }
intent:
  halfLifeDays: 14
  windowDays: 90
  rules:
    - { event: pricing_page_view, points: 20, cap: 40 }
    - { event: demo_request, points: 50 }
disqualifiers: { competitorDomains: [rival.com] }
committee:
  roles:
    - { function: sales, minSeniority: vp }
    - { function: it, minSeniority: director }
`,
  'abm.yaml',
);
const clock = fixedClock('2026-03-10T12:00:00Z');
const acme = { domain: 'acme.com', company: 'Acme', industry: 'software', employees: 200, country: 'US' };

const decide = (specs: readonly ContactSpec[]) => {
  const { accounts } = groupAccounts(specs.map(buildContact));
  expect(accounts).toHaveLength(1);
  return scoreAccount({ clock }, CRITERIA, accounts[0]!);
};

const hot: ContactSpec[] = [
  {
    id: 'l1',
    ...acme,
    name: 'Dana Kim',
    title: 'VP of Sales',
    seniority: 'vp',
    fn: 'sales',
    events: [
      { type: 'pricing_page_view', at: '2026-03-08T10:00:00Z' },
      { type: 'demo_request', at: '2026-03-09T10:00:00Z' },
    ],
  },
  {
    id: 'l2',
    ...acme,
    name: 'Lee Park',
    title: 'IT Director',
    seniority: 'director',
    fn: 'it',
    events: [{ type: 'pricing_page_view', at: '2026-03-07T10:00:00Z' }],
  },
  { id: 'l3', ...acme, name: 'Sam Roe', title: 'Sales Manager', seniority: 'manager', fn: 'sales' },
];

describe('scoreAccount', () => {
  it('qualifies a fitting account with an engaged, complete committee, and says so citing the facts', () => {
    const d = decide(hot);
    expect(d.verdict).toBe('qualified');
    expect(d.fit).toEqual({ score: 100, grade: 'A', scored: true }); // the person rule (seniority) is left out
    expect(d.engagement).toEqual({ score: 100, engaged: 2, contacts: 3 });
    expect(d.committee.filled).toBe(2);
    const texts = d.reasons.map((r) => r.text);
    expect(texts).toContain(
      '2 engaged contacts: Dana Kim (VP of Sales) and Lee Park (IT Director); 3 contacts known',
    );
    expect(texts).toContain('Visited the pricing page 2 times in the last 4 days, by Lee Park and Dana Kim');
    expect(
      texts.some((t) =>
        t.startsWith('Buying committee 2 of 2 seats filled: VP or above in sales — Dana Kim'),
      ),
    ).toBe(true);
    const engagement = d.reasons.find((r) => r.kind === 'engagement')!;
    expect(engagement.facts.map((f) => [f.field, f.value, f.provenance.source])).toEqual([
      ['lead l1 person.title', 'VP of Sales', 'input'],
      ['lead l2 person.title', 'IT Director', 'input'],
    ]);
    const pricing = d.reasons.find((r) => r.text.startsWith('Visited the pricing page'))!;
    expect(pricing.facts.map((f) => f.field).sort()).toEqual([
      'lead l1 activity.pricing_page_view',
      'lead l2 activity.pricing_page_view',
    ]);
  });

  it('decays account intent with the half-life: the same events a month later count for less', () => {
    const now = decide(hot);
    const later = scoreAccount(
      { clock: fixedClock('2026-04-10T12:00:00Z') },
      CRITERIA,
      groupAccounts(hot.map(buildContact)).accounts[0]!,
    );
    expect(later.intent.score).toBeLessThan(now.intent.score / 3);
    expect(later.score).toBeLessThan(now.score);
    expect(later.engagement.engaged).toBe(2); // still within the 90-day window
  });

  it('names the empty committee seats and refuses an account with one engaged contact', () => {
    const d = decide([hot[0]!, hot[2]!]);
    expect(d.verdict).toBe('not_qualified');
    expect(d.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        '1 engaged contact, fewer than the 2 required',
        'No director or above in IT known: find and engage one',
      ]),
    );
  });

  it('fills seats with distinct people, so that one VP does not leave a seat another could fill empty', () => {
    const d = decide([
      { id: 'a', ...acme, name: 'Ann Vp', seniority: 'vp', fn: 'it' },
      { id: 'b', ...acme, name: 'Bob Dir', seniority: 'director', fn: 'it' },
      { id: 'c', ...acme, name: 'Cy Vp', seniority: 'vp', fn: 'sales' },
    ]);
    expect(d.committee.filled).toBe(2);
  });

  it('asks for firmographics when the fit rules have nothing to score, and refuses a competitor', () => {
    const unknown = decide([{ id: 'x', domain: 'newco.io', seniority: 'vp', fn: 'sales' }]);
    expect(unknown.verdict).toBe('needs_info');
    expect(unknown.missing.map((m) => m.field)).toEqual(['company.industry', 'company.employees']);
    const rival = decide(hot.map((c) => ({ ...c, domain: 'rival.com' })));
    expect(rival.verdict).toBe('not_qualified');
    expect(rival.reasons[0]!.text).toBe("rival.com is a competitor's domain");
  });

  it('uses the default committee when the criteria have none', () => {
    const plain = parseCriteria('name: p\nicp: anyone\n', 'p.yaml');
    const d = scoreAccount({ clock }, plain, groupAccounts(hot.map(buildContact)).accounts[0]!);
    expect(d.committee.seats.map((s) => s.role)).toEqual([
      'economic buyer',
      'champion',
      'technical evaluator',
    ]);
    expect(d.fit.scored).toBe(false);
    expect(d.grade[0]).toBe('-');
  });
});
