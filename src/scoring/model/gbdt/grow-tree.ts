import type { BinMapper } from './bin-features.js';
import { FEATURE_STRIDE, SLOTS, buildHistogram, subtractHistogram } from './histogram.js';
import { findBestSplit, type Split, type SplitRules, type SplitScratch } from './find-split.js';
import type { Tree } from './tree.js';

/** Growth limits of one tree. */
export interface GrowRules extends SplitRules {
  readonly maxLeaves: number;
  /** 0 = unlimited. */
  readonly maxDepth: number;
  readonly minGain: number;
  readonly learningRate: number;
}

/** A tree in bin terms, to route binned rows (training updates, validation) without raw values. */
export interface BinnedTree {
  readonly feature: Int32Array;
  readonly binThreshold: Int32Array;
  readonly leftBins: readonly (Uint8Array | null)[];
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

/** What growing needs: the binned rows, gradients, and reusable buffers. */
export interface GrowInput {
  readonly bins: Uint8Array;
  readonly features: number;
  readonly mappers: readonly BinMapper[];
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  /** Row indices; partitioned in place so each leaf owns a contiguous segment. */
  readonly idx: Int32Array;
  readonly scratchIdx: Int32Array;
  readonly histPool: Float64Array[];
  readonly splitScratch: SplitScratch;
}

interface Node {
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array | null;
  split: Split | null;
  feature: number;
  left: number;
  right: number;
}

const goesLeft = (s: Split, bin: number): boolean =>
  bin === 0 ? s.missingLeft : s.leftBins ? s.leftBins[bin] === 1 : bin <= s.binThreshold;

/** Moves the segment's rows that go left to its front; returns the first right position. */
const partition = (input: GrowInput, node: Node, s: Split): number => {
  const { idx, scratchIdx, bins, features } = input;
  let l = node.start;
  let r = 0;
  for (let i = node.start; i < node.end; i++) {
    const row = idx[i] as number;
    if (goesLeft(s, bins[row * features + s.feature] as number)) idx[l++] = row;
    else scratchIdx[r++] = row;
  }
  idx.set(scratchIdx.subarray(0, r), l);
  return l;
};

const takeHist = (pool: Float64Array[], features: number): Float64Array =>
  pool.pop() ?? new Float64Array(features * FEATURE_STRIDE);

const totals = (hist: Float64Array): [number, number, number] => {
  // Feature 0's bins partition the node's rows, so its sums are the node's sums.
  let g = 0,
    h = 0,
    c = 0;
  for (let b = 0; b < FEATURE_STRIDE; b += SLOTS) {
    g += hist[b] as number;
    h += hist[b + 1] as number;
    c += hist[b + 2] as number;
  }
  return [g, h, c];
};

const canSplit = (n: Node, rules: GrowRules): boolean =>
  (rules.maxDepth === 0 || n.depth < rules.maxDepth) && n.c >= 2 * rules.minSamplesLeaf;

const evaluate = (input: GrowInput, n: Node, rules: GrowRules): void => {
  [n.g, n.h, n.c] = totals(n.hist as Float64Array);
  n.split = canSplit(n, rules)
    ? findBestSplit(n.hist as Float64Array, input.mappers, n.g, n.h, n.c, rules, input.splitScratch)
    : null;
};

const newNode = (start: number, end: number, depth: number): Node => ({
  start,
  end,
  depth,
  g: 0,
  h: 0,
  c: 0,
  hist: null,
  split: null,
  feature: -1,
  left: -1,
  right: -1,
});

/**
 * Grows one tree best-first (the leaf whose split gains most is split next, as LightGBM and
 * scikit-learn's HistGradientBoosting do) on second-order statistics: a leaf's value is
 * −G/(H+λ)·learning rate. The smaller child's histogram is built from its rows and the
 * larger one's is the parent's minus it.
 */
export const growTree = (input: GrowInput, rules: GrowRules): { nodes: Node[]; binned: BinnedTree } => {
  const { features, histPool } = input;
  const root = newNode(0, input.idx.length, 0);
  root.hist = takeHist(histPool, features);
  buildHistogram(root.hist, input.bins, features, input.idx, 0, input.idx.length, input.grad, input.hess);
  evaluate(input, root, rules);
  const nodes: Node[] = [root];
  let leaves = 1;
  while (leaves < rules.maxLeaves) {
    let pick = -1;
    let bestGain = rules.minGain;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i] as Node;
      if (n.feature === -1 && n.split && n.split.gain > bestGain) {
        bestGain = n.split.gain;
        pick = i;
      }
    }
    if (pick < 0) break;
    const parent = nodes[pick] as Node;
    const s = parent.split as Split;
    const mid = partition(input, parent, s);
    const left = newNode(parent.start, mid, parent.depth + 1);
    const right = newNode(mid, parent.end, parent.depth + 1);
    const [small, large] = mid - parent.start <= parent.end - mid ? [left, right] : [right, left];
    small.hist = takeHist(histPool, features);
    buildHistogram(
      small.hist,
      input.bins,
      features,
      input.idx,
      small.start,
      small.end,
      input.grad,
      input.hess,
    );
    subtractHistogram(parent.hist as Float64Array, small.hist, features);
    large.hist = parent.hist;
    parent.hist = null;
    evaluate(input, left, rules);
    evaluate(input, right, rules);
    parent.feature = s.feature;
    parent.left = nodes.length;
    parent.right = nodes.length + 1;
    nodes.push(left, right);
    leaves++;
  }
  for (const n of nodes)
    if (n.hist) {
      histPool.push(n.hist);
      n.hist = null;
    }
  return { nodes, binned: toBinnedTree(nodes, rules) };
};

const leafValue = (n: Node, rules: GrowRules): number => (-n.g / (n.h + rules.l2)) * rules.learningRate;

const toBinnedTree = (nodes: readonly Node[], rules: GrowRules): BinnedTree => {
  const k = nodes.length;
  const t = {
    feature: new Int32Array(k),
    binThreshold: new Int32Array(k),
    leftBins: [] as (Uint8Array | null)[],
    missingLeft: new Uint8Array(k),
    left: new Int32Array(k),
    right: new Int32Array(k),
    value: new Float64Array(k),
  };
  nodes.forEach((n, i) => {
    t.feature[i] = n.feature;
    t.left[i] = n.left;
    t.right[i] = n.right;
    const s = n.feature >= 0 ? n.split : null;
    t.binThreshold[i] = s ? s.binThreshold : 0;
    t.leftBins.push(s ? s.leftBins : null);
    t.missingLeft[i] = s?.missingLeft ? 1 : 0;
    t.value[i] = n.feature >= 0 ? 0 : leafValue(n, rules);
  });
  return t;
};

/** The leaf value of a binned row (row-major bins). */
export const predictBinned = (t: BinnedTree, bins: Uint8Array, base: number): number => {
  let n = 0;
  while ((t.feature[n] as number) >= 0) {
    const b = bins[base + (t.feature[n] as number)] as number;
    const lb = t.leftBins[n];
    const left = b === 0 ? t.missingLeft[n] === 1 : lb ? lb[b] === 1 : b <= (t.binThreshold[n] as number);
    n = left ? (t.left[n] as number) : (t.right[n] as number);
  }
  return t.value[n] as number;
};

/**
 * The same tree over raw feature values: numeric thresholds become the bins' upper bounds and
 * categorical bin sets become category-code sets (code = bin − 1). `cover` counts rows.
 */
export const toRawTree = (
  nodes: readonly { c: number }[],
  binned: BinnedTree,
  mappers: readonly BinMapper[],
): Tree => {
  const k = binned.feature.length;
  const threshold = new Float64Array(k);
  const leftCategories: (Uint8Array | null)[] = [];
  const cover = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    cover[i] = (nodes[i] as { c: number }).c;
    const f = binned.feature[i] as number;
    const lb = binned.leftBins[i] ?? null;
    if (f >= 0 && lb) leftCategories.push(lb.subarray(1).slice());
    else leftCategories.push(null);
    if (f >= 0 && !lb)
      threshold[i] = (mappers[f] as BinMapper).upper[(binned.binThreshold[i] as number) - 1] as number;
  }
  return {
    feature: binned.feature,
    threshold,
    leftCategories,
    missingLeft: binned.missingLeft,
    left: binned.left,
    right: binned.right,
    value: binned.value,
    cover,
  };
};
