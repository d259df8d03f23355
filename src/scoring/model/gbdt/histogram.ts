import { MAX_BINS } from './bin-features.js';

/** Slots per bin in a histogram: sum of gradients, sum of hessians, row count. */
export const SLOTS = 3;
/** Histogram stride per feature. */
export const FEATURE_STRIDE = MAX_BINS * SLOTS;

/**
 * Accumulates a node's histogram: for every feature and bin, the sums of gradients and
 * hessians and the row count of the node's rows `idx[start..end)`. `bins` is row-major
 * (`bins[row * features + f]`), so each row's bytes are read together.
 */
export const buildHistogram = (
  hist: Float64Array,
  bins: Uint8Array,
  features: number,
  idx: Int32Array,
  start: number,
  end: number,
  grad: Float64Array,
  hess: Float64Array,
): void => {
  hist.fill(0, 0, features * FEATURE_STRIDE);
  for (let i = start; i < end; i++) {
    const r = idx[i] as number;
    const g = grad[r] as number;
    const h = hess[r] as number;
    let at = r * features;
    let o = 0;
    for (let f = 0; f < features; f++, o += FEATURE_STRIDE) {
      const b = o + (bins[at++] as number) * SLOTS;
      hist[b] = (hist[b] as number) + g;
      hist[b + 1] = (hist[b + 1] as number) + h;
      hist[b + 2] = (hist[b + 2] as number) + 1;
    }
  }
};

/** parent ← parent − child: the sibling's histogram without reading its rows. */
export const subtractHistogram = (parent: Float64Array, child: Float64Array, features: number): void => {
  const n = features * FEATURE_STRIDE;
  for (let i = 0; i < n; i++) parent[i] = (parent[i] as number) - (child[i] as number);
};
