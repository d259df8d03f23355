import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import type { CompanyFacts, PersonFacts } from '../domain/lead.js';
import type { Fact, Provenance } from '../domain/provenance.js';
import { eventsBefore } from '../test-support/events-before.js';
import { decideWithModel, EDGE_POINTS } from './decide-with-model.js';
import { decideWithRules, type DecisionDraft } from './decide-with-rules.js';
import type { ModelScore } from './model/score-lead-record.js';
import type { ActivityFacts } from './rules/score-intent.js';

const NOW = '2026-11-01T12:00:00.000Z';
const clock = fixedClock(NOW);
const event = eventsBefore(NOW);

/** BANT: default path minScore 60; enterprise-demo 55; content-nurture 65. */
const bant = parseCriteria(
  readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8'),
  'bant.yaml',
);

const at: Provenance = { source: 'input', at: '2026-10-01T00:00:00.000Z', origin: 'leads.csv', line: 2 };
const fact = <T>(value: T): Fact<T> => ({ value, provenance: at });

interface LeadSpec {
  readonly seniority?: NonNullable<PersonFacts['seniority']>['value'];
  readonly jobFunction?: NonNullable<PersonFacts['jobFunction']>['value'];
  readonly emailType?: NonNullable<PersonFacts['emailType']>['value'];
  readonly industry?: string;
  readonly employees?: { min: number; max: number };
  /** '' for none. */
  readonly domain?: string;
}

/** A lead at a 201–500 person US software company; a VP of sales with a corporate address unless told. */
const lead = (spec: LeadSpec = {}): { person: PersonFacts; company: CompanyFacts } => ({
  person: {
    title: fact('VP Sales'),
    seniority: fact(spec.seniority ?? 'vp'),
    jobFunction: fact(spec.jobFunction ?? 'sales'),
    emailType: fact(spec.emailType ?? 'corporate'),
    country: fact('US'),
  },
  company: {
    ...(spec.domain === '' ? {} : { domain: fact(spec.domain ?? 'acme.com') }),
    industry: fact(spec.industry ?? 'software'),
    employees: fact(spec.employees ?? { min: 201, max: 500 }),
    sizeBand: fact('201-500'),
    country: fact('US'),
  },
});

const rules = (spec: LeadSpec, activities: readonly ActivityFacts[] = []): DecisionDraft =>
  decideWithRules({ clock }, bant, lead(spec), activities);

const browsing = [event('pricing_page_view', 1), event('pricing_page_view', 2)];

/** The rules decisions the tests start from; each test first checks the one it relies on. */
const cases = {
  /** Score 60 = the minimum, but intent grade 4. */
  edgeRejected: () => rules({}),
  /** Score 59, one below the minimum. */
  justBelow: () => rules({ seniority: 'manager' }, browsing),
  /** Score 69, qualified. */
  edgeQualified: () => rules({}, browsing),
  /** Score 69, but works at a competitor. */
  competitor: () => rules({ domain: 'salesforce.com' }, browsing),
  /** Score 60, but no company domain. */
  missingDomain: () => rules({ domain: '' }),
  /** Score 0: an intern engineer with a free-mail address at a tiny retailer. */
  farBelow: () =>
    rules({
      seniority: 'intern',
      jobFunction: 'engineering',
      emailType: 'free',
      industry: 'retail',
      employees: { min: 1, max: 10 },
    }),
  /** Score 98, qualified. */
  farAbove: () =>
    rules({}, [
      event('demo_request', 1),
      ...browsing,
      event('pricing_page_view', 3),
      event('content_download', 1, { asset: 'ROI calculator' }),
    ]),
};

const modelScore = (probability: number): ModelScore => ({
  version: 'model@0123456789ab',
  thresholds: { qualifyAt: 0.5, rejectAt: 0.1 },
  probability,
  factors: [
    {
      column: 'Lead Source',
      value: 'Reference',
      missing: false,
      contribution: 1.4,
      points: 27.6,
      text: "Lead Source 'Reference' raises the likelihood the most",
    },
    {
      column: 'TotalVisits',
      value: null,
      missing: true,
      contribution: -0.3,
      points: -4.4,
      text: 'No TotalVisits lowers the likelihood the most',
    },
  ],
});

describe('the rules decisions these tests start from', () => {
  it('are what the cases say', () => {
    const summary = Object.fromEntries(
      Object.entries(cases).map(([name, make]) => {
        const d = make();
        return [name, `${d.verdict} ${d.score} ${d.playbook ?? ''}`];
      }),
    );
    expect(summary).toEqual({
      edgeRejected: 'not_qualified 60 default',
      justBelow: 'not_qualified 59 default',
      edgeQualified: 'qualified 69 default',
      competitor: 'not_qualified 69 default',
      missingDomain: 'needs_info 60 default',
      farBelow: 'not_qualified 0 default',
      farAbove: 'qualified 98 default',
    });
    expect(cases.competitor().reasons[0]?.kind).toBe('disqualifier');
  });
});

describe('decideWithModel on an edge case', () => {
  it('raises a not_qualified edge case when leads like it convert at least at qualifyAt, and says why first', () => {
    const before = cases.justBelow();
    const after = decideWithModel(before, bant, modelScore(0.62));
    expect(after.verdict).toBe('qualified');
    expect(after.score).toBe(59);
    expect(after.reasons[0]).toEqual({
      text: 'Rules scored 59, but leads like this converted 62 % of the time',
      kind: 'model',
      effect: 0,
      facts: [],
    });
    expect(after.reasons.slice(1, 1 + before.reasons.length)).toEqual(before.reasons);
    expect(after.model).toEqual({
      version: 'model@0123456789ab',
      probability: 0.62,
      verdict: 'qualified',
      effect: 'raised',
      agrees: true,
    });
  });

  it('raises at exactly qualifyAt, and a lead held back by its intent grade alone', () => {
    const after = decideWithModel(cases.edgeRejected(), bant, modelScore(0.5));
    expect(after.verdict).toBe('qualified');
    expect(after.reasons[0]?.text).toBe('Rules scored 60, but leads like this converted 50 % of the time');
    expect(after.model?.effect).toBe('raised');
  });

  it('lowers a qualified edge case when leads like it convert at most at rejectAt', () => {
    const after = decideWithModel(cases.edgeQualified(), bant, modelScore(0.04));
    expect(after.verdict).toBe('not_qualified');
    expect(after.reasons[0]?.text).toBe(
      'Rules scored 69, but leads like this converted only 4 % of the time',
    );
    expect(after.model).toMatchObject({ verdict: 'not_qualified', effect: 'lowered', agrees: true });
  });

  it('lowers at exactly rejectAt', () => {
    const after = decideWithModel(cases.edgeQualified(), bant, modelScore(0.1));
    expect(after.verdict).toBe('not_qualified');
    expect(after.model?.effect).toBe('lowered');
  });

  it('leaves the verdict alone when the model is undecided (between rejectAt and qualifyAt)', () => {
    for (const make of [cases.justBelow, cases.edgeQualified]) {
      const before = make();
      const after = decideWithModel(before, bant, modelScore(0.3));
      expect(after.verdict).toBe(before.verdict);
      expect(after.model).toMatchObject({ verdict: 'undecided', effect: 'none', agrees: true });
      expect(after.reasons[0]).toEqual(before.reasons[0]);
    }
  });

  it('leaves the verdict alone when the model agrees with it', () => {
    const after = decideWithModel(cases.edgeQualified(), bant, modelScore(0.8));
    expect(after.verdict).toBe('qualified');
    expect(after.model).toMatchObject({ verdict: 'qualified', effect: 'none', agrees: true });
  });
});

describe('decideWithModel never overrides', () => {
  it('a hard disqualifier, however likely the model thinks a conversion is', () => {
    const before = cases.competitor();
    const after = decideWithModel(before, bant, modelScore(0.97));
    expect(after.verdict).toBe('not_qualified');
    expect(after.reasons[0]).toEqual(before.reasons[0]);
    expect(after.model).toMatchObject({ verdict: 'qualified', effect: 'none', agrees: false });
  });

  it('needs_info, either way, and does not count it as a disagreement', () => {
    for (const p of [0, 0.05, 0.5, 0.99]) {
      const before = cases.missingDomain();
      const after = decideWithModel(before, bant, modelScore(p));
      expect(after.verdict).toBe('needs_info');
      expect(after.missing).toEqual(before.missing);
      expect(after.model).toMatchObject({ effect: 'none', agrees: true });
    }
  });

  it('a score far from the playbook minimum, but shows the disagreement', () => {
    const low = decideWithModel(cases.farBelow(), bant, modelScore(0.95));
    expect(low.verdict).toBe('not_qualified');
    expect(low.model).toMatchObject({ verdict: 'qualified', effect: 'none', agrees: false });
    expect(low.reasons).toContainEqual({
      text: "The model puts this lead's chance of converting at 95 %, and would say qualified",
      kind: 'model',
      effect: 0,
      facts: [],
    });
    const high = decideWithModel(cases.farAbove(), bant, modelScore(0.02));
    expect(high.verdict).toBe('qualified');
    expect(high.model).toMatchObject({ verdict: 'not_qualified', effect: 'none', agrees: false });
    expect(high.reasons.map((r) => r.text)).toContain(
      "The model puts this lead's chance of converting at 2 %, and would say not qualified",
    );
  });

  it(`a score more than ${EDGE_POINTS} points from the minimum; one at exactly ${EDGE_POINTS} is an edge case`, () => {
    const base = cases.edgeQualified();
    const at = (score: number) => decideWithModel({ ...base, score }, bant, modelScore(0.01)).verdict;
    expect(at(60 + EDGE_POINTS)).toBe('not_qualified');
    expect(at(60 + EDGE_POINTS + 1)).toBe('qualified');
  });

  it("measures the edge from the lead's own playbook minimum, not the default one", () => {
    // content-nurture requires 65: 80 is an edge there, 20 points from the default's 60.
    const nurture: DecisionDraft = { ...cases.edgeQualified(), score: 80, playbook: 'content-nurture' };
    expect(decideWithModel(nurture, bant, modelScore(0.01)).verdict).toBe('not_qualified');
    expect(decideWithModel({ ...nurture, playbook: 'default' }, bant, modelScore(0.01)).verdict).toBe(
      'qualified',
    );
  });

  it('moves only edge cases, only towards its own verdict, never a disqualifier or needs_info', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.values(cases)),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 100 }),
        (make, p, score) => {
          const before = { ...make(), score };
          const after = decideWithModel(before, bant, modelScore(p));
          const edge = Math.abs(score - 60) <= EDGE_POINTS;
          const blocked =
            before.verdict === 'needs_info' || before.reasons.some((r) => r.kind === 'disqualifier');
          if (after.verdict !== before.verdict) {
            expect(edge && !blocked).toBe(true);
            expect(after.verdict).toBe(p >= 0.5 ? 'qualified' : 'not_qualified');
            expect(after.model?.effect).toBe(p >= 0.5 ? 'raised' : 'lowered');
          } else expect(after.model?.effect).toBe('none');
          expect(after.score).toBe(before.score);
          expect(after.model?.probability).toBe(p);
        },
      ),
    );
  });
});

describe('what decideWithModel records', () => {
  it('the model version beside the engine and criteria versions', () => {
    const before = cases.edgeRejected();
    const after = decideWithModel(before, bant, modelScore(0.3));
    expect(after.versions).toEqual({
      engine: before.versions.engine,
      criteria: bant.version,
      model: 'model@0123456789ab',
    });
  });

  it('a summary of the probability, then one reason per model factor citing its column as an input fact', () => {
    const before = cases.edgeRejected();
    const after = decideWithModel(before, bant, modelScore(0.3));
    expect(after.reasons.slice(before.reasons.length)).toEqual([
      {
        text: "The model puts this lead's chance of converting at 30 %",
        kind: 'model',
        effect: 0,
        facts: [],
      },
      {
        text: "Lead Source 'Reference' raises the likelihood the most",
        kind: 'model',
        effect: 28,
        facts: [
          {
            field: 'Lead Source',
            value: 'Reference',
            provenance: { source: 'input', at: before.decidedAt, column: 'Lead Source' },
          },
        ],
      },
      {
        text: 'No TotalVisits lowers the likelihood the most',
        kind: 'model',
        effect: -4,
        facts: [
          {
            field: 'TotalVisits',
            value: null,
            provenance: { source: 'input', at: before.decidedAt, column: 'TotalVisits' },
          },
        ],
      },
    ]);
  });

  it('leaves the rules decision it was given unchanged', () => {
    const before = cases.justBelow();
    const copy = structuredClone(before);
    decideWithModel(before, bant, modelScore(0.9));
    expect(before).toEqual(copy);
    expect(before.model).toBeUndefined();
    expect(before.versions.model).toBeUndefined();
  });
});
