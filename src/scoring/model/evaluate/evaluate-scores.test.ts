import { describe, expect, it } from 'vitest';
import { evaluateScores } from './evaluate-scores.js';
import { expectInputInvalid } from './test-support/expect-input-invalid.js';

describe('evaluateScores', () => {
  const probs = Float64Array.from([0.1, 0.4, 0.35, 0.8]);
  const labels = Uint8Array.from([0, 0, 1, 1]);

  it('collects every metric in one report', () => {
    const report = evaluateScores(probs, labels);
    expect(report).toMatchObject({ rows: 4, positives: 2, baseRate: 0.5, auc: 0.75 });
    expect(report.prAuc).toBeCloseTo(5 / 6, 15);
    expect(report.logloss).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4,
      15,
    );
    expect(report.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 15);
    expect(report.calibration.reduce((sum, b) => sum + b.count, 0)).toBe(4);
    expect(report.deciles.reduce((sum, d) => sum + d.count, 0)).toBe(4);
    expect(report.atThresholds.map((t) => t.threshold)).toEqual([0.3, 0.5, 0.7]);
  });

  it('reports at the thresholds it is given', () => {
    const report = evaluateScores(probs, labels, { thresholds: [0.2] });
    expect(report.atThresholds).toEqual([{ threshold: 0.2, flagged: 3, precision: 2 / 3, recall: 1 }]);
  });

  it('survives a JSON round trip unchanged, undefined metrics being null', () => {
    const report = evaluateScores([0.2, 0.6], Uint8Array.from([1, 1]));
    expect(report.auc).toBeNull();
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    const empty = evaluateScores([], Uint8Array.from([]));
    expect(empty).toMatchObject({
      rows: 0,
      baseRate: null,
      auc: null,
      prAuc: null,
      logloss: null,
      brier: null,
    });
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });

  it('rejects values that are not probabilities and thresholds that are not numbers', () => {
    expectInputInvalid(
      () => evaluateScores([2.3], Uint8Array.from([1])),
      /evaluateScores: scores\[0\] is 2.3/,
    );
    expectInputInvalid(() => evaluateScores(probs, labels, { thresholds: [Number.NaN] }), /threshold NaN/);
  });
});
