import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePrecision } from './average-precision.js';

describe('averagePrecision', () => {
  it('is 0.8333… on the example of the scikit-learn documentation', () => {
    expect(averagePrecision([0.1, 0.4, 0.35, 0.8], Uint8Array.from([0, 0, 1, 1]))).toBeCloseTo(5 / 6, 15);
  });

  it('is 1 when every positive scores above every negative', () => {
    expect(averagePrecision([0.9, 0.8, 0.2, 0.1], Uint8Array.from([1, 1, 0, 0]))).toBe(1);
  });

  it('lets tied rows enter the flagged set together', () => {
    // At 0.5 one positive and one negative enter: recall 1/2 at precision 1/2. At 0.2 the second
    // positive: recall 1 at precision 2/3. AP = ½·½ + ½·⅔ = 7/12.
    expect(averagePrecision([0.5, 0.5, 0.2], Uint8Array.from([1, 0, 1]))).toBeCloseTo(7 / 12, 15);
  });

  it('is NaN when no row is positive', () => {
    expect(averagePrecision([0.3, 0.6], Uint8Array.from([0, 0]))).toBeNaN();
  });

  it('is the mean precision at each positive when no scores tie', () => {
    const rows = fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(
        rows,
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 50, maxLength: 50 }),
        (s, y) => {
          const labels = y.slice(0, s.length);
          fc.pre(labels.includes(1));
          const ranked = s
            .map((score, i) => ({ score, label: labels[i]! }))
            .sort((a, b) => b.score - a.score);
          let hits = 0;
          let sum = 0;
          ranked.forEach((row, rank) => {
            if (row.label === 1) sum += ++hits / (rank + 1);
          });
          expect(averagePrecision(s, Uint8Array.from(labels))).toBeCloseTo(sum / hits, 12);
        },
      ),
    );
  });
});
