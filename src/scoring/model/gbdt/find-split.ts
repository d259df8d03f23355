import type { BinMapper } from './bin-features.js';
import { FEATURE_STRIDE, SLOTS } from './histogram.js';

/** The knobs split finding reads. */
export interface SplitRules {
  readonly l2: number;
  readonly minSamplesLeaf: number;
  readonly minHessianLeaf: number;
  /** Extra L2 for categorical splits, which overfit more easily than numeric ones. */
  readonly categoricalL2: number;
  /** Added to the hessian when ordering categories by gradient ratio. */
  readonly categoricalSmoothing: number;
  /** Categories with fewer rows in the node are never singled out; they go with missing. */
  readonly minCategoryCount: number;
  /** At most this many categories on the left side of a split. */
  readonly maxCategoriesLeft: number;
}

/** The best split found for a node, in bin terms. */
export interface Split {
  gain: number;
  feature: number;
  /** Numeric: left takes non-missing bins 1..binThreshold. */
  binThreshold: number;
  /** Categorical: membership by bin (1 = left); null for numeric splits. */
  leftBins: Uint8Array | null;
  missingLeft: boolean;
}

export const emptySplit = (): Split => ({
  gain: 0,
  feature: -1,
  binThreshold: 0,
  leftBins: null,
  missingLeft: false,
});

const score = (g: number, h: number, l2: number): number => (g * g) / (h + l2);

/** One feature's histogram in a node, and the node's totals: what both scans read. */
interface FeatureScan {
  readonly hist: Float64Array;
  /** Where the feature's bins start in `hist`. */
  readonly o: number;
  readonly bins: number;
  readonly f: number;
  readonly G: number;
  readonly H: number;
  readonly C: number;
  readonly rules: SplitRules;
}

/**
 * The gain of sending (cg, ch, cc) left and the rest right, or -Infinity when a side would be
 * smaller than the rules allow. `parent` is the node's own score with the same `l2`.
 */
const splitGain = (
  s: FeatureScan,
  cg: number,
  ch: number,
  cc: number,
  l2: number,
  parent: number,
): number => {
  const { rules } = s;
  if (cc < rules.minSamplesLeaf || s.C - cc < rules.minSamplesLeaf) return -Infinity;
  if (ch < rules.minHessianLeaf || s.H - ch < rules.minHessianLeaf) return -Infinity;
  return score(cg, ch, l2) + score(s.G - cg, s.H - ch, l2) - parent;
};

/** Numeric features: every bin boundary, with missing values tried on both sides. */
const scanNumeric = (s: FeatureScan, best: Split): void => {
  const { hist, o, bins } = s;
  const mg = hist[o] as number;
  const mh = hist[o + 1] as number;
  const mc = hist[o + 2] as number;
  const parent = score(s.G, s.H, s.rules.l2);
  let lg = 0;
  let lh = 0;
  let lc = 0;
  for (let t = 1; t < bins - 1; t++) {
    const b = o + t * SLOTS;
    lg += hist[b] as number;
    lh += hist[b + 1] as number;
    lc += hist[b + 2] as number;
    for (let side = 0; side < 2; side++) {
      if (side === 1 && mc === 0) break;
      const cc = side === 1 ? lc + mc : lc;
      const gain = splitGain(s, side === 1 ? lg + mg : lg, side === 1 ? lh + mh : lh, cc, s.rules.l2, parent);
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = s.f;
        best.binThreshold = t;
        best.leftBins = null;
        // With no missing rows here, unseen missing values follow the larger child.
        best.missingLeft = side === 1 || (mc === 0 && cc >= s.C - cc);
      }
    }
  }
};

/** The categories with enough rows in the node, ordered by gradient ratio (ties by bin). */
const orderedCategories = (s: FeatureScan, scratch: SplitScratch): number[] => {
  const { hist, o, rules } = s;
  let k = 0;
  for (let b = 1; b < s.bins; b++) {
    if ((hist[o + b * SLOTS + 2] as number) < rules.minCategoryCount) continue;
    scratch.order[k++] = b;
    scratch.ratio[b] =
      (hist[o + b * SLOTS] as number) / ((hist[o + b * SLOTS + 1] as number) + rules.categoricalSmoothing);
  }
  const ratio = scratch.ratio;
  return Array.from(scratch.order.subarray(0, k)).sort(
    (a, b) => (ratio[a] as number) - (ratio[b] as number) || a - b,
  );
};

/** The left-going bins of a categorical split: a prefix of `sorted` (from either end), plus the rest group. */
const leftSet = (
  s: FeatureScan,
  sorted: readonly number[],
  dir: number,
  upTo: number,
  restLeft: boolean,
): Uint8Array => {
  const k = sorted.length;
  const left = new Uint8Array(s.bins);
  for (let j = 0; j <= upTo; j++) left[sorted[dir === 0 ? j : k - 1 - j] as number] = 1;
  if (restLeft) for (let b = 1; b < s.bins; b++) if (!sorted.includes(b)) left[b] = 1;
  return left;
};

/**
 * Categorical features: categories ordered by gradient ratio (the order in which an optimal
 * partition is a prefix), then prefixes of that order scanned from both ends; rare categories
 * and missing values form one group tried on both sides.
 */
const scanCategorical = (s: FeatureScan, best: Split, scratch: SplitScratch): void => {
  const { hist, o } = s;
  const sorted = orderedCategories(s, scratch);
  const k = sorted.length;
  if (k < 2 && !(k === 1 && (hist[o + 2] as number) > 0)) return;
  let restG = s.G;
  let restH = s.H;
  let restC = s.C;
  for (const b of sorted) {
    restG -= hist[o + b * SLOTS] as number;
    restH -= hist[o + b * SLOTS + 1] as number;
    restC -= hist[o + b * SLOTS + 2] as number;
  }
  const l2 = s.rules.l2 + s.rules.categoricalL2;
  const parent = score(s.G, s.H, l2);
  const limit = Math.min(k, s.rules.maxCategoriesLeft);
  for (let dir = 0; dir < 2; dir++) {
    let lg = 0;
    let lh = 0;
    let lc = 0;
    for (let i = 0; i < limit; i++) {
      const b = sorted[dir === 0 ? i : k - 1 - i] as number;
      lg += hist[o + b * SLOTS] as number;
      lh += hist[o + b * SLOTS + 1] as number;
      lc += hist[o + b * SLOTS + 2] as number;
      for (let side = 0; side < 2; side++) {
        if (side === 1 && restC === 0) break;
        const cc = side === 1 ? lc + restC : lc;
        const gain = splitGain(s, side === 1 ? lg + restG : lg, side === 1 ? lh + restH : lh, cc, l2, parent);
        if (gain > best.gain) {
          best.gain = gain;
          best.feature = s.f;
          best.binThreshold = 0;
          best.leftBins = leftSet(s, sorted, dir, i, side === 1);
          best.missingLeft = side === 1 || (restC === 0 && cc >= s.C - cc);
        }
      }
    }
  }
};

/** Scratch arrays for categorical ordering, reused across nodes. */
export interface SplitScratch {
  readonly order: Int32Array;
  readonly ratio: Float64Array;
}

export const splitScratch = (): SplitScratch => ({
  order: new Int32Array(256),
  ratio: new Float64Array(256),
});

/** The best split of a node over all features, or one with gain 0 when no split helps. */
export const findBestSplit = (
  hist: Float64Array,
  mappers: readonly BinMapper[],
  G: number,
  H: number,
  C: number,
  rules: SplitRules,
  scratch: SplitScratch,
): Split => {
  const best = emptySplit();
  for (let f = 0; f < mappers.length; f++) {
    const m = mappers[f] as BinMapper;
    const scan: FeatureScan = { hist, o: f * FEATURE_STRIDE, bins: m.bins, f, G, H, C, rules };
    if (m.kind === 'numeric') scanNumeric(scan, best);
    else scanCategorical(scan, best, scratch);
  }
  return best;
};
