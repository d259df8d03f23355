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

/** Numeric features: every bin boundary, with missing values tried on both sides. */
const scanNumeric = (
  hist: Float64Array,
  o: number,
  bins: number,
  f: number,
  G: number,
  H: number,
  C: number,
  rules: SplitRules,
  best: Split,
): void => {
  const mg = hist[o] as number,
    mh = hist[o + 1] as number,
    mc = hist[o + 2] as number;
  const parent = score(G, H, rules.l2);
  let lg = 0,
    lh = 0,
    lc = 0;
  for (let t = 1; t < bins - 1; t++) {
    const b = o + t * SLOTS;
    lg += hist[b] as number;
    lh += hist[b + 1] as number;
    lc += hist[b + 2] as number;
    for (let side = 0; side < 2; side++) {
      if (side === 1 && mc === 0) break;
      const cg = side === 1 ? lg + mg : lg,
        ch = side === 1 ? lh + mh : lh,
        cc = side === 1 ? lc + mc : lc;
      const rc = C - cc,
        rh = H - ch;
      if (cc < rules.minSamplesLeaf || rc < rules.minSamplesLeaf) continue;
      if (ch < rules.minHessianLeaf || rh < rules.minHessianLeaf) continue;
      const gain = score(cg, ch, rules.l2) + score(G - cg, rh, rules.l2) - parent;
      if (gain > best.gain) {
        best.gain = gain;
        best.feature = f;
        best.binThreshold = t;
        best.leftBins = null;
        // With no missing rows here, unseen missing values follow the larger child.
        best.missingLeft = side === 1 || (mc === 0 && cc >= rc);
      }
    }
  }
};

/**
 * Categorical features: categories ordered by gradient ratio (the order in which an optimal
 * partition is a prefix), then prefixes of that order scanned from both ends; rare categories
 * and missing values form one group tried on both sides.
 */
const scanCategorical = (
  hist: Float64Array,
  o: number,
  bins: number,
  f: number,
  G: number,
  H: number,
  C: number,
  rules: SplitRules,
  best: Split,
  order: Int32Array,
  ratio: Float64Array,
): void => {
  let k = 0;
  for (let b = 1; b < bins; b++) {
    const c = hist[o + b * SLOTS + 2] as number;
    if (c >= rules.minCategoryCount) {
      order[k] = b;
      ratio[b] =
        (hist[o + b * SLOTS] as number) / ((hist[o + b * SLOTS + 1] as number) + rules.categoricalSmoothing);
      k++;
    }
  }
  if (k < 2 && !(k === 1 && (hist[o + 2] as number) > 0)) return;
  const sorted = Array.from(order.subarray(0, k)).sort(
    (a, b) => (ratio[a] as number) - (ratio[b] as number) || a - b,
  );
  let restG = G,
    restH = H,
    restC = C;
  for (const b of sorted) {
    restG -= hist[o + b * SLOTS] as number;
    restH -= hist[o + b * SLOTS + 1] as number;
    restC -= hist[o + b * SLOTS + 2] as number;
  }
  const l2 = rules.l2 + rules.categoricalL2;
  const parent = score(G, H, l2);
  const limit = Math.min(k, rules.maxCategoriesLeft);
  for (let dir = 0; dir < 2; dir++) {
    let lg = 0,
      lh = 0,
      lc = 0;
    for (let i = 0; i < limit; i++) {
      const b = sorted[dir === 0 ? i : k - 1 - i] as number;
      lg += hist[o + b * SLOTS] as number;
      lh += hist[o + b * SLOTS + 1] as number;
      lc += hist[o + b * SLOTS + 2] as number;
      for (let side = 0; side < 2; side++) {
        if (side === 1 && restC === 0) break;
        const cg = side === 1 ? lg + restG : lg,
          ch = side === 1 ? lh + restH : lh,
          cc = side === 1 ? lc + restC : lc;
        const rc = C - cc,
          rh = H - ch;
        if (cc < rules.minSamplesLeaf || rc < rules.minSamplesLeaf) continue;
        if (ch < rules.minHessianLeaf || rh < rules.minHessianLeaf) continue;
        const gain = score(cg, ch, l2) + score(G - cg, rh, l2) - parent;
        if (gain > best.gain) {
          const left = new Uint8Array(bins);
          for (let j = 0; j <= i; j++) left[sorted[dir === 0 ? j : k - 1 - j] as number] = 1;
          if (side === 1) for (let b2 = 1; b2 < bins; b2++) if (!sorted.includes(b2)) left[b2] = 1;
          best.gain = gain;
          best.feature = f;
          best.binThreshold = 0;
          best.leftBins = left;
          best.missingLeft = side === 1 || (restC === 0 && cc >= rc);
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
    const o = f * FEATURE_STRIDE;
    if (m.kind === 'numeric') scanNumeric(hist, o, m.bins, f, G, H, C, rules, best);
    else scanCategorical(hist, o, m.bins, f, G, H, C, rules, best, scratch.order, scratch.ratio);
  }
  return best;
};
