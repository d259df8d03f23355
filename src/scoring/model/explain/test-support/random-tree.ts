import fc from 'fast-check';
import type { Tree, TreeEnsemble } from '../../gbdt/tree.js';

/** A tree as nested nodes, before flattening into the typed-array format. */
export type NodeSpec =
  | { readonly leaf: true; readonly value: number; readonly cover: number }
  | {
      readonly leaf: false;
      readonly feature: number;
      /** Numeric threshold, or for categorical features a bit mask of the left categories. */
      readonly split: number;
      readonly missingLeft: boolean;
      readonly left: NodeSpec;
      readonly right: NodeSpec;
    };

/** The features of a random problem: for each, 0 when numeric, else its number of categories. */
export type Schema = readonly number[];

/** Builds a tree from nested nodes in pre-order; internal covers are the sums of their children. */
export const buildTree = (schema: Schema, root: NodeSpec): Tree => {
  const feature: number[] = [];
  const threshold: number[] = [];
  const leftCategories: (Uint8Array | null)[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const cover: number[] = [];
  const visit = (spec: NodeSpec): number => {
    const n = feature.length;
    feature.push(spec.leaf ? -1 : spec.feature);
    const categories = spec.leaf ? 0 : (schema[spec.feature] ?? 0);
    const split = spec.leaf ? 0 : spec.split;
    threshold.push(categories === 0 ? split : 0);
    leftCategories.push(
      categories === 0 ? null : Uint8Array.from({ length: categories }, (_, c) => (split >> c) & 1),
    );
    missingLeft.push(!spec.leaf && spec.missingLeft ? 1 : 0);
    value.push(spec.leaf ? spec.value : 0);
    left.push(-1);
    right.push(-1);
    cover.push(spec.leaf ? spec.cover : 0);
    if (!spec.leaf) {
      left[n] = visit(spec.left);
      right[n] = visit(spec.right);
      cover[n] = (cover[left[n] as number] as number) + (cover[right[n] as number] as number);
    }
    return n;
  };
  visit(root);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    leftCategories,
    missingLeft: Uint8Array.from(missingLeft),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
};

/** 1 to `maxFeatures` features, each numeric (0) or categorical with 1 to 4 categories. */
export const schemaArb = (maxFeatures: number): fc.Arbitrary<Schema> =>
  fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 })), {
    minLength: 1,
    maxLength: maxFeatures,
  });

/** Random trees up to depth 6; few features, so features repeat along a path. */
export const nodeArb = (schema: Schema): fc.Arbitrary<NodeSpec> =>
  fc.letrec<{ node: NodeSpec; leaf: NodeSpec; split: NodeSpec }>((tie) => ({
    node: fc.oneof({ maxDepth: 6, depthSize: 'small' }, tie('leaf'), tie('split'), tie('split')),
    leaf: fc.record({
      leaf: fc.constant(true as const),
      value: fc.double({ min: -5, max: 5, noNaN: true }),
      // Mostly positive covers, sometimes 0: a branch no training row reached.
      cover: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(0)),
    }),
    split: fc.record({
      leaf: fc.constant(false as const),
      feature: fc.integer({ min: 0, max: schema.length - 1 }),
      split: fc.integer({ min: 0, max: 15 }),
      missingLeft: fc.boolean(),
      left: tie('node'),
      right: tie('node'),
    }),
  })).node;

/** A row: numbers 0..16 or missing; category codes, missing, or codes unseen in training. */
export const rowArb = (schema: Schema): fc.Arbitrary<Float64Array> =>
  fc
    .tuple(
      ...schema.map((categories) =>
        fc.oneof(
          fc.constant(Number.NaN),
          categories === 0
            ? fc.double({ min: 0, max: 16, noNaN: true })
            : fc.integer({ min: 0, max: categories + 1 }),
        ),
      ),
    )
    .map((values) => Float64Array.from(values));

/** A schema, an ensemble of 1 to `maxTrees` random trees on it, and a row. */
export const ensembleCaseArb = (
  maxFeatures: number,
  maxTrees: number,
): fc.Arbitrary<{ schema: Schema; ensemble: TreeEnsemble; x: Float64Array }> =>
  schemaArb(maxFeatures).chain((schema) =>
    fc.record({
      schema: fc.constant(schema),
      ensemble: fc.record({
        base: fc.double({ min: -3, max: 3, noNaN: true }),
        trees: fc
          .array(nodeArb(schema), { minLength: 1, maxLength: maxTrees })
          .map((specs) => specs.map((spec) => buildTree(schema, spec))),
      }),
      x: rowArb(schema),
    }),
  );
