import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brierScore } from '../evaluate/brier-score.js';
import { expectInputInvalid } from '../evaluate/test-support/expect-input-invalid.js';
import { applyCalibration } from './apply-calibration.js';
import { clipProbability, IsotonicCalibration, PROBABILITY_MARGIN } from './calibration.js';
import { fitIsotonic } from './fit-isotonic.js';
import { sigmoid, simulateLeads } from './test-support/simulated-leads.js';

const calibrateAll = (c: IsotonicCalibration, raw: Float64Array): Float64Array =>
  raw.map((s) => applyCalibration(c, s));

/**
 * The least-squares non-decreasing fit by its textbook formula, value(i) = max over j ≤ i of min
 * over k ≥ i of the mean label of score groups j..k, with runs of equal values as blocks placed
 * at their mean score. Cubic, for small inputs only.
 */
const bruteForceIsotonic = (rows: readonly (readonly [number, number])[]): { x: number[]; y: number[] } => {
  const scores = [...new Set(rows.map(([s]) => s))].sort((a, b) => a - b);
  const count = scores.map((v) => rows.filter(([s]) => s === v).length);
  const converted = scores.map((v) => rows.filter(([s, y]) => s === v && y === 1).length);
  const mean = (j: number, k: number): number => {
    let c = 0;
    let p = 0;
    for (let g = j; g <= k; g++) [c, p] = [c + count[g]!, p + converted[g]!];
    return p / c;
  };
  const value = scores.map((_, i) => {
    let best = -Infinity;
    for (let j = 0; j <= i; j++) {
      let least = Infinity;
      for (let k = i; k < scores.length; k++) least = Math.min(least, mean(j, k));
      best = Math.max(best, least);
    }
    return best;
  });
  const x: number[] = [];
  const y: number[] = [];
  for (let start = 0, end = 0; start < scores.length; start = end) {
    let rowsIn = 0;
    let sum = 0;
    for (end = start; end < scores.length && Math.abs(value[end]! - value[start]!) < 1e-12; end++) {
      rowsIn += count[end]!;
      sum += scores[end]! * count[end]!;
    }
    x.push(sum / rowsIn);
    y.push(value[start]!);
  }
  return { x, y };
};

describe('fitIsotonic', () => {
  it('pools adjacent violators into blocks placed at their mean raw score', () => {
    // Labels by score: 0 | 1 0 0 | 1 1 → the 1 at score 2 is pooled with the 0s at 3 and 4.
    const fit = fitIsotonic([1, 2, 3, 4, 5, 6], Uint8Array.from([0, 1, 0, 0, 1, 1]));
    expect(fit.x).toEqual([1, 3, 5.5]);
    expect(fit.y).toEqual([PROBABILITY_MARGIN, 1 / 3, 1 - PROBABILITY_MARGIN]);
  });

  it('pools rows with the same raw score before anything else', () => {
    // Score 0 holds a converter and a non-converter: rate ½, above the 0 at score 1, so all pool.
    const fit = fitIsotonic([0, 0, 1], Uint8Array.from([1, 0, 0]));
    expect(fit.x).toEqual([1 / 3]);
    expect(fit.y).toEqual([1 / 3]);
  });

  it('is flat outside the fitted scores and linear between block centres', () => {
    const fit = fitIsotonic([1, 2, 3, 4, 5, 6], Uint8Array.from([0, 1, 0, 0, 1, 1]));
    expect(applyCalibration(fit, -100)).toBe(PROBABILITY_MARGIN);
    expect(applyCalibration(fit, 100)).toBe(1 - PROBABILITY_MARGIN);
    expect(applyCalibration(fit, 3)).toBeCloseTo(1 / 3, 15);
    expect(applyCalibration(fit, 2)).toBeCloseTo((PROBABILITY_MARGIN + 1 / 3) / 2, 15);
    expect(applyCalibration(fit, Number.NaN)).toBeNaN();
  });

  it('gives a valid, monotone map on any data', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: -30, max: 30 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 1,
      maxLength: 200,
    });
    fc.assert(
      fc.property(rows, (data) => {
        const fit = fitIsotonic(
          data.map(([s]) => s / 4),
          Uint8Array.from(data.map(([, y]) => y)),
        );
        expect(IsotonicCalibration.safeParse(fit).success).toBe(true);
        let previous = 0;
        for (let s = -9; s <= 9; s += 0.125) {
          const p = applyCalibration(fit, s);
          expect(p).toBeGreaterThanOrEqual(previous);
          previous = p;
        }
      }),
    );
  });

  it('agrees with the max–min formula of the least-squares monotone fit', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 1,
      maxLength: 80,
    });
    fc.assert(
      fc.property(rows, (data) => {
        const fit = fitIsotonic(
          data.map(([s]) => s),
          Uint8Array.from(data.map(([, y]) => y)),
        );
        const { x, y } = bruteForceIsotonic(data);
        expect(fit.x).toHaveLength(x.length);
        fit.x.forEach((v, k) => expect(v).toBeCloseTo(x[k]!, 12));
        fit.y.forEach((v, k) => expect(v).toBeCloseTo(clipProbability(y[k]!), 12));
      }),
    );
  });

  it('has lower squared error than the raw sigmoid on a miscalibrated sample', () => {
    // The model claims σ(raw); the truth is flatter and shifted.
    const truth = (s: number): number => sigmoid(0.4 * s - 1);
    const train = simulateLeads(11, 5000, 2, truth);
    const test = simulateLeads(12, 5000, 2, truth);
    const fit = fitIsotonic(train.raw, train.labels);
    const before = brierScore(test.raw.map(sigmoid), test.labels);
    const after = brierScore(calibrateAll(fit, test.raw), test.labels);
    expect(after).toBeLessThan(before - 0.01);
  });

  it('rejects no rows and scores that are not finite', () => {
    expectInputInvalid(() => fitIsotonic([], Uint8Array.from([])), /fitIsotonic: no rows/);
    expectInputInvalid(() => fitIsotonic([1, Infinity], Uint8Array.from([0, 1])), /scores\[1\] is Infinity/);
  });
});
