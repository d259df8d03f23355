import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowOf, type FeatureMatrix } from '../feature-matrix.js';
import {
  compileLogistic,
  compiledRaw,
  logisticContributions,
  predictLogisticRaw,
} from './compile-logistic.js';
import type { LogisticModel, NumericEncoding } from './logistic-model.js';
import {
  categorical,
  gaussian,
  labelsFor,
  matrixOf,
  numeric,
  seededRandom,
} from './test-support/synthetic-leads.js';
import { trainLogistic } from './train-logistic.js';

/** Visits and a skewed employee count, both sometimes missing, and a lead source with missing codes. */
const leads = (rows: number): { matrix: FeatureMatrix; labels: Uint8Array } => {
  const random = seededRandom(11);
  const features = [
    numeric('visits'),
    numeric('employees'),
    categorical('source', ['web', 'event', 'partner']),
  ];
  const matrix = matrixOf(features, rows, (f) => {
    if (random() < 0.15) return NaN;
    if (f === 0) return gaussian(random);
    return f === 1 ? Math.round(Math.exp(3 + 2 * gaussian(random))) : Math.floor(random() * 3);
  });
  const logOdds = Float64Array.from({ length: rows }, (_, i) => {
    const visits = matrix.columns[0]?.[i] as number;
    return (visits === visits ? visits : -1) + (matrix.columns[2]?.[i] === 2 ? 1 : 0);
  });
  return { matrix, labels: labelsFor(logOdds, random) };
};

const { matrix, labels } = leads(1200);
const model = trainLogistic(matrix, labels, { l2: 1e-2 });

/** Any value a feature column may hold, including garbage a careless caller could pass. */
const anyValue = fc.oneof(
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, 1, 2, 3, -1, 1e300),
  fc.integer({ min: -3, max: 10 }),
);

describe('predictLogisticRaw', () => {
  it('scores missing values and unseen categories without NaN', () => {
    for (const row of [
      [NaN, NaN, NaN],
      [Infinity, -Infinity, 3],
      [0, 1e12, 99],
      [1, -5, -1],
      [2, 10, 1.5],
    ]) {
      expect(Number.isFinite(predictLogisticRaw(model, Float64Array.from(row)))).toBe(true);
    }
  });

  it('scores an unseen category like a missing one', () => {
    expect(predictLogisticRaw(model, Float64Array.of(0, 10, 7))).toBe(
      predictLogisticRaw(model, Float64Array.of(0, 10, NaN)),
    );
  });

  it('caps values beyond the training range at the winsorizing bound', () => {
    const visits = model.encoding[0] as NumericEncoding;
    expect(predictLogisticRaw(model, Float64Array.of(1e9, 10, 0))).toBe(
      predictLogisticRaw(model, Float64Array.of(visits.high, 10, 0)),
    );
  });

  it('matches the compiled form', () => {
    const compiled = compileLogistic(model);
    const row = new Float64Array(3);
    for (let i = 0; i < 50; i++) {
      expect(compiledRaw(compiled, rowOf(matrix, i, row))).toBe(predictLogisticRaw(model, row));
    }
  });
});

describe('logisticContributions', () => {
  it('adds up to the raw score for any row', () => {
    fc.assert(
      fc.property(fc.tuple(anyValue, anyValue, anyValue), (values) => {
        const x = Float64Array.from(values);
        const raw = predictLogisticRaw(model, x);
        const { base, contributions } = logisticContributions(model, x);
        expect(contributions).toHaveLength(3);
        const total = contributions.reduce((s, c) => s + c, base);
        expect(Math.abs(total - raw)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(base) + Math.abs(raw)));
      }),
    );
  });

  it('averages to zero per feature over the training rows', () => {
    const sums = new Float64Array(3);
    const row = new Float64Array(3);
    for (let i = 0; i < matrix.rows; i++) {
      logisticContributions(model, rowOf(matrix, i, row)).contributions.forEach((c, f) => {
        sums[f] = (sums[f] as number) + c;
      });
    }
    for (const s of sums) expect(Math.abs(s / matrix.rows)).toBeLessThan(1e-12);
  });

  it('gives a feature with no weight no contribution', () => {
    const silent: LogisticModel = {
      ...model,
      weights: model.weights.map((w, j) => (model.columnFeature[j] === 1 ? 0 : w)),
    };
    expect(logisticContributions(silent, Float64Array.of(1, 5000, 2)).contributions[1]).toBe(0);
  });
});

describe('a logistic model as JSON', () => {
  it('survives JSON.stringify and JSON.parse and predicts exactly the same', () => {
    const loaded = JSON.parse(JSON.stringify(model)) as LogisticModel;
    expect(loaded).toEqual(model);
    const row = new Float64Array(3);
    for (let i = 0; i < matrix.rows; i += 7) {
      rowOf(matrix, i, row);
      expect(predictLogisticRaw(loaded, row)).toBe(predictLogisticRaw(model, row));
      expect(logisticContributions(loaded, row)).toEqual(logisticContributions(model, row));
    }
  });

  it('refuses to score a file that is not an intact logistic model', () => {
    const truncated = { ...model, weights: model.weights.slice(1) };
    const future = { ...model, version: 2 } as unknown as LogisticModel;
    for (const bad of [truncated, future]) {
      expect(() => predictLogisticRaw(bad, Float64Array.of(0, 0, 0))).toThrow(
        /logistic model: expected kind/,
      );
    }
  });

  it('holds only plain numbers, strings, booleans, arrays and objects', () => {
    const plain = (v: unknown): boolean =>
      v === null
        ? false
        : typeof v === 'object'
          ? (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) &&
            Object.values(v).every(plain)
          : typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
    expect(plain(model)).toBe(true);
  });
});
