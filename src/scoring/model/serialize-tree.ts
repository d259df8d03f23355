import { z } from 'zod';
import type { Tree } from './gbdt/tree.js';

/** A tree as JSON: plain number arrays; categorical splits list their left-going codes. */
export const SerializedTree = z
  .object({
    feature: z.array(z.number().int()),
    threshold: z.array(z.number()),
    leftCategories: z.array(z.array(z.number().int().nonnegative()).nullable()),
    missingLeft: z.array(z.union([z.literal(0), z.literal(1)])),
    left: z.array(z.number().int()),
    right: z.array(z.number().int()),
    value: z.array(z.number()),
    cover: z.array(z.number()),
  })
  .strict()
  .refine(
    (t) =>
      [t.threshold, t.leftCategories, t.missingLeft, t.left, t.right, t.value, t.cover].every(
        (a) => a.length === t.feature.length,
      ),
    {
      message: 'every node array of a tree must have one entry per node',
    },
  );
export type SerializedTree = z.infer<typeof SerializedTree>;

/** A tree as JSON-safe plain data. */
export const serializeTree = (t: Tree): SerializedTree => ({
  feature: Array.from(t.feature),
  threshold: Array.from(t.threshold),
  leftCategories: t.leftCategories.map((set) => {
    if (set === null) return null;
    const codes: number[] = [];
    set.forEach((member, code) => {
      if (member === 1) codes.push(code);
    });
    return codes;
  }),
  missingLeft: Array.from(t.missingLeft, (v) => (v === 1 ? 1 : 0)),
  left: Array.from(t.left),
  right: Array.from(t.right),
  value: Array.from(t.value),
  cover: Array.from(t.cover),
});

/** The typed-array tree back from JSON; `categoryCounts[f]` sizes feature f's code sets. */
export const deserializeTree = (s: SerializedTree, categoryCounts: readonly number[]): Tree => ({
  feature: Int32Array.from(s.feature),
  threshold: Float64Array.from(s.threshold),
  leftCategories: s.leftCategories.map((codes, n) => {
    if (codes === null) return null;
    const set = new Uint8Array(categoryCounts[s.feature[n] as number] ?? 0);
    for (const c of codes) if (c < set.length) set[c] = 1;
    return set;
  }),
  missingLeft: Uint8Array.from(s.missingLeft),
  left: Int32Array.from(s.left),
  right: Int32Array.from(s.right),
  value: Float64Array.from(s.value),
  cover: Float64Array.from(s.cover),
});
