import { nextNode, type Tree, type TreeEnsemble } from '../gbdt/tree.js';
import { addLeafShap, buildLeafShapTables, type LeafShapTables } from './leaf-shap-tables.js';
import { createTreeShapWorkspace, expectedValue, treeShap, type TreeShapResult } from './tree-shap.js';

/** Explains rows of one ensemble: SHAP values whose sum with `base` is the raw score. */
export type ShapExplainer = (x: Float64Array, out: Float64Array) => TreeShapResult;

/**
 * Prepares exact path-dependent TreeSHAP for an ensemble: each tree's leaf tables
 * (`buildLeafShapTables`, O(leaves × depth) a row) where its paths are short enough, the
 * recursive algorithm (`treeShap`) for the others. Same values as `treeShap`, faster.
 */
export const createShapExplainer = (ensemble: TreeEnsemble): ShapExplainer => {
  const trees = ensemble.trees;
  const tables: (LeafShapTables | undefined)[] = trees.map((t) => buildLeafShapTables(t));
  const deep: Tree[] = ensemble.trees.filter((_, i) => tables[i] === undefined);
  const fallback: TreeEnsemble = { base: 0, trees: deep };
  const workspace = createTreeShapWorkspace(fallback);
  const base = ensemble.trees.reduce((b, t) => b + expectedValue(t), ensemble.base);
  const goesLeft = new Uint8Array(ensemble.trees.reduce((m, t) => Math.max(m, t.feature.length), 0));
  let scratch = new Float64Array(0);
  return (x, out) => {
    out.fill(0);
    for (let i = 0; i < trees.length; i++) {
      const table = tables[i];
      if (table === undefined) continue;
      const tree = trees[i] as Tree;
      for (let n = 0; n < tree.feature.length; n++)
        if ((tree.feature[n] as number) >= 0) goesLeft[n] = nextNode(tree, n, x) === tree.left[n] ? 1 : 0;
      addLeafShap(table, goesLeft, out);
    }
    if (deep.length > 0) {
      if (scratch.length !== out.length) scratch = new Float64Array(out.length);
      treeShap(fallback, x, scratch, workspace);
      for (let f = 0; f < out.length; f++) out[f] = (out[f] as number) + (scratch[f] as number);
    }
    return { base, contributions: out };
  };
};
