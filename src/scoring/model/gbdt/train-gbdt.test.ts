import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { selectRows, type FeatureMatrix } from '../feature-matrix.js';
import { rocAuc } from '../evaluate/roc-auc.js';
import { ensembleScores, rawLogLoss } from '../test-support/ensemble-scores.js';
import { categorical, matrixOf, numeric } from '../test-support/matrix-of.js';
import { treeLeaves } from '../test-support/tree-leaves.js';
import { trainGbdt } from './train-gbdt.js';

const INDUSTRIES = ['Retail', 'Finance', 'Health', 'Energy', 'Media', 'Travel'];
const CONVERTING = new Set(['Finance', 'Health', 'Media']);

interface Dataset {
  readonly matrix: FeatureMatrix;
  readonly labels: Uint8Array;
}

/**
 * Leads that convert when x1 > 0 and the industry is Finance, Health or Media (flipped with
 * probability `noise`), plus an irrelevant number and some missing values.
 */
const interactionData = (seed: number, rows: number, noise = 0): Dataset => {
  const random = createSeededRandom(seed);
  const x1: number[] = [];
  const industry: string[] = [];
  const x2: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < rows; i++) {
    const v = random.normal();
    const c = random.pick(INDUSTRIES);
    const y = v > 0 && CONVERTING.has(c) ? 1 : 0;
    x1.push(v);
    industry.push(random.chance(0.05) ? '' : c);
    x2.push(random.chance(0.1) ? NaN : random.normal() * 10);
    labels.push(random.chance(noise) ? 1 - y : y);
  }
  return {
    matrix: matrixOf(numeric('x1', x1), categorical('industry', INDUSTRIES, industry), numeric('x2', x2)),
    labels: Uint8Array.from(labels),
  };
};

/** Rows [from, to) of a dataset. */
const slice = (d: Dataset, from: number, to: number): Dataset => {
  const rows = Array.from({ length: to - from }, (_, i) => from + i);
  return { matrix: selectRows(d.matrix, rows), labels: d.labels.slice(from, to) };
};

describe('trainGbdt', () => {
  it('is deterministic: the same data gives identical trees', () => {
    const d = interactionData(1, 600, 0.1);
    const first = trainGbdt(d.matrix, d.labels, null, { maxIterations: 20 });
    const copy = selectRows(
      d.matrix,
      Array.from({ length: d.matrix.rows }, (_, i) => i),
    );
    const second = trainGbdt(copy, d.labels.slice(), null, { maxIterations: 20 });
    expect(first.ensemble.trees.length).toBe(20);
    expect(second).toEqual(first);
  });

  it('stops early and keeps the trees of the round with the lowest validation loss', () => {
    const d = interactionData(2, 800, 0.3);
    const train = slice(d, 0, 400);
    const valid = slice(d, 400, 800);
    const result = trainGbdt(train.matrix, train.labels, valid, {
      learningRate: 0.5,
      maxIterations: 300,
      earlyStoppingRounds: 10,
      minSamplesLeaf: 2,
    });
    const losses = result.validationLoss;
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.ensemble.trees).toHaveLength(result.iterations);
    expect(losses.length).toBe(result.iterations + 10);
    expect(losses[result.iterations - 1]).toBeLessThanOrEqual(Math.min(...losses) + 1e-9);
    // The kept trees score the validation rows exactly as the best round did.
    const kept = rawLogLoss(ensembleScores(result.ensemble, valid.matrix), valid.labels);
    expect(kept).toBeCloseTo(losses[result.iterations - 1] as number, 12);
  });

  it('respects maxLeaves and maxDepth in every tree', () => {
    const d = interactionData(3, 1000, 0.2);
    for (const [maxLeaves, maxDepth] of [
      [4, 0],
      [31, 3],
      [7, 2],
    ] as const) {
      const { ensemble } = trainGbdt(d.matrix, d.labels, null, {
        maxIterations: 10,
        maxLeaves,
        maxDepth,
        minSamplesLeaf: 2,
      });
      const leaves = ensemble.trees.map(treeLeaves);
      for (const l of leaves) {
        expect(l.length).toBeLessThanOrEqual(maxLeaves);
        if (maxDepth > 0) for (const leaf of l) expect(leaf.depth).toBeLessThanOrEqual(maxDepth);
      }
      // The limits bind: some tree reaches them.
      const most = Math.max(...leaves.map((l) => l.length));
      expect(most).toBe(maxDepth > 0 ? Math.min(maxLeaves, 2 ** maxDepth) : maxLeaves);
    }
  });

  it('gives every leaf at least minSamplesLeaf training rows', () => {
    const d = interactionData(4, 500, 0.2);
    const { ensemble } = trainGbdt(d.matrix, d.labels, null, { maxIterations: 15, minSamplesLeaf: 37 });
    expect(ensemble.trees.length).toBeGreaterThan(0);
    for (const tree of ensemble.trees) {
      expect(tree.cover[0]).toBe(500);
      for (const leaf of treeLeaves(tree)) expect(leaf.cover).toBeGreaterThanOrEqual(37);
    }
  });

  it('scores training rows through the stored trees exactly as training did through the bins', () => {
    const d = interactionData(5, 700, 0.2);
    // Validating on the training rows makes training report its own log-loss after each round.
    const result = trainGbdt(d.matrix, d.labels, d, { maxIterations: 25, minSamplesLeaf: 3 });
    expect(result.iterations).toBe(25);
    const stored = rawLogLoss(ensembleScores(result.ensemble, d.matrix), d.labels);
    expect(stored).toBeCloseTo(result.validationLoss[24] as number, 12);
  });

  it('lowers the training log-loss as iterations are added', () => {
    const d = interactionData(6, 600, 0.15);
    const losses = [1, 5, 20, 80].map((maxIterations) => {
      const { ensemble } = trainGbdt(d.matrix, d.labels, null, { maxIterations });
      return rawLogLoss(ensembleScores(ensemble, d.matrix), d.labels);
    });
    let base = 0;
    for (const y of d.labels) base += y;
    const p = base / d.labels.length;
    const entropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));
    expect(losses[0]).toBeLessThan(entropy);
    for (let i = 1; i < losses.length; i++) expect(losses[i]).toBeLessThan(losses[i - 1] as number);
  });

  it('learns an interaction of a number and a category, ranking held-out leads with AUC > 0.95', () => {
    const d = interactionData(7, 4000);
    const train = slice(d, 0, 2000);
    const valid = slice(d, 2000, 3000);
    const test = slice(d, 3000, 4000);
    const { ensemble } = trainGbdt(train.matrix, train.labels, valid, { maxIterations: 200 });
    expect(rocAuc(ensembleScores(ensemble, test.matrix), test.labels)).toBeGreaterThan(0.95);
  });
});
