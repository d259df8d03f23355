import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from '../feature-matrix.js';
import { modelFactors, probabilityPoints } from './model-factors.js';

const num = (name: string, column = name): FeatureInfo => ({ name, kind: 'numeric', categories: [], column });
const cat = (name: string, categories: string[]): FeatureInfo => ({
  name,
  kind: 'categorical',
  categories,
  column: name,
});

const features: FeatureInfo[] = [
  cat('Lead Source', ['Google', 'Reference']),
  num('Total Time Spent on Website'),
  cat('Specialization', ['Finance', 'HR']),
  cat('Last Activity', ['Email Opened', 'Email Bounced']),
  num('Created age_days', 'Created'),
  num('Created month', 'Created'),
];
const x = Float64Array.of(1, 1532, Number.NaN, 1, 12, 3);
const contributions = Float64Array.of(1.8, 0.6, -0.4, -1.2, 0.25, 0.1);
const raw = -0.5;

describe('modelFactors', () => {
  const factors = modelFactors(features, x, contributions, raw);

  it('writes a sentence per column, strongest first', () => {
    expect(factors.map((f) => f.text)).toEqual([
      "Lead Source 'Reference' raises the likelihood the most",
      "Last Activity 'Email Bounced' lowers the likelihood the most",
      'Total Time Spent on Website 1,532 raises the likelihood',
      'Specialization missing lowers the likelihood',
      'Created 12 days ago raises the likelihood',
    ]);
  });

  it('adds up the features of one source column into one factor', () => {
    const created = factors.find((f) => f.column === 'Created');
    expect(created?.contribution).toBeCloseTo(0.35, 12);
    expect(created?.value).toBe('12 days ago');
  });

  it('reports a missing value as null and says so', () => {
    expect(factors.find((f) => f.column === 'Specialization')).toMatchObject({ value: null, missing: true });
  });

  it('keeps the strongest factors under a limit and drops small ones under minAbs', () => {
    expect(modelFactors(features, x, contributions, raw, { limit: 2 }).map((f) => f.column)).toEqual([
      'Lead Source',
      'Last Activity',
    ]);
    expect(modelFactors(features, x, contributions, raw, { minAbs: 0.5 }).map((f) => f.column)).toEqual([
      'Lead Source',
      'Last Activity',
      'Total Time Spent on Website',
    ]);
  });

  it('leaves out columns that did not move the score', () => {
    const none = modelFactors(features, x, Float64Array.of(0, 0, 0, 0.5, 0.2, -0.2), raw);
    expect(none.map((f) => f.text)).toEqual(["Last Activity 'Email Bounced' raises the likelihood the most"]);
  });

  it('sorts by size, gives points with the sign of the contribution, and sums to the features', () => {
    const arb = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 });
    fc.assert(
      fc.property(arb, fc.double({ min: -6, max: 6, noNaN: true }), (cs, score) => {
        const c = Float64Array.from(cs);
        const got = modelFactors(features, x, c, score);
        for (let i = 1; i < got.length; i++) {
          expect(Math.abs(got[i - 1]!.contribution)).toBeGreaterThanOrEqual(Math.abs(got[i]!.contribution));
        }
        for (const f of got) expect(f.points * f.contribution).toBeGreaterThanOrEqual(0);
        const total = got.reduce((s, f) => s + f.contribution, 0);
        expect(total).toBeCloseTo(
          cs.reduce((s, v) => s + v, 0),
          9,
        );
        expect(got.filter((f) => f.text.endsWith('the most')).length).toBeLessThanOrEqual(2);
      }),
    );
  });
});

describe('probabilityPoints', () => {
  it('is the percentage-point change in probability the contribution makes', () => {
    // σ(0) − σ(−1) = 0.5 − 0.2689 = 23.1 points.
    expect(probabilityPoints(0, 1)).toBe(23.1);
    expect(probabilityPoints(-1, -1)).toBe(-23.1);
    expect(probabilityPoints(8, 0.5)).toBe(0);
    expect(Object.is(probabilityPoints(-8, -0.01), 0)).toBe(true);
  });
});

describe("factors of leadsift's own columns", () => {
  const features: FeatureInfo[] = [
    {
      name: 'leadsift events: pricing_page_view (90 days)',
      kind: 'numeric',
      categories: [],
      column: 'leadsift events: pricing_page_view (90 days)',
    },
    {
      name: 'leadsift events: days since the last',
      kind: 'numeric',
      categories: [],
      column: 'leadsift events: days since the last',
    },
    {
      name: 'leadsift: seniority',
      kind: 'categorical',
      categories: ['vp', 'manager'],
      column: 'leadsift: seniority',
    },
  ];
  it('read as sentences, not column names', () => {
    const texts = modelFactors(
      features,
      Float64Array.from([4, 12, 0]),
      Float64Array.from([0.9, -0.4, 0.2]),
      0.5,
    ).map((f) => f.text);
    expect(texts).toEqual([
      '4 pricing page views in the last 90 days raises the likelihood the most',
      'Last event 12 days ago lowers the likelihood the most',
      "Seniority 'vp' raises the likelihood",
    ]);
  });
});
