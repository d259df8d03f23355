import { AppError } from '../../../domain/app-error.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { evenlySpacedRows, rowOf } from '../feature-matrix.js';
import type { Tree, TreeEnsemble } from '../gbdt/tree.js';
import { nextNode } from '../gbdt/tree.js';
import type { TreeShapWorkspace } from './shap-path.js';
import {
  copyPath,
  createPathBuffers,
  extendPath,
  pathStart,
  unwindPath,
  unwoundWeightSum,
} from './shap-path.js';

export type { TreeShapWorkspace } from './shap-path.js';

/** A row's explanation: base + Σ contributions equals the ensemble's raw score (log-odds). */
export interface TreeShapResult {
  /** `ensemble.base` plus each tree's expected value: the score of an "average" training row. */
  readonly base: number;
  /** One SHAP value per feature, in log-odds. */
  readonly contributions: Float64Array;
}

/**
 * The share of node n's training rows that went left. Computed from the children's covers
 * (which sum to the parent's in trees we train) so that treeShap and expectedValue agree even
 * if they did not; a node no training row reached splits evenly.
 */
export const leftShare = (tree: Tree, n: number): number => {
  const l = tree.cover[tree.left[n] as number] as number;
  const r = tree.cover[tree.right[n] as number] as number;
  return l + r > 0 ? l / (l + r) : 0.5;
};

const subtreeMean = (tree: Tree, n: number): number => {
  if ((tree.feature[n] as number) < 0) return tree.value[n] as number;
  const share = leftShare(tree, n);
  return (
    share * subtreeMean(tree, tree.left[n] as number) +
    (1 - share) * subtreeMean(tree, tree.right[n] as number)
  );
};

/** The tree's cover-weighted mean leaf value: its prediction when no feature is known. */
export const expectedValue = (tree: Tree): number => {
  let mean = expectedValues.get(tree);
  if (mean === undefined) expectedValues.set(tree, (mean = subtreeMean(tree, 0)));
  return mean;
};

// Trees are immutable once trained or loaded, so their expected value is computed once.
const expectedValues = new WeakMap<Tree, number>();

const subtreeDepth = (tree: Tree, n: number): number =>
  (tree.feature[n] as number) < 0
    ? 0
    : 1 + Math.max(subtreeDepth(tree, tree.left[n] as number), subtreeDepth(tree, tree.right[n] as number));

/** Path buffers for every tree of `ensemble`; reuse one across rows to allocate nothing per row. */
export const createTreeShapWorkspace = (ensemble: TreeEnsemble): TreeShapWorkspace =>
  createPathBuffers(ensemble.trees.reduce((d, t) => Math.max(d, subtreeDepth(t, 0)), 0));

interface Walk {
  readonly tree: Tree;
  readonly x: Float64Array;
  readonly phi: Float64Array;
  readonly ws: TreeShapWorkspace;
}

/** At a leaf, each feature on the path gets its weighted "x's branch minus average" share. */
const creditLeaf = (walk: Walk, start: number, length: number, value: number): void => {
  const { ws, phi } = walk;
  for (let k = 1; k < length; k++) {
    const w = unwoundWeightSum(ws, start, length, k);
    const f = ws.feature[start + k] as number;
    phi[f] =
      (phi[f] as number) + w * ((ws.one[start + k] as number) - (ws.zero[start + k] as number)) * value;
  }
};

/** The position of `feature` on the path, or -1. */
const findOnPath = (ws: TreeShapWorkspace, start: number, length: number, feature: number): number => {
  for (let k = 1; k < length; k++) if (ws.feature[start + k] === feature) return k;
  return -1;
};

/**
 * RECURSE of Algorithm 2. The path reaching `node` is the parent's (`parentLength` elements at
 * the previous level) extended by the parent's split with fractions `zero`/`one`.
 */
const recurse = (
  walk: Walk,
  node: number,
  level: number,
  parentLength: number,
  zero: number,
  one: number,
  feature: number,
): void => {
  const { tree, ws } = walk;
  const start = pathStart(level);
  if (level > 0) copyPath(ws, pathStart(level - 1), start, parentLength);
  extendPath(ws, start, parentLength, zero, one, feature);
  let length = parentLength + 1;

  const split = tree.feature[node] as number;
  if (split < 0) return creditLeaf(walk, start, length, tree.value[node] as number);
  if (level === ws.maxDepth) {
    throw new AppError('INTERNAL', {
      message: `TreeSHAP workspace holds trees up to depth ${ws.maxDepth}; create it with createTreeShapWorkspace(ensemble) for this ensemble`,
    });
  }
  const hot = nextNode(tree, node, walk.x);
  const hotIsLeft = hot === tree.left[node];
  const cold = (hotIsLeft ? tree.right[node] : tree.left[node]) as number;
  const hotShare = hotIsLeft ? leftShare(tree, node) : 1 - leftShare(tree, node);

  // A feature already on the path: take its earlier split out and carry its fractions into
  // this one, so the path lists each feature once.
  let inZero = 1;
  let inOne = 1;
  const k = findOnPath(ws, start, length, split);
  if (k > 0) {
    inZero = ws.zero[start + k] as number;
    inOne = ws.one[start + k] as number;
    unwindPath(ws, start, length, k);
    length--;
  }
  // A branch with no training rows that x does not take either weighs 0 in every subset.
  const hotZero = inZero * hotShare;
  if (hotZero > 0 || inOne > 0) recurse(walk, hot, level + 1, length, hotZero, inOne, split);
  const coldZero = inZero * (1 - hotShare);
  if (coldZero > 0) recurse(walk, cold, level + 1, length, coldZero, 0, split);
};

/**
 * Exact path-dependent TreeSHAP: each feature's Shapley value for row `x`, where the value of a
 * feature set S is the tree's expectation following x's branch on features in S and the
 * cover-weighted average of both branches on the others (missing values and unseen categories
 * route as in `nextNode`). `base + Σ contributions` equals `predictRaw(ensemble, x)`.
 *
 * `out` (zeroed here) receives the contributions; its length defaults to `x.length`.
 */
export const treeShap = (
  ensemble: TreeEnsemble,
  x: Float64Array,
  out: Float64Array = new Float64Array(x.length),
  workspace: TreeShapWorkspace = createTreeShapWorkspace(ensemble),
): TreeShapResult => {
  out.fill(0);
  let base = ensemble.base;
  for (const tree of ensemble.trees) {
    base += expectedValue(tree);
    recurse({ tree, x, phi: out, ws: workspace }, 0, 0, 0, 1, 1, -1);
  }
  return { base, contributions: out };
};

/**
 * Global importance: the mean |SHAP value| of each feature over up to `maxRows` rows of
 * `matrix`, taken evenly spaced so the answer is the same on every run.
 */
export const meanAbsContributions = (
  ensemble: TreeEnsemble,
  matrix: FeatureMatrix,
  maxRows = 2000,
): Float64Array => {
  const width = matrix.features.length;
  const total = new Float64Array(width);
  const sample = evenlySpacedRows(matrix.rows, Math.max(0, maxRows));
  const count = sample.length;
  if (count === 0) return total;
  const row = new Float64Array(width);
  const phi = new Float64Array(width);
  const ws = createTreeShapWorkspace(ensemble);
  for (let i = 0; i < count; i++) {
    treeShap(ensemble, rowOf(matrix, sample[i] as number, row), phi, ws);
    for (let f = 0; f < width; f++) total[f] = (total[f] as number) + Math.abs(phi[f] as number);
  }
  for (let f = 0; f < width; f++) total[f] = (total[f] as number) / count;
  return total;
};
