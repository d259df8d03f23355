/**
 * One regression tree of a boosted ensemble, as parallel typed arrays indexed by node
 * (node 0 is the root). A node with `feature[n] === -1` is a leaf whose `value[n]` is added
 * to the raw score (log-odds). Values are already multiplied by the learning rate.
 *
 * Routing a row `x` at an internal node `n` with feature `f = feature[n]` and value `v = x[f]`:
 * - missing (`NaN`), or a categorical code with no entry in `leftCategories[n]` (unseen in
 *   training) → left when `missingLeft[n] === 1`, else right;
 * - categorical split (`leftCategories[n] !== null`) → left when `leftCategories[n][v] === 1`;
 * - numeric split → left when `v <= threshold[n]`.
 *
 * `cover[n]` is the number of training rows that reached node n (TreeSHAP weights by it).
 */
export interface Tree {
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly leftCategories: readonly (Uint8Array | null)[];
  readonly missingLeft: Uint8Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
  readonly cover: Float64Array;
}

/** The child of internal node `n` that row `x` goes to. */
export const nextNode = (tree: Tree, n: number, x: Float64Array): number => {
  const v = x[tree.feature[n] as number] as number;
  const cats = tree.leftCategories[n];
  let goLeft: boolean;
  if (v !== v) goLeft = tree.missingLeft[n] === 1;
  else if (cats) {
    const member = cats[v];
    goLeft = member === undefined ? tree.missingLeft[n] === 1 : member === 1;
  } else goLeft = v <= (tree.threshold[n] as number);
  return goLeft ? (tree.left[n] as number) : (tree.right[n] as number);
};

/** The leaf value row `x` lands on. */
export const predictTree = (tree: Tree, x: Float64Array): number => {
  let n = 0;
  while ((tree.feature[n] as number) >= 0) n = nextNode(tree, n, x);
  return tree.value[n] as number;
};

/** A boosted ensemble: raw score (log-odds) = base + Σ tree leaf values. */
export interface TreeEnsemble {
  readonly base: number;
  readonly trees: readonly Tree[];
}

/** The raw score (log-odds) of row `x`. */
export const predictRaw = (ensemble: TreeEnsemble, x: Float64Array): number => {
  let s = ensemble.base;
  for (const t of ensemble.trees) s += predictTree(t, x);
  return s;
};

/**
 * An ensemble flattened for scoring: every tree's nodes in one set of typed arrays with global
 * child indices, and categorical sets packed in one byte array, so that scoring a row is one
 * loop without calls or per-tree objects.
 */
export interface CompiledEnsemble {
  readonly base: number;
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  /** Offset of a categorical node's set in `categories`, or -1 for a numeric split. */
  readonly categoryAt: Int32Array;
  readonly categoryCount: Int32Array;
  readonly categories: Uint8Array;
  readonly value: Float64Array;
}

/** Flattens an ensemble for `predictCompiled`. */
export const compileEnsemble = (e: TreeEnsemble): CompiledEnsemble => {
  const total = e.trees.reduce((n, t) => n + t.feature.length, 0);
  const setBytes = e.trees.reduce(
    (n, t) => n + t.leftCategories.reduce((m, c) => m + (c?.length ?? 0), 0),
    0,
  );
  const c = {
    base: e.base,
    roots: new Int32Array(e.trees.length),
    feature: new Int32Array(total),
    threshold: new Float64Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    missingLeft: new Uint8Array(total),
    categoryAt: new Int32Array(total).fill(-1),
    categoryCount: new Int32Array(total),
    categories: new Uint8Array(setBytes),
    value: new Float64Array(total),
  };
  let at = 0;
  let bytes = 0;
  e.trees.forEach((t, i) => {
    c.roots[i] = at;
    for (let n = 0; n < t.feature.length; n++) {
      const g = at + n;
      c.feature[g] = t.feature[n] as number;
      c.threshold[g] = t.threshold[n] as number;
      c.left[g] = at + (t.left[n] as number);
      c.right[g] = at + (t.right[n] as number);
      c.missingLeft[g] = t.missingLeft[n] as number;
      c.value[g] = t.value[n] as number;
      const set = t.leftCategories[n];
      if (set) {
        c.categoryAt[g] = bytes;
        c.categoryCount[g] = set.length;
        c.categories.set(set, bytes);
        bytes += set.length;
      }
    }
    at += t.feature.length;
  });
  return c;
};

/** The raw score of row `x`, routed exactly as `nextNode` routes it. */
export const predictCompiled = (c: CompiledEnsemble, x: Float64Array): number => {
  let s = c.base;
  const { feature, threshold, left, right, missingLeft, categoryAt, categoryCount, categories, value } = c;
  for (let t = 0; t < c.roots.length; t++) {
    let n = c.roots[t] as number;
    let f = feature[n] as number;
    while (f >= 0) {
      const v = x[f] as number;
      const at = categoryAt[n] as number;
      let goLeft: boolean;
      // Numeric: NaN fails both comparisons, so the missing direction needs no branch of its own.
      if (at < 0)
        goLeft = missingLeft[n] === 1 ? !(v > (threshold[n] as number)) : v <= (threshold[n] as number);
      else if (v < (categoryCount[n] as number) && v >= 0 && (v | 0) === v) goLeft = categories[at + v] === 1;
      else goLeft = missingLeft[n] === 1;
      n = goLeft ? (left[n] as number) : (right[n] as number);
      f = feature[n] as number;
    }
    s += value[n] as number;
  }
  return s;
};
