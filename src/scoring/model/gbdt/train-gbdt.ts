import type { FeatureMatrix } from '../feature-matrix.js';
import { applyBinMappers, fitBinMappers, type BinMapper, type BinnedMatrix } from './bin-features.js';
import { splitScratch } from './find-split.js';
import { growTree, predictBinned, toRawTree, type GrowRules } from './grow-tree.js';
import type { Tree, TreeEnsemble } from './tree.js';

/** Gradient boosting settings; every field has a default (`GBDT_DEFAULTS`). */
export interface GbdtOptions extends GrowRules {
  readonly maxIterations: number;
  /** Stop when the validation log-loss has not improved for this many rounds (needs validation data). */
  readonly earlyStoppingRounds: number;
}

/**
 * Defaults close to scikit-learn's HistGradientBoostingClassifier and LightGBM's: 31 leaves (at
 * most 6 deep, as XGBoost's default: as accurate here and 3× cheaper to explain with TreeSHAP),
 * 20 rows a leaf, shrinkage 0.1, early stopping on a validation split; plus L2 1 and the extra
 * smoothing LightGBM applies to categorical splits.
 */
export const GBDT_DEFAULTS: GbdtOptions = Object.freeze({
  learningRate: 0.1,
  maxIterations: 500,
  earlyStoppingRounds: 20,
  maxLeaves: 31,
  maxDepth: 6,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  minGain: 0,
  l2: 1,
  categoricalL2: 10,
  categoricalSmoothing: 10,
  minCategoryCount: 10,
  maxCategoriesLeft: 32,
});

/** What training returns: the ensemble, and how the validation loss went. */
export interface GbdtResult {
  readonly ensemble: TreeEnsemble;
  /** Trees kept (the best validation round, or all without validation). */
  readonly iterations: number;
  /** Validation log-loss after each round (empty without validation data). */
  readonly validationLoss: readonly number[];
}

const rowMajor = (b: BinnedMatrix): Uint8Array => {
  const F = b.columns.length;
  const out = new Uint8Array(b.rows * F);
  for (let f = 0; f < F; f++) {
    const col = b.columns[f] as Uint8Array;
    for (let r = 0, at = f; r < b.rows; r++, at += F) out[at] = col[r] as number;
  }
  return out;
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

const meanLogLoss = (raw: Float64Array, y: Uint8Array): number => {
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i] as number;
    // log(1 + e^z) − y·z, computed without overflow.
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[i] as number) * z;
  }
  return s / raw.length;
};

const addTree = (
  raw: Float64Array,
  bins: Uint8Array,
  F: number,
  tree: Parameters<typeof predictBinned>[0],
): void => {
  for (let r = 0, at = 0; r < raw.length; r++, at += F)
    raw[r] = (raw[r] as number) + predictBinned(tree, bins, at);
};

/**
 * Trains gradient-boosted trees for log-loss on histogram bins (≤ 255 per feature, missing
 * values in a bin of their own). With validation data, keeps the round with the lowest
 * validation log-loss and stops `earlyStoppingRounds` after it. Deterministic.
 */
export const trainGbdt = (
  train: FeatureMatrix,
  labels: Uint8Array,
  valid: { readonly matrix: FeatureMatrix; readonly labels: Uint8Array } | null,
  options: Partial<GbdtOptions> = {},
): GbdtResult => {
  const o: GbdtOptions = { ...GBDT_DEFAULTS, ...options };
  const F = train.features.length;
  const mappers: BinMapper[] = fitBinMappers(train);
  const bins = rowMajor(applyBinMappers(train, mappers));
  const n = train.rows;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] as number;
  const base = Math.log(Math.max(pos, 0.5) / Math.max(n - pos, 0.5));
  const raw = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const idx = new Int32Array(n);
  const input = {
    bins,
    features: F,
    mappers,
    grad,
    hess,
    idx,
    scratchIdx: new Int32Array(n),
    histPool: [] as Float64Array[],
    splitScratch: splitScratch(),
  };
  const vBins = valid ? rowMajor(applyBinMappers(valid.matrix, mappers)) : null;
  const vRaw = valid ? new Float64Array(valid.matrix.rows).fill(base) : null;
  const trees: Tree[] = [];
  const losses: number[] = [];
  let best = Infinity;
  let bestRound = 0;
  for (let round = 0; round < o.maxIterations; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(raw[i] as number);
      grad[i] = p - (labels[i] as number);
      hess[i] = Math.max(p * (1 - p), 1e-16);
      idx[i] = i;
    }
    const { nodes, binned } = growTree(input, o);
    if (nodes.length === 1) break;
    addTree(raw, bins, F, binned);
    trees.push(toRawTree(nodes, binned, mappers));
    if (valid && vBins && vRaw) {
      addTree(vRaw, vBins, F, binned);
      const loss = meanLogLoss(vRaw, valid.labels);
      losses.push(loss);
      if (loss < best - 1e-9) {
        best = loss;
        bestRound = round + 1;
      } else if (round + 1 - bestRound >= o.earlyStoppingRounds) break;
    }
  }
  const kept = valid ? trees.slice(0, bestRound) : trees;
  return { ensemble: { base, trees: kept }, iterations: kept.length, validationLoss: losses };
};
