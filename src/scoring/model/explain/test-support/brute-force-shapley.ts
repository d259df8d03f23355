import type { Tree, TreeEnsemble } from '../../gbdt/tree.js';
import { nextNode } from '../../gbdt/tree.js';

/**
 * The value function TreeSHAP explains: follow x's branch on features in `known`, average both
 * branches by cover on the others (evenly when neither child saw training rows).
 */
export const conditionalExpectation = (
  tree: Tree,
  x: Float64Array,
  known: ReadonlySet<number>,
  n = 0,
): number => {
  const f = tree.feature[n] as number;
  if (f < 0) return tree.value[n] as number;
  if (known.has(f)) return conditionalExpectation(tree, x, known, nextNode(tree, n, x));
  const l = tree.left[n] as number;
  const r = tree.right[n] as number;
  const cl = tree.cover[l] as number;
  const cr = tree.cover[r] as number;
  const share = cl + cr > 0 ? cl / (cl + cr) : 0.5;
  return (
    share * conditionalExpectation(tree, x, known, l) +
    (1 - share) * conditionalExpectation(tree, x, known, r)
  );
};

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

/** Shapley values by enumerating every subset of the `width` features (keep width small). */
export const bruteForceShapley = (ensemble: TreeEnsemble, x: Float64Array, width: number): Float64Array => {
  const value = (mask: number): number => {
    const known = new Set<number>();
    for (let f = 0; f < width; f++) if (mask & (1 << f)) known.add(f);
    return ensemble.trees.reduce((s, t) => s + conditionalExpectation(t, x, known), 0);
  };
  const phi = new Float64Array(width);
  for (let mask = 0; mask < 1 << width; mask++) {
    let size = 0;
    for (let f = 0; f < width; f++) if (mask & (1 << f)) size++;
    const weight = (factorial(size) * factorial(width - size - 1)) / factorial(width);
    for (let f = 0; f < width; f++) {
      if (mask & (1 << f)) continue;
      phi[f] = (phi[f] as number) + weight * (value(mask | (1 << f)) - value(mask));
    }
  }
  return phi;
};
