import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import { rowOf, type FeatureMatrix } from '../feature-matrix.js';
import { predictLogisticRaw } from './compile-logistic.js';
import type { LogisticModel, NumericEncoding } from './logistic-model.js';
import {
  categorical,
  gaussian,
  KNOWN,
  knownLeads,
  labelsFor,
  matrixOf,
  numeric,
  seededRandom,
} from './test-support/synthetic-leads.js';
import { trainLogistic } from './train-logistic.js';

const log1pExp = (x: number): number => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/** The documented objective, computed only through the public API. */
const objective = (model: LogisticModel, matrix: FeatureMatrix, labels: Uint8Array): number => {
  const row = new Float64Array(matrix.features.length);
  let loss = 0;
  for (let i = 0; i < matrix.rows; i++) {
    const eta = predictLogisticRaw(model, rowOf(matrix, i, row));
    loss += log1pExp(eta) - (labels[i] as number) * eta;
  }
  return loss / matrix.rows + (model.l2 / 2) * model.weights.reduce((s, w) => s + w * w, 0);
};

const norm = (weights: readonly number[]): number => Math.hypot(...weights);

/** Leads with missing values, an unseen-prone category and a skewed count: everything the encoder handles. */
const messyLeads = (rows: number, seed: number): { matrix: FeatureMatrix; labels: Uint8Array } => {
  const random = seededRandom(seed);
  const features = [
    numeric('visits'),
    numeric('employees'),
    categorical('source', ['web', 'event', 'partner']),
  ];
  const matrix = matrixOf(features, rows, (f) => {
    if (random() < 0.1) return NaN;
    if (f === 0) return gaussian(random);
    return f === 1 ? Math.exp(2 + 1.5 * gaussian(random)) : Math.floor(random() * 3);
  });
  const [visits, employees, source] = matrix.columns as [Float64Array, Float64Array, Float64Array];
  const logOdds = Float64Array.from({ length: rows }, (_, i) => {
    const v = visits[i] as number;
    const e = employees[i] as number;
    const s = source[i] as number;
    return (v === v ? v : 0.5) + (e === e ? 0.3 * Math.log1p(e) - 1 : 0) + (s === 1 ? 0.7 : 0);
  });
  return { matrix, labels: labelsFor(logOdds, random) };
};

describe('trainLogistic', () => {
  it('recovers the coefficients the data was generated from when λ is tiny', () => {
    const { matrix, labels } = knownLeads(50_000, 1);
    // Standard errors are about 0.02 for the slopes and 0.03 for category gaps at this size.
    const near = (actual: number, expected: number): void =>
      expect(Math.abs(actual - expected)).toBeLessThan(0.1);
    const model = trainLogistic(matrix, labels, { l2: 1e-6 });
    const slope = (f: number): number => {
      const enc = model.encoding[f] as NumericEncoding;
      return (model.weights[enc.valueColumn] as number) / enc.scale;
    };
    near(slope(0), KNOWN.visits);
    near(slope(1), KNOWN.size);
    near(slope(3), KNOWN.noise);
    const w = model.weights;
    near((w[3] as number) - (w[2] as number), KNOWN.channel[1] - KNOWN.channel[0]);
    near((w[4] as number) - (w[2] as number), KNOWN.channel[2] - KNOWN.channel[0]);
    near(predictLogisticRaw(model, Float64Array.of(0, 5, 0, 0)), KNOWN.intercept + KNOWN.size * 5);
    expect(model.fit).toMatchObject({ solver: 'newton', converged: true });
  });

  it('learns a separate effect for each category', () => {
    const rates = [0.1, 0.5, 0.8];
    const random = seededRandom(7);
    const matrix = matrixOf([categorical('tier', ['c', 'b', 'a'])], 3000, (_, i) => i % 3);
    const labels = Uint8Array.from({ length: 3000 }, (_, i) => (random() < (rates[i % 3] as number) ? 1 : 0));
    const model = trainLogistic(matrix, labels, { l2: 1e-9 });
    for (let code = 0; code < 3; code++) {
      let ones = 0;
      for (let i = code; i < 3000; i += 3) ones += labels[i] as number;
      const p = 1 / (1 + Math.exp(-predictLogisticRaw(model, Float64Array.of(code))));
      // With a full one-hot and a vanishing penalty the fit is the empirical rate of each category.
      expect(p).toBeCloseTo(ones / 1000, 5);
    }
  });

  it('stops where the gradient of the documented objective is zero', () => {
    const { matrix, labels } = messyLeads(600, 3);
    const model = trainLogistic(matrix, labels, { l2: 0.05 });
    expect(model.fit.gradientNorm).toBeLessThanOrEqual(1e-9);
    expect(objective(model, matrix, labels)).toBeCloseTo(model.fit.objective, 12);
    const h = 1e-5;
    const shifted = (j: number, by: number): LogisticModel =>
      j < 0
        ? { ...model, intercept: model.intercept + by }
        : { ...model, weights: model.weights.map((w, k) => (k === j ? w + by : w)) };
    for (let j = -1; j < model.weights.length; j++) {
      const slope =
        (objective(shifted(j, h), matrix, labels) - objective(shifted(j, -h), matrix, labels)) / (2 * h);
      expect(Math.abs(slope)).toBeLessThan(1e-6);
    }
    // And the objective is not flat there: a step away raises it.
    expect(objective(shifted(0, 0.1), matrix, labels)).toBeGreaterThan(model.fit.objective + 1e-5);
  });

  it('shrinks the weights as λ grows', () => {
    const { matrix, labels } = knownLeads(2000, 2);
    const norms = [1e-4, 1e-2, 1e-1, 1, 10].map((l2) => norm(trainLogistic(matrix, labels, { l2 }).weights));
    for (let k = 1; k < norms.length; k++) expect(norms[k]).toBeLessThan(norms[k - 1] as number);
  });

  it('reaches the same optimum with L-BFGS as with Newton', () => {
    const { matrix, labels } = messyLeads(1500, 4);
    const newton = trainLogistic(matrix, labels, { l2: 1e-3, solver: 'newton' });
    const lbfgs = trainLogistic(matrix, labels, { l2: 1e-3, solver: 'lbfgs' });
    expect(lbfgs.fit).toMatchObject({ solver: 'lbfgs', converged: true });
    expect(newton.fit.iterations).toBeLessThan(30);
    expect(lbfgs.intercept).toBeCloseTo(newton.intercept, 6);
    lbfgs.weights.forEach((w, j) => expect(w).toBeCloseTo(newton.weights[j] as number, 6));
  });

  it('switches to L-BFGS for an encoding too wide for Newton and still converges', () => {
    const random = seededRandom(5);
    const labels = new Uint8Array(4000);
    const codes = Array.from({ length: 450 }, (_, k) => `company-${k}`);
    const matrix = matrixOf([categorical('company', codes), numeric('visits')], 4000, (f, i) =>
      f === 0 ? i % 450 : gaussian(random),
    );
    matrix.columns[1]?.forEach((v, i) => (labels[i] = random() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
    const model = trainLogistic(matrix, labels, { l2: 1e-2 });
    expect(model.fit).toMatchObject({ solver: 'lbfgs', converged: true });
    expect(model.weights).toHaveLength(452);
  });

  it('gives the same model for the same data, down to the last bit', () => {
    const { matrix, labels } = messyLeads(800, 6);
    const copy = { ...matrix, columns: matrix.columns.map((c) => c.slice()) };
    expect(JSON.stringify(trainLogistic(copy, labels.slice()))).toBe(
      JSON.stringify(trainLogistic(matrix, labels)),
    );
  });

  it('predicts the base rate when no feature carries information', () => {
    const matrix = matrixOf([numeric('constant')], 100, () => 3);
    const labels = Uint8Array.from({ length: 100 }, (_, i) => (i < 30 ? 1 : 0));
    const model = trainLogistic(matrix, labels);
    expect(model.weights).toEqual([]);
    expect(predictLogisticRaw(model, Float64Array.of(3))).toBeCloseTo(Math.log(30 / 70), 10);
  });

  it('rejects labels it cannot learn from, naming the problem', () => {
    const { matrix, labels } = knownLeads(50, 8);
    const invalid = (run: () => unknown, text: string): void => {
      let caught: unknown;
      try {
        run();
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught, 'INPUT_INVALID')).toBe(true);
      expect((caught as Error).message).toContain(text);
    };
    invalid(() => trainLogistic(matrix, labels.subarray(1)), '49 labels for 50 rows');
    invalid(() => trainLogistic(matrix, new Uint8Array(50)), 'every label is 0');
    invalid(
      () =>
        trainLogistic(
          matrix,
          labels.map((y) => y * 2),
        ),
      'labels must be 0 or 1',
    );
    invalid(() => trainLogistic(matrix, labels, { l2: 0 }), 'l2 is 0');
  });
});
