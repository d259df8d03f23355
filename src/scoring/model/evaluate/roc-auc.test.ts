import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocAuc } from './roc-auc.js';
import { expectInputInvalid } from './test-support/expect-input-invalid.js';

const labelsOf = (values: readonly number[]): Uint8Array => Uint8Array.from(values);

/** The definition: the share of (positive, negative) pairs ranked correctly, ties counting half. */
const pairCountingAuc = (scores: readonly number[], labels: readonly number[]): number => {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    for (let j = 0; j < scores.length; j++) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
};

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for the reversed one and 0.5 when every score ties', () => {
    const labels = labelsOf([0, 0, 1, 1, 1]);
    expect(rocAuc(Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]), labels)).toBe(1);
    expect(rocAuc(Float64Array.from([0.5, 0.4, 0.3, 0.2, 0.1]), labels)).toBe(0);
    expect(rocAuc(Float64Array.from([0.7, 0.7, 0.7, 0.7, 0.7]), labels)).toBe(0.5);
  });

  it('is 0.75 on the example of the scikit-learn documentation', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], labelsOf([0, 0, 1, 1]))).toBe(0.75);
  });

  it('counts a tie between a positive and a negative as half a correctly ranked pair', () => {
    // Pairs (positive, negative): (0.8, 0.2) won, (0.8, 0.5) won, (0.5, 0.2) won, (0.5, 0.5) tie → 3.5 / 4.
    expect(rocAuc([0.2, 0.5, 0.5, 0.8], labelsOf([0, 0, 1, 1]))).toBe(0.875);
  });

  it('depends only on the order of the scores, so log-odds and probabilities agree', () => {
    const logOdds = [-2, 0.5, -0.3, 1.7, 0.2, -1.1];
    const labels = labelsOf([0, 1, 0, 1, 1, 0]);
    const probs = logOdds.map((z) => 1 / (1 + Math.exp(-z)));
    expect(rocAuc(probs, labels)).toBe(rocAuc(logOdds, labels));
  });

  it('is NaN when only one class is present, or there are no rows', () => {
    expect(rocAuc([0.1, 0.9], labelsOf([1, 1]))).toBeNaN();
    expect(rocAuc([0.1, 0.9], labelsOf([0, 0]))).toBeNaN();
    expect(rocAuc([], labelsOf([]))).toBeNaN();
  });

  it('treats -0 and +0 as one score and handles infinite scores', () => {
    expect(rocAuc([-0, 0], labelsOf([1, 0]))).toBe(0.5);
    expect(rocAuc([-Infinity, Infinity, Infinity], labelsOf([0, 1, 0]))).toBe(0.75);
  });

  it('equals the pair-counting definition on random scores with many ties', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 2,
      maxLength: 60,
    });
    fc.assert(
      fc.property(rows, (data) => {
        const scores = data.map(([s]) => s / 2);
        const labels = data.map(([, y]) => y);
        fc.pre(labels.includes(0) && labels.includes(1));
        expect(rocAuc(Float64Array.from(scores), labelsOf(labels))).toBeCloseTo(
          pairCountingAuc(scores, labels),
          12,
        );
      }),
    );
  });

  it('rejects NaN scores, labels other than 0 and 1, and a label count that differs', () => {
    expectInputInvalid(() => rocAuc([0.1, Number.NaN], labelsOf([0, 1])), /rocAuc: scores\[1\] is NaN/);
    expectInputInvalid(() => rocAuc([0.1, 0.2], [0, 2]), /rocAuc: labels\[1\] is 2/);
    expectInputInvalid(() => rocAuc([0.1, 0.2, 0.3], labelsOf([0, 1])), /3 scores but 2 labels/);
  });
});
