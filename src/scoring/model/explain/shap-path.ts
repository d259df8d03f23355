/**
 * The "unique path" of path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent
 * Individualized Feature Attribution for Tree Ensembles", Algorithm 2), kept in flat typed arrays
 * so the recursion allocates nothing per node.
 *
 * A path is a run of `length` elements starting at `start` in the workspace. Element 0 is a
 * placeholder (feature -1); each later element is a distinct feature split on between the root
 * and the current node, with
 * - `zero`: the share of training rows that would have come this way if the feature were
 *   unknown (product of cover ratios over its splits on the path),
 * - `one`: 1 when row x itself comes this way at every split on the feature, else 0.
 * `weight[start + i]` is the summed Shapley weight of all feature subsets of size i on the path,
 * each multiplied by its features' `one` and the others' `zero` fractions.
 */
export interface TreeShapWorkspace {
  /** The deepest tree (edges from root to leaf) the buffers can hold. */
  readonly maxDepth: number;
  readonly feature: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly weight: Float64Array;
}

/** Buffers for trees up to `maxDepth` deep: the path at recursion level k has its own k+1 slots. */
export const createPathBuffers = (maxDepth: number): TreeShapWorkspace => {
  const size = ((maxDepth + 1) * (maxDepth + 2)) / 2;
  return {
    maxDepth,
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
};

/** Where the path of recursion level `level` starts: levels 0..level-1 hold 1..level slots. */
export const pathStart = (level: number): number => (level * (level + 1)) / 2;

/** Copies the first `length` elements of the path at `from` to `to` (the next level's slots). */
export const copyPath = (ws: TreeShapWorkspace, from: number, to: number, length: number): void => {
  // A plain loop: paths are a few elements long, where copyWithin's call costs more than the copy.
  const { feature, zero, one, weight } = ws;
  for (let i = 0; i < length; i++) {
    feature[to + i] = feature[from + i] as number;
    zero[to + i] = zero[from + i] as number;
    one[to + i] = one[from + i] as number;
    weight[to + i] = weight[from + i] as number;
  }
};

/**
 * EXTEND: appends `feature` with fractions `zero`/`one` to a path of `length` elements. Every
 * subset of size i either leaves the new feature out (its weight scaled by `zero`) or takes it
 * in (moving up to size i+1, scaled by `one`); the (i+1)/(n) and (n-1-i)/(n) factors turn the
 * Shapley weights of the old path length into those of the new one.
 */
export const extendPath = (
  ws: TreeShapWorkspace,
  start: number,
  length: number,
  zero: number,
  one: number,
  feature: number,
): void => {
  const { weight } = ws;
  const end = start + length;
  ws.feature[end] = feature;
  ws.zero[end] = zero;
  ws.one[end] = one;
  weight[end] = length === 0 ? 1 : 0;
  const n = length + 1;
  for (let i = length - 1; i >= 0; i--) {
    const w = weight[start + i] as number;
    weight[start + i + 1] = (weight[start + i + 1] as number) + (one * w * (i + 1)) / n;
    weight[start + i] = (zero * w * (length - i)) / n;
  }
};

/**
 * The sum of the subset weights the path would have without element `k` (UNWIND followed by a
 * sum, without writing): the weight a leaf gives to feature k's "in versus out" difference.
 */
export const unwoundWeightSum = (ws: TreeShapWorkspace, start: number, length: number, k: number): number => {
  const { weight } = ws;
  const one = ws.one[start + k] as number;
  const zero = ws.zero[start + k] as number;
  const last = length - 1;
  let total = 0;
  if (one !== 0) {
    let carry = weight[start + last] as number;
    for (let i = last - 1; i >= 0; i--) {
      const w = (carry * length) / ((i + 1) * one);
      total += w;
      carry = (weight[start + i] as number) - (w * zero * (last - i)) / length;
    }
  } else {
    for (let i = last - 1; i >= 0; i--)
      total += ((weight[start + i] as number) * length) / (zero * (last - i));
  }
  return total;
};

/**
 * UNWIND: removes element `k` from a path of `length` elements in place, undoing its EXTEND.
 * Used when a feature is split on again deeper down: its earlier split is taken out and
 * re-added with the combined fractions.
 */
export const unwindPath = (ws: TreeShapWorkspace, start: number, length: number, k: number): void => {
  const { weight } = ws;
  const one = ws.one[start + k] as number;
  const zero = ws.zero[start + k] as number;
  const last = length - 1;
  if (one !== 0) {
    let carry = weight[start + last] as number;
    for (let i = last - 1; i >= 0; i--) {
      const w = weight[start + i] as number;
      weight[start + i] = (carry * length) / ((i + 1) * one);
      carry = w - ((weight[start + i] as number) * zero * (last - i)) / length;
    }
  } else {
    for (let i = last - 1; i >= 0; i--) {
      weight[start + i] = ((weight[start + i] as number) * length) / (zero * (last - i));
    }
  }
  for (let i = start + k; i < start + last; i++) {
    ws.feature[i] = ws.feature[i + 1] as number;
    ws.zero[i] = ws.zero[i + 1] as number;
    ws.one[i] = ws.one[i + 1] as number;
  }
};
