import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, type SeededRandom } from '../../../domain/seeded-random.js';
import { rowOf, type FeatureMatrix } from '../feature-matrix.js';
import { categorical, matrixOf, numeric } from '../test-support/matrix-of.js';
import { treeLeaves } from '../test-support/tree-leaves.js';
import { applyBinMappers, fitBinMappers, type BinnedMatrix } from './bin-features.js';
import { splitScratch } from './find-split.js';
import { growTree, predictBinned, toRawTree, type GrowInput } from './grow-tree.js';
import { GBDT_DEFAULTS } from './train-gbdt.js';
import { predictTree } from './tree.js';

const CATEGORIES = ['Web', 'Event', 'Referral', 'Partner', 'Ads'];

/** Rows with a numeric feature (some missing), a categorical one (some missing) and a noisy one. */
const randomMatrix = (random: SeededRandom, rows: number): FeatureMatrix =>
  matrixOf(
    numeric(
      'x',
      Array.from({ length: rows }, () => (random.chance(0.1) ? NaN : Math.round(random.normal() * 50) / 10)),
    ),
    categorical(
      'source',
      CATEGORIES,
      Array.from({ length: rows }, () => (random.chance(0.1) ? '' : random.pick(CATEGORIES))),
    ),
    numeric(
      'z',
      Array.from({ length: rows }, () => random.next() * 1000),
    ),
  );

const rowMajor = (b: BinnedMatrix): Uint8Array => {
  const F = b.columns.length;
  const out = new Uint8Array(b.rows * F);
  for (let f = 0; f < F; f++)
    for (let r = 0; r < b.rows; r++) out[r * F + f] = (b.columns[f] as Uint8Array)[r] as number;
  return out;
};

describe('growTree', () => {
  it('gives every row the same leaf value through its bins as through the raw tree', () => {
    const splits = { numeric: 0, categorical: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 }), (seed) => {
        const random = createSeededRandom(seed);
        const m = randomMatrix(random, 400);
        const mappers = fitBinMappers(m);
        const bins = rowMajor(applyBinMappers(m, mappers));
        const F = m.features.length;
        const input: GrowInput = {
          bins,
          features: F,
          mappers,
          grad: Float64Array.from({ length: m.rows }, (_, r) => {
            const x = (m.columns[0] as Float64Array)[r] as number;
            const source = (m.columns[1] as Float64Array)[r] as number;
            return (
              (Number.isNaN(x) ? 0.4 : Math.sign(x) * 0.3) +
              (source % 2 === 0 ? -0.2 : 0.2) +
              random.normal() * 0.2
            );
          }),
          hess: Float64Array.from({ length: m.rows }, () => 0.05 + random.next() * 0.2),
          idx: Int32Array.from({ length: m.rows }, (_, i) => i),
          scratchIdx: new Int32Array(m.rows),
          histPool: [],
          splitScratch: splitScratch(),
        };
        const { nodes, binned } = growTree(input, {
          ...GBDT_DEFAULTS,
          minSamplesLeaf: 5,
          minCategoryCount: 5,
          maxLeaves: 16,
        });
        expect(nodes.length).toBeGreaterThan(1);
        const tree = toRawTree(nodes, binned, mappers);
        for (let n = 0; n < tree.feature.length; n++)
          if ((tree.feature[n] as number) >= 0) splits[tree.leftCategories[n] ? 'categorical' : 'numeric']++;
        const row = new Float64Array(F);
        for (let r = 0; r < m.rows; r++)
          expect(predictTree(tree, rowOf(m, r, row))).toBe(predictBinned(binned, bins, r * F));
        // Rows never seen in training: unseen category codes and values outside the training range.
        const fresh = randomMatrix(random, 100);
        const codes = fresh.columns[1] as Float64Array;
        for (let r = 0; r < fresh.rows; r += 7) codes[r] = CATEGORIES.length + (r % 3);
        const freshBins = rowMajor(applyBinMappers(fresh, mappers));
        for (let r = 0; r < fresh.rows; r++)
          expect(predictTree(tree, rowOf(fresh, r, row))).toBe(predictBinned(binned, freshBins, r * F));
      }),
      { numRuns: 25 },
    );
    // Both kinds of split were exercised.
    expect(splits.numeric).toBeGreaterThan(0);
    expect(splits.categorical).toBeGreaterThan(0);
  });

  it('records how many rows reached each node', () => {
    const random = createSeededRandom(9);
    const m = randomMatrix(random, 300);
    const mappers = fitBinMappers(m);
    const bins = rowMajor(applyBinMappers(m, mappers));
    const x = m.columns[0] as Float64Array;
    const input: GrowInput = {
      bins,
      features: m.features.length,
      mappers,
      grad: Float64Array.from(x, (v) => (v > 0 ? -1 : 1)),
      hess: new Float64Array(m.rows).fill(0.25),
      idx: Int32Array.from({ length: m.rows }, (_, i) => i),
      scratchIdx: new Int32Array(m.rows),
      histPool: [],
      splitScratch: splitScratch(),
    };
    const { nodes, binned } = growTree(input, { ...GBDT_DEFAULTS, minSamplesLeaf: 5, maxLeaves: 8 });
    const tree = toRawTree(nodes, binned, mappers);
    expect(tree.cover[0]).toBe(300);
    for (let n = 0; n < tree.feature.length; n++)
      if ((tree.feature[n] as number) >= 0)
        expect(
          (tree.cover[tree.left[n] as number] as number) + (tree.cover[tree.right[n] as number] as number),
        ).toBe(tree.cover[n]);
    expect(treeLeaves(tree).reduce((s, l) => s + l.cover, 0)).toBe(300);
  });
});
