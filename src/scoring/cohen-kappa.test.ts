import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa.js';

const matrix3 = fc.array(fc.array(fc.nat({ max: 50 }), { minLength: 3, maxLength: 3 }), {
  minLength: 3,
  maxLength: 3,
});

describe('cohenKappa', () => {
  it('matches a textbook example', () => {
    // Two raters, yes/no: 20 yes-yes, 5 yes-no, 10 no-yes, 15 no-no → po 0.7, pe 0.5, κ 0.4.
    expect(
      cohenKappa([
        [20, 5],
        [10, 15],
      ]),
    ).toBeCloseTo(0.4, 10);
  });

  it('is 1 for perfect agreement and 0 for independent raters', () => {
    expect(
      cohenKappa([
        [5, 0, 0],
        [0, 7, 0],
        [0, 0, 2],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        [25, 25],
        [25, 25],
      ]),
    ).toBeCloseTo(0, 10);
  });

  it('is at most 1 and the same whichever rater is which', () => {
    fc.assert(
      fc.property(matrix3, (m) => {
        const total = m.flat().reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const kappa = cohenKappa(m);
        const transposed = m.map((_, i) => m.map((row) => row[i]!));
        expect(kappa).toBeLessThanOrEqual(1 + 1e-12);
        expect(cohenKappa(transposed)).toBeCloseTo(kappa, 10);
      }),
    );
  });
});
