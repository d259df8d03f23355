import type { Tree } from '../gbdt/tree.js';

/** One leaf of a tree: its node index, depth (the root is at depth 0) and cover. */
export interface TreeLeaf {
  readonly node: number;
  readonly depth: number;
  readonly cover: number;
}

/** The leaves of a tree reachable from its root, walking the child links. */
export const treeLeaves = (tree: Tree): TreeLeaf[] => {
  const leaves: TreeLeaf[] = [];
  const stack: [number, number][] = [[0, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if ((tree.feature[node] as number) < 0) leaves.push({ node, depth, cover: tree.cover[node] as number });
    else stack.push([tree.right[node] as number, depth + 1], [tree.left[node] as number, depth + 1]);
  }
  return leaves.sort((a, b) => a.node - b.node);
};
