import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensembleCaseArb } from '../explain/test-support/random-tree.js';
import { compileEnsemble, predictCompiled, predictRaw } from './tree.js';

describe('compileEnsemble', () => {
  it('scores every row exactly as the trees route it, including missing values and unseen categories', () => {
    fc.assert(
      fc.property(ensembleCaseArb(5, 6), ({ ensemble, x }) => {
        expect(predictCompiled(compileEnsemble(ensemble), x)).toBe(predictRaw(ensemble, x));
      }),
      { numRuns: 500 },
    );
  });

  it('sends a fractional category code the missing way, as nextNode does', () => {
    fc.assert(
      fc.property(
        ensembleCaseArb(3, 3),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        ({ ensemble, x }, frac) => {
          const y = x.map((v) => (Number.isFinite(v) ? Math.floor(v) + frac : v));
          expect(predictCompiled(compileEnsemble(ensemble), y)).toBe(predictRaw(ensemble, y));
        },
      ),
      { numRuns: 200 },
    );
  });
});
