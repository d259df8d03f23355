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
