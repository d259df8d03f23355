import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../domain/seeded-random.js';
import { categorical, matrixOf, numeric } from '../test-support/matrix-of.js';
import { treeLeaves } from '../test-support/tree-leaves.js';
import { trainGbdt } from './train-gbdt.js';
import { predictTree, type Tree } from './tree.js';

/** The first tree trained on the data (small leaves allowed). */
const firstTree = (m: Parameters<typeof trainGbdt>[0], labels: readonly number[]): Tree => {
  const { ensemble } = trainGbdt(m, Uint8Array.from(labels), null, { maxIterations: 1, minSamplesLeaf: 5 });
  const tree = ensemble.trees[0];
  if (!tree) throw new Error('no tree was grown');
  return tree;
};

/** The whole numbers 0..10, each `times` times. */
const zeroToTen = (times: number): number[] => Array.from({ length: 11 * times }, (_, i) => i % 11);

describe('split finding', () => {
  it('splits y = (x > 5) between 5 and 6 and scores every converting row above every other', () => {
    const x = zeroToTen(20);
    const labels = x.map((v) => (v > 5 ? 1 : 0));
    const tree = firstTree(matrixOf(numeric('x', x)), labels);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBeGreaterThan(5);
    expect(tree.threshold[0]).toBeLessThan(6);
    expect(treeLeaves(tree)).toHaveLength(2);
    const score = (v: number): number => predictTree(tree, Float64Array.of(v));
    for (let low = 0; low <= 5; low++)
      for (let high = 6; high <= 10; high++) expect(score(high)).toBeGreaterThan(score(low));
  });

  it('puts exactly the converting categories, or exactly the others, on the left', () => {
    const categories = ['a', 'b', 'c', 'd'];
    const random = createSeededRandom(11);
    const rows = random.shuffle(Array.from({ length: 160 }, (_, i) => categories[i % 4] as string));
    const labels = rows.map((c) => (c === 'b' || c === 'd' ? 1 : 0));
    const tree = firstTree(matrixOf(categorical('Industry', categories, rows)), labels);
    expect(tree.feature[0]).toBe(0);
    const left = tree.leftCategories[0];
    expect(left).not.toBeNull();
    const leftSet = categories.filter((_, code) => left?.[code] === 1);
    expect([
      ['b', 'd'],
      ['a', 'c'],
    ]).toContainEqual(leftSet);
    const score = (c: string): number => predictTree(tree, Float64Array.of(categories.indexOf(c)));
    expect(Math.min(score('b'), score('d'))).toBeGreaterThan(Math.max(score('a'), score('c')));
  });

  it.each([
    { converts: 'low x', label: (v: number) => (v <= 5 ? 1 : 0), missingLeft: 1 },
    { converts: 'high x', label: (v: number) => (v > 5 ? 1 : 0), missingLeft: 0 },
  ])('sends missing values that always convert to the converting side when $converts converts', (c) => {
    const x = [...zeroToTen(20), ...Array<number>(30).fill(NaN)];
    const labels = x.map((v) => (Number.isNaN(v) ? 1 : c.label(v)));
    const tree = firstTree(matrixOf(numeric('x', x)), labels);
    expect(tree.threshold[0]).toBeGreaterThan(5);
    expect(tree.threshold[0]).toBeLessThan(6);
    expect(tree.missingLeft[0]).toBe(c.missingLeft);
    const score = (v: number): number => predictTree(tree, Float64Array.of(v));
    const converting = c.missingLeft === 1 ? 0 : 10;
    expect(score(NaN)).toBe(score(converting));
    expect(score(NaN)).toBeGreaterThan(score(10 - converting));
  });

  it('splits the root on the relevant feature, not on an irrelevant one', () => {
    const random = createSeededRandom(5);
    // 240 distinct values fit in the bins, so the edges are the midpoints between neighbours.
    const noise = Array.from({ length: 240 }, () => random.normal());
    const x = Array.from({ length: 240 }, () => random.normal());
    const labels = x.map((v) => (v > 0.3 ? 1 : 0));
    const tree = firstTree(matrixOf(numeric('noise', noise), numeric('x', x)), labels);
    expect(tree.feature[0]).toBe(1);
    const below = Math.max(...x.filter((v) => v <= 0.3));
    const above = Math.min(...x.filter((v) => v > 0.3));
    expect(tree.threshold[0]).toBeGreaterThanOrEqual(below);
    expect(tree.threshold[0]).toBeLessThan(above);
  });
});
