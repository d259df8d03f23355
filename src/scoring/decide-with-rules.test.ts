import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import type { CompanyFacts, PersonFacts } from '../domain/lead.js';
import type { Fact, Provenance } from '../domain/provenance.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import { decideWithRules } from './decide-with-rules.js';
import type { ActivityFacts } from './rules/score-intent.js';
import { eventsBefore } from '../test-support/events-before.js';

const NOW = '2026-11-01T12:00:00.000Z';
const clock = fixedClock(NOW);
const at: Provenance = { source: 'input', at: '2026-10-01T00:00:00.000Z', origin: 'leads.csv', line: 2 };
const fact = <T>(value: T): Fact<T> => ({ value, provenance: at });
const event = eventsBefore(NOW);

const criteria = parseCriteria(
  `name: Test
icp: B2B software companies of 50 to 5,000 people; directors and above in sales or marketing.
fit:
  industries: { include: [software, internet], points: 30 }
  employees: { min: 50, max: 5000, points: 20 }
  seniority: { c_level: 30, vp: 30, director: 25, manager: 10, intern: -30 }
  functions: { sales: 10, marketing: 10 }
  emailTypes: { corporate: 10, free: -10 }
intent:
  halfLifeDays: 14
  rules:
    - { event: demo_request, points: 40 }
    - { event: pricing_page_view, points: 10, cap: 30 }
    - { event: content_download, asset: ROI calculator, points: 20 }
    - { event: content_download, points: 5 }
disqualifiers: { students: true, competitorDomains: [rival.com] }
required: [company.domain]
verdicts: { fitWeight: 0.6, minScore: 55, minFitGrade: B, minIntentGrade: 3 }
playbooks:
  - name: enterprise
    when: { minEmployees: 1000, events: [demo_request] }
    disqualifiers: { freeMail: true, students: true }
`,
  'test.yaml',
);

interface LeadSpec {
  readonly seniority?: PersonFacts['seniority'] extends Fact<infer S> | undefined ? S : never;
  readonly jobFunction?: 'sales' | 'marketing' | 'engineering';
  readonly title?: string;
  readonly emailType?: 'corporate' | 'free' | 'education';
  readonly industry?: string;
  readonly employees?: { min: number; max?: number };
  readonly domain?: string;
}

const lead = (spec: LeadSpec = {}) => {
  const s = {
    seniority: 'vp',
    jobFunction: 'sales',
    emailType: 'corporate',
    industry: 'software',
    employees: { min: 201, max: 500 },
    domain: 'acme.com',
    ...spec,
  } as const;
  const person: PersonFacts = {
    seniority: fact(s.seniority),
    jobFunction: fact(s.jobFunction),
    emailType: fact(s.emailType),
    ...(s.title === undefined ? {} : { title: fact(s.title) }),
  };
  const company: CompanyFacts = {
    industry: fact(s.industry),
    employees: fact(s.employees),
    ...(spec.domain === '' ? {} : { domain: fact(s.domain) }),
  };
  return { person, company };
};

const hot = [
  event('pricing_page_view', 1),
  event('pricing_page_view', 3),
  event('pricing_page_view', 6),
  event('content_download', 2, { asset: 'ROI calculator' }),
];

describe('decideWithRules', () => {
  it('qualifies a VP in sales at a 200-person software company who is researching pricing', () => {
    const decision = decideWithRules({ clock }, criteria, lead(), hot);
    expect(decision).toMatchObject({
      verdict: 'qualified',
      playbook: 'default',
      grade: 'A2',
      fit: { score: 100, grade: 'A' },
    });
    expect(decision.score).toBeGreaterThanOrEqual(55);
    const texts = decision.reasons.map((r) => r.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'VP-level buyer',
        'Works in sales',
        'Software is a target industry',
        '201–500-person company, within the 50–5,000 target',
        'Visited the pricing page 3 times in the last 6 days',
        'Downloaded the ROI calculator 2 days ago',
      ]),
    );
    const seniority = decision.reasons.find((r) => r.text === 'VP-level buyer');
    expect(seniority).toMatchObject({
      effect: 30,
      facts: [{ field: 'person.seniority', value: 'vp', provenance: at }],
    });
    expect(decision.versions).toEqual({ engine: 'leadsift-rules@1', criteria: criteria.version });
  });

  it('does not qualify on fit alone', () => {
    const decision = decideWithRules({ clock }, criteria, lead(), []);
    expect(decision.verdict).toBe('not_qualified');
    expect(decision.reasons[0]?.text).toBe('Intent grade 4 is below the 3 this path requires');
  });

  it('does not qualify on intent alone', () => {
    const decision = decideWithRules(
      { clock },
      criteria,
      lead({ seniority: 'intern', industry: 'retail', emailType: 'free' }),
      [...hot, event('demo_request', 0)],
    );
    expect(decision.verdict).toBe('not_qualified');
    expect(decision.fit.grade).toBe('D');
    expect(decision.reasons.map((r) => r.text)).toContain('Fit grade D is below the B this path requires');
  });

  it('disqualifies a student, whatever the score', () => {
    const decision = decideWithRules({ clock }, criteria, lead({ emailType: 'education' }), hot);
    expect(decision.verdict).toBe('not_qualified');
    expect(decision.reasons[0]).toMatchObject({ text: 'Uses a student email address', kind: 'disqualifier' });
    const byTitle = decideWithRules({ clock }, criteria, lead({ title: 'MBA Candidate' }), hot);
    expect(byTitle.reasons[0]?.text).toBe('Is a student ("MBA Candidate")');
  });

  it('disqualifies a competitor', () => {
    expect(decideWithRules({ clock }, criteria, lead({ domain: 'rival.com' }), hot).reasons[0]?.text).toBe(
      'Works at a competitor (rival.com)',
    );
  });

  it('asks for what is missing rather than guessing', () => {
    const decision = decideWithRules({ clock }, criteria, lead({ domain: '' }), hot);
    expect(decision.verdict).toBe('needs_info');
    expect(decision.missing).toEqual([{ field: 'company.domain', how: 'enrich' }]);
  });

  it('chooses the enterprise playbook for a demo request from a large company, with its own disqualifiers', () => {
    const big = lead({ employees: { min: 1001, max: 5000 }, emailType: 'free' });
    const decision = decideWithRules({ clock }, criteria, big, [event('demo_request', 1)]);
    expect(decision.playbook).toBe('enterprise');
    expect(decision.reasons[0]?.text).toBe('Uses a free-mail address, which this path does not accept');
    expect(decideWithRules({ clock }, criteria, big, []).playbook).toBe('default');
  });

  it('halves an event every half-life', () => {
    const now = decideWithRules({ clock }, criteria, lead(), [event('demo_request', 0)]).intent.score;
    const older = decideWithRules({ clock }, criteria, lead(), [event('demo_request', 14)]).intent.score;
    expect(now).toBe(40);
    expect(older).toBe(20);
  });
});

const eventArb = fc.record({
  type: fc.constantFrom(
    'demo_request',
    'pricing_page_view',
    'content_download',
    'page_view',
    'email_reply',
  ) as fc.Arbitrary<ActivityFacts['type']>,
  days: fc.double({ min: 0, max: 120, noNaN: true }),
  roi: fc.boolean(),
});
const toEvent = (e: { type: ActivityFacts['type']; days: number; roi: boolean }): ActivityFacts =>
  event(e.type, e.days, e.roi ? { asset: 'ROI calculator' } : {});

describe('decideWithRules properties', () => {
  it('keeps scores in range and decides the same whatever the order of events', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 12 }), (events) => {
        const activities = events.map(toEvent);
        const a = decideWithRules({ clock }, criteria, lead(), activities);
        const b = decideWithRules({ clock }, criteria, lead(), [...activities].reverse());
        for (const n of [a.score, a.fit.score, a.intent.score]) expect(n >= 0 && n <= 100).toBe(true);
        expect(b).toEqual(a);
      }),
    );
  });

  it('never lowers the score when a positive intent event is added', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 10 }), eventArb, (events, extra) => {
        const before = decideWithRules({ clock }, criteria, lead(), events.map(toEvent));
        const after = decideWithRules({ clock }, criteria, lead(), [...events, extra].map(toEvent));
        expect(after.intent.score).toBeGreaterThanOrEqual(before.intent.score);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
    );
  });

  it('lets intent only fade as an event grows older', () => {
    fc.assert(
      fc.property(eventArb, fc.double({ min: 0, max: 60, noNaN: true }), (e, later) => {
        const young = decideWithRules({ clock }, criteria, lead(), [toEvent(e)]).intent.score;
        const old = decideWithRules({ clock }, criteria, lead(), [toEvent({ ...e, days: e.days + later })])
          .intent.score;
        expect(old).toBeLessThanOrEqual(young);
      }),
    );
  });
});
