import { describe, expect, it } from 'vitest';
import { nextNode, predictRaw, predictTree, type Tree } from './tree.js';

/**
 * Node 0 splits numeric feature 0 at 10 (missing right); node 1 splits categorical feature 1
 * with codes {0, 2} left (missing and unseen codes left).
 */
const tree: Tree = {
  feature: Int32Array.from([0, 1, -1, -1, -1]),
  threshold: Float64Array.from([10, 0, 0, 0, 0]),
  leftCategories: [null, Uint8Array.from([1, 0, 1]), null, null, null],
  missingLeft: Uint8Array.from([0, 1, 0, 0, 0]),
  left: Int32Array.from([1, 3, -1, -1, -1]),
  right: Int32Array.from([2, 4, -1, -1, -1]),
  value: Float64Array.from([0, 0, 0.5, -0.25, 0.75]),
  cover: Float64Array.from([100, 60, 40, 30, 30]),
};

const row = (x: number, code: number): Float64Array => Float64Array.of(x, code);

describe('nextNode', () => {
  it('sends a value equal to the threshold left and a larger one right', () => {
    expect(nextNode(tree, 0, row(10, 0))).toBe(1);
    expect(nextNode(tree, 0, row(-3, 0))).toBe(1);
    expect(nextNode(tree, 0, row(10.000001, 0))).toBe(2);
  });

  it('sends a missing numeric value the learned missing way', () => {
    expect(nextNode(tree, 0, row(NaN, 0))).toBe(2);
  });

  it('sends categories by membership of the left set', () => {
    expect(nextNode(tree, 1, row(0, 0))).toBe(3);
    expect(nextNode(tree, 1, row(0, 1))).toBe(4);
    expect(nextNode(tree, 1, row(0, 2))).toBe(3);
  });

  it('sends missing and unseen categories the missing way', () => {
    expect(nextNode(tree, 1, row(0, NaN))).toBe(3);
    expect(nextNode(tree, 1, row(0, 3))).toBe(3);
  });
});

describe('predictRaw', () => {
  it('adds the leaf value of every tree to the base score', () => {
    expect(predictTree(tree, row(20, 1))).toBe(0.5);
    expect(predictTree(tree, row(1, 1))).toBe(0.75);
    expect(predictRaw({ base: -1, trees: [tree, tree] }, row(1, 1))).toBe(0.5);
    expect(predictRaw({ base: -1, trees: [] }, row(1, 1))).toBe(-1);
  });
});
