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
 * An ensemble flattened for scoring: every tree's nodes in two typed arrays with global child
 * indices — per node six integers (feature or -1 for a leaf, left, right, flags, category-set
 * offset and size) and one number (threshold, or the value of a leaf) — so that scoring a row
 * is one loop without calls, per-tree objects or scattered loads.
 */
export interface CompiledEnsemble {
  readonly base: number;
  readonly roots: Int32Array;
  /** Stride `NODE_INTS`: feature, left, right, flags (1 missing goes left, 2 categorical), set offset, set size. */
  readonly nodes: Int32Array;
  /** Threshold of a numeric split, value of a leaf. */
  readonly numbers: Float64Array;
  readonly categories: Uint8Array;
}

const NODE_INTS = 6;
const MISSING_LEFT = 1;
const CATEGORICAL = 2;

/** Flattens an ensemble for `predictCompiled`. */
export const compileEnsemble = (e: TreeEnsemble): CompiledEnsemble => {
  const total = e.trees.reduce((n, t) => n + t.feature.length, 0);
  const setBytes = e.trees.reduce(
    (n, t) => n + t.leftCategories.reduce((m, c) => m + (c?.length ?? 0), 0),
    0,
  );
  const roots = new Int32Array(e.trees.length);
  const nodes = new Int32Array(total * NODE_INTS);
  const numbers = new Float64Array(total);
  const categories = new Uint8Array(setBytes);
  let at = 0;
  let bytes = 0;
  e.trees.forEach((t, i) => {
    roots[i] = at;
    for (let n = 0; n < t.feature.length; n++) {
      const g = (at + n) * NODE_INTS;
      const f = t.feature[n] as number;
      const set = t.leftCategories[n];
      nodes[g] = f;
      nodes[g + 1] = at + (t.left[n] as number);
      nodes[g + 2] = at + (t.right[n] as number);
      nodes[g + 3] = (t.missingLeft[n] === 1 ? MISSING_LEFT : 0) | (set ? CATEGORICAL : 0);
      numbers[at + n] = f < 0 ? (t.value[n] as number) : (t.threshold[n] as number);
      if (set) {
        nodes[g + 4] = bytes;
        nodes[g + 5] = set.length;
        categories.set(set, bytes);
        bytes += set.length;
      }
    }
    at += t.feature.length;
  });
  return { base: e.base, roots, nodes, numbers, categories };
};

/** The raw score of row `x`, routed exactly as `nextNode` routes it. */
export const predictCompiled = (c: CompiledEnsemble, x: Float64Array): number => {
  let s = c.base;
  const { nodes, numbers, categories, roots } = c;
  for (let t = 0; t < roots.length; t++) {
    let n = roots[t] as number;
    let g = n * NODE_INTS;
    let f = nodes[g] as number;
    while (f >= 0) {
      const v = x[f] as number;
      const flags = nodes[g + 3] as number;
      let goLeft: boolean;
      // Numeric: NaN fails both comparisons, so the missing direction needs no branch of its own.
      if ((flags & CATEGORICAL) === 0)
        goLeft = (flags & MISSING_LEFT) !== 0 ? !(v > (numbers[n] as number)) : v <= (numbers[n] as number);
      else if (v >= 0 && v < (nodes[g + 5] as number) && (v | 0) === v)
        goLeft = categories[(nodes[g + 4] as number) + v] === 1;
      else goLeft = (flags & MISSING_LEFT) !== 0;
      n = goLeft ? (nodes[g + 1] as number) : (nodes[g + 2] as number);
      g = n * NODE_INTS;
      f = nodes[g] as number;
    }
    s += numbers[n] as number;
  }
  return s;
};
