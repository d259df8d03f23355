import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictRaw } from '../gbdt/tree.js';
import { bruteForceShapley } from './test-support/brute-force-shapley.js';
import { ensembleCaseArb } from './test-support/random-tree.js';
import { createShapExplainer } from './shap-explainer.js';
import { treeShap } from './tree-shap.js';

const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);

describe('createShapExplainer (leaf tables)', () => {
  it('gives exactly the values of the recursive TreeSHAP, on random trees with categorical splits, missing values and repeated features', () => {
    fc.assert(
      fc.property(ensembleCaseArb(5, 5), ({ ensemble, x }) => {
        const fast = createShapExplainer(ensemble)(x, new Float64Array(x.length));
        const slow = treeShap(ensemble, x);
        expect(fast.base).toBeCloseTo(slow.base, 12);
        fast.contributions.forEach((c, f) =>
          expect(Math.abs(c - (slow.contributions[f] as number))).toBeLessThan(1e-9),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('adds up to the raw score and matches brute-force Shapley values', () => {
    fc.assert(
      fc.property(ensembleCaseArb(4, 3), ({ ensemble, x }) => {
        const { base, contributions } = createShapExplainer(ensemble)(x, new Float64Array(x.length));
        expect(Math.abs(base + sum(contributions) - predictRaw(ensemble, x))).toBeLessThan(1e-9);
        const exact = bruteForceShapley(ensemble, x, x.length);
        contributions.forEach((c, f) => expect(Math.abs(c - (exact[f] as number))).toBeLessThan(1e-9));
      }),
      { numRuns: 200 },
    );
  });

  it('reuses its buffers: explaining a second row does not leak the first', () => {
    fc.assert(
      fc.property(ensembleCaseArb(4, 3), ({ ensemble, x }) => {
        const explain = createShapExplainer(ensemble);
        const out = new Float64Array(x.length);
        explain(
          x.map((v) => (Number.isNaN(v) ? 0 : v + 1)),
          out,
        );
        const again = Array.from(explain(x, out).contributions);
        expect(again).toEqual(
          Array.from(createShapExplainer(ensemble)(x, new Float64Array(x.length)).contributions),
        );
      }),
      { numRuns: 100 },
    );
  });
});
