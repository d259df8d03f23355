import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { rowOf } from '../feature-matrix.js';
import type { TreeEnsemble } from '../gbdt/tree.js';
import { predictRaw } from '../gbdt/tree.js';
import { bruteForceShapley } from './test-support/brute-force-shapley.js';
import type { NodeSpec } from './test-support/random-tree.js';
import { buildTree, ensembleCaseArb } from './test-support/random-tree.js';
import { createTreeShapWorkspace, expectedValue, meanAbsContributions, treeShap } from './tree-shap.js';

const leaf = (value: number, cover: number): NodeSpec => ({ leaf: true, value, cover });
const split = (feature: number, threshold: number, left: NodeSpec, right: NodeSpec): NodeSpec => ({
  leaf: false,
  feature,
  split: threshold,
  missingLeft: false,
  left,
  right,
});
const sum = (a: Float64Array): number => a.reduce((s, v) => s + v, 0);
const numeric = (width: number): number[] => Array.from({ length: width }, () => 0);

describe('treeShap', () => {
  it('adds up to the raw score on random trees with categorical splits, missing values and repeated features', () => {
    fc.assert(
      fc.property(ensembleCaseArb(4, 4), ({ ensemble, x }) => {
        const { base, contributions } = treeShap(ensemble, x);
        expect(contributions).toHaveLength(x.length);
        expect(Math.abs(base + sum(contributions) - predictRaw(ensemble, x))).toBeLessThan(1e-9);
      }),
      { numRuns: 500 },
    );
  });

  it('equals the brute-force Shapley values of the path-dependent expectation', () => {
    fc.assert(
      fc.property(ensembleCaseArb(5, 2), ({ schema, ensemble, x }) => {
        const expected = bruteForceShapley(ensemble, x, schema.length);
        const { contributions } = treeShap(ensemble, x);
        for (let f = 0; f < schema.length; f++) {
          expect(Math.abs((contributions[f] as number) - (expected[f] as number))).toBeLessThan(1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a stump’s whole effect to its feature and nothing to features it never uses', () => {
    const ensemble = { base: 0.5, trees: [buildTree(numeric(3), split(1, 10, leaf(-1, 30), leaf(2, 70)))] };
    const { base, contributions } = treeShap(ensemble, Float64Array.of(99, 3, 99));
    expect(base).toBeCloseTo(0.5 + 0.3 * -1 + 0.7 * 2, 12);
    expect(contributions[1]).toBeCloseTo(-1 - 1.1, 12);
    expect(contributions[0]).toBe(0);
    expect(contributions[2]).toBe(0);
  });

  it('splits an AND of two features equally between them', () => {
    const and = split(
      0,
      0.5,
      split(1, 0.5, leaf(1, 25), leaf(0, 25)),
      split(1, 0.5, leaf(0, 25), leaf(0, 25)),
    );
    const ensemble = { base: 0, trees: [buildTree(numeric(2), and)] };
    const { base, contributions } = treeShap(ensemble, Float64Array.of(0, 0));
    expect(base).toBeCloseTo(0.25, 12);
    expect(contributions[0]).toBeCloseTo(0.375, 12);
    expect(contributions[1]).toBeCloseTo(0.375, 12);
  });

  it('credits a feature split on twice along a path once, with its whole effect', () => {
    const twice = split(0, 5, split(0, 2, leaf(3, 10), leaf(1, 30)), leaf(-2, 60));
    const ensemble = { base: 0, trees: [buildTree(numeric(2), twice)] };
    const { base, contributions } = treeShap(ensemble, Float64Array.of(1, 7));
    expect(base + (contributions[0] as number)).toBeCloseTo(3, 12);
    expect(contributions[1]).toBe(0);
  });

  it('routes missing values and unseen categories the way the tree does', () => {
    const categorical: NodeSpec = {
      leaf: false,
      feature: 0,
      split: 0b01,
      missingLeft: true,
      left: leaf(4, 50),
      right: leaf(0, 50),
    };
    const ensemble = { base: 0, trees: [buildTree([2], categorical)] };
    for (const v of [Number.NaN, 0, 1, 2, 7]) {
      const x = Float64Array.of(v);
      const { base, contributions } = treeShap(ensemble, x);
      expect(base + (contributions[0] as number)).toBeCloseTo(predictRaw(ensemble, x), 12);
    }
    expect(treeShap(ensemble, Float64Array.of(Number.NaN)).contributions[0]).toBeCloseTo(2, 12);
    expect(treeShap(ensemble, Float64Array.of(1)).contributions[0]).toBeCloseTo(-2, 12);
  });

  it('gives the same answer with a reused workspace and output buffer as with fresh ones', () => {
    fc.assert(
      fc.property(
        ensembleCaseArb(4, 3),
        fc.array(fc.double({ min: 0, max: 16 }), { minLength: 1 }),
        ({ ensemble, x }, noise) => {
          const ws = createTreeShapWorkspace(ensemble);
          const out = Float64Array.from(
            noise.slice(0, x.length).concat(numeric(x.length)).slice(0, x.length),
          );
          const reused = treeShap(ensemble, x, out, ws);
          treeShap(
            ensemble,
            x.map((v) => v + 1),
            out,
            ws,
          );
          const again = treeShap(ensemble, x, out, ws);
          expect(Array.from(again.contributions)).toEqual(Array.from(treeShap(ensemble, x).contributions));
          expect(reused.contributions).toBe(out);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('refuses a workspace made for shallower trees instead of writing past it', () => {
    const deep = {
      base: 0,
      trees: [buildTree(numeric(1), split(0, 1, split(0, 0, leaf(1, 1), leaf(2, 1)), leaf(3, 1)))],
    };
    const shallow = createTreeShapWorkspace({
      base: 0,
      trees: [buildTree(numeric(1), split(0, 1, leaf(1, 1), leaf(2, 1)))],
    });
    expect(() => treeShap(deep, Float64Array.of(0), undefined, shallow)).toThrow(
      expect.toSatisfy((e: unknown) => isAppError(e, 'INTERNAL')),
    );
  });
});

describe('expectedValue', () => {
  it('is the cover-weighted mean of the leaf values', () => {
    fc.assert(
      fc.property(ensembleCaseArb(3, 1), ({ ensemble }) => {
        const tree = ensemble.trees[0]!;
        let weighted = 0;
        let cover = 0;
        tree.feature.forEach((f, n) => {
          if (f >= 0) return;
          weighted += tree.value[n]! * tree.cover[n]!;
          cover += tree.cover[n]!;
        });
        fc.pre(cover > 0);
        expect(expectedValue(tree)).toBeCloseTo(weighted / cover, 9);
      }),
    );
  });
});

describe('meanAbsContributions', () => {
  const ensemble: TreeEnsemble = {
    base: 0,
    trees: [buildTree(numeric(3), split(0, 5, split(2, 1, leaf(1, 20), leaf(-1, 20)), leaf(2, 60)))],
  };
  const matrix: FeatureMatrix = {
    rows: 10,
    features: ['a', 'b', 'c'].map((name) => ({ name, kind: 'numeric', categories: [], column: name })),
    columns: [
      Float64Array.from({ length: 10 }, (_, i) => i),
      new Float64Array(10),
      Float64Array.from({ length: 10 }, (_, i) => i % 3),
    ],
  };
  const manual = (rows: number[]): number[] => {
    const total = [0, 0, 0];
    for (const r of rows)
      treeShap(ensemble, rowOf(matrix, r)).contributions.forEach((v, f) => (total[f]! += Math.abs(v)));
    return total.map((t) => t / rows.length);
  };

  it('averages |SHAP| over all rows when there are no more than maxRows', () => {
    const got = Array.from(meanAbsContributions(ensemble, matrix));
    manual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).forEach((v, f) => expect(got[f]).toBeCloseTo(v, 12));
    expect(got[1]).toBe(0);
  });

  it('takes evenly spaced rows when capped', () => {
    const got = Array.from(meanAbsContributions(ensemble, matrix, 4));
    manual([0, 2, 5, 7]).forEach((v, f) => expect(got[f]).toBeCloseTo(v, 12));
  });

  it('is all zeros for an empty matrix', () => {
    expect(Array.from(meanAbsContributions(ensemble, { ...matrix, rows: 0 }))).toEqual([0, 0, 0]);
  });
});
