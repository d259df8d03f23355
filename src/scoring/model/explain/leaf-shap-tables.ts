import type { Tree } from '../gbdt/tree.js';
import { leftShare } from './tree-shap.js';

/**
 * Path-dependent TreeSHAP rearranged by leaf, so that explaining a row costs O(leaves × depth)
 * per tree instead of O(leaves × depth²) (the idea of Fast TreeSHAP v2, Yang 2021).
 *
 * For a leaf l with value v and the distinct features F on its path (d of them), let z_j be the
 * share of training rows that would follow the path at feature j's splits if j were unknown
 * (the product of the cover ratios) and o_j ∈ {0, 1} whether row x follows it. Then feature i's
 * share of the leaf is
 *
 *   v · (o_i − z_i) · Σ_{S ⊆ P \ {i}} w(|S|, d) · Π_{j ∈ F \ S \ {i}} z_j,   w(s, d) = s!(d−s−1)!/d!
 *
 * where P = {j : o_j = 1}: only the pattern of which splits x follows varies between rows. The
 * sum is tabulated once per leaf for every feature i and every pattern of the other d − 1.
 */
export interface LeafShapTables {
  readonly leaves: number;
  readonly value: Float64Array;
  /** Per leaf: where its path steps and its distinct features start, and how many. */
  readonly stepStart: Int32Array;
  readonly stepCount: Int32Array;
  readonly featStart: Int32Array;
  readonly featCount: Int32Array;
  /** Per path step: the internal node, whether the path goes left there, the feature's slot. */
  readonly stepNode: Int32Array;
  readonly stepLeft: Uint8Array;
  readonly stepSlot: Int32Array;
  /** Per distinct feature of a leaf: its index and z. */
  readonly featId: Int32Array;
  readonly zero: Float64Array;
  /** Per leaf: where its table starts; slot k's row of 2^(d−1) patterns at coefStart + k·2^(d−1). */
  readonly coefStart: Int32Array;
  readonly coef: Float64Array;
}

/** Paths deeper than this are explained by the recursive algorithm (tables grow as d·2^(d−1)). */
export const MAX_TABLE_FEATURES = 12;

interface LeafPath {
  readonly leaf: number;
  readonly steps: { node: number; left: boolean; share: number; feature: number }[];
}

const leafPaths = (tree: Tree): LeafPath[] => {
  const out: LeafPath[] = [];
  const walk = (n: number, steps: LeafPath['steps']): void => {
    const f = tree.feature[n] as number;
    if (f < 0) {
      out.push({ leaf: n, steps });
      return;
    }
    const share = leftShare(tree, n);
    walk(tree.left[n] as number, [...steps, { node: n, left: true, share, feature: f }]);
    walk(tree.right[n] as number, [...steps, { node: n, left: false, share: 1 - share, feature: f }]);
  };
  walk(0, []);
  return out;
};

const factorials = (n: number): Float64Array => {
  const out = new Float64Array(n + 1);
  out[0] = 1;
  for (let i = 1; i <= n; i++) out[i] = (out[i - 1] as number) * i;
  return out;
};

/** The tabulated sums of one leaf: d rows of 2^(d−1) patterns, given its features' z. */
const leafTable = (zero: readonly number[], fact: Float64Array): Float64Array => {
  const d = zero.length;
  const patterns = 1 << Math.max(0, d - 1);
  const table = new Float64Array(d * patterns);
  for (let k = 0; k < d; k++) {
    const others = zero.filter((_, j) => j !== k);
    for (let p = 0; p < patterns; p++) {
      let sum = 0;
      // Every subset S of the pattern p (bits over the other d − 1 features).
      for (let s = p; ; s = (s - 1) & p) {
        let size = 0;
        let product = 1;
        for (let j = 0; j < others.length; j++) {
          if ((s >> j) & 1) size++;
          else product *= others[j] as number;
        }
        sum += (((fact[size] as number) * (fact[d - size - 1] as number)) / (fact[d] as number)) * product;
        if (s === 0) break;
      }
      table[k * patterns + p] = sum;
    }
  }
  return table;
};

/**
 * The tables of one tree, or undefined when a leaf's path has more than `MAX_TABLE_FEATURES`
 * distinct features (the recursive algorithm then explains that tree).
 */
export const buildLeafShapTables = (tree: Tree): LeafShapTables | undefined => {
  const paths = leafPaths(tree);
  const fact = factorials(MAX_TABLE_FEATURES + 1);
  const steps: { node: number; left: number; slot: number }[] = [];
  const feats: { id: number; zero: number }[] = [];
  const coefs: Float64Array[] = [];
  const per = paths.map((p) => {
    const slots = new Map<number, number>();
    const zero: number[] = [];
    const stepStart = steps.length;
    for (const s of p.steps) {
      let slot = slots.get(s.feature);
      if (slot === undefined) {
        slots.set(s.feature, (slot = zero.length));
        zero.push(1);
      }
      zero[slot] = (zero[slot] as number) * s.share;
      steps.push({ node: s.node, left: s.left ? 1 : 0, slot });
    }
    const featStart = feats.length;
    slots.forEach((slot, id) => (feats[featStart + slot] = { id, zero: zero[slot] as number }));
    return { stepStart, stepCount: p.steps.length, featStart, featCount: zero.length, zero, leaf: p.leaf };
  });
  if (per.some((p) => p.featCount > MAX_TABLE_FEATURES)) return undefined;
  let coefAt = 0;
  const coefStart = per.map((p) => {
    const table = leafTable(p.zero, fact);
    coefs.push(table);
    const at = coefAt;
    coefAt += table.length;
    return at;
  });
  const coef = new Float64Array(coefAt);
  coefs.forEach((t, i) => coef.set(t, coefStart[i] as number));
  return {
    leaves: per.length,
    value: Float64Array.from(per, (p) => tree.value[p.leaf] as number),
    stepStart: Int32Array.from(per, (p) => p.stepStart),
    stepCount: Int32Array.from(per, (p) => p.stepCount),
    featStart: Int32Array.from(per, (p) => p.featStart),
    featCount: Int32Array.from(per, (p) => p.featCount),
    stepNode: Int32Array.from(steps, (s) => s.node),
    stepLeft: Uint8Array.from(steps, (s) => s.left),
    stepSlot: Int32Array.from(steps, (s) => s.slot),
    featId: Int32Array.from(feats, (f) => f.id),
    zero: Float64Array.from(feats, (f) => f.zero),
    coefStart: Int32Array.from(coefStart),
    coef,
  };
};

/**
 * Adds one tree's SHAP values for a row to `phi`, given which way the row goes at every internal
 * node (`goesLeft[n]`, 1 or 0): per leaf, the pattern of followed splits picks each feature's
 * tabulated sum.
 */
export const addLeafShap = (t: LeafShapTables, goesLeft: Uint8Array, phi: Float64Array): void => {
  for (let l = 0; l < t.leaves; l++) {
    const d = t.featCount[l] as number;
    const s0 = t.stepStart[l] as number;
    const s1 = s0 + (t.stepCount[l] as number);
    let follows = (1 << d) - 1;
    for (let s = s0; s < s1; s++)
      if (goesLeft[t.stepNode[s] as number] !== t.stepLeft[s]) follows &= ~(1 << (t.stepSlot[s] as number));
    const v = t.value[l] as number;
    const f0 = t.featStart[l] as number;
    const rowBase = t.coefStart[l] as number;
    const patterns = 1 << Math.max(0, d - 1);
    for (let k = 0; k < d; k++) {
      const o = (follows >> k) & 1;
      const z = t.zero[f0 + k] as number;
      if (o === z) continue;
      // The pattern of the other features: bits below k stay, bits above k move down one.
      const p = (follows & ((1 << k) - 1)) | ((follows >> (k + 1)) << k);
      const id = t.featId[f0 + k] as number;
      phi[id] = (phi[id] as number) + v * (o - z) * (t.coef[rowBase + k * patterns + p] as number);
    }
  }
};
