import type { FeatureInfo, FeatureMatrix } from '../feature-matrix.js';

/** A test feature: its values by row and, for a categorical feature, its category labels. */
export interface TestFeature {
  readonly name: string;
  readonly values: readonly number[];
  readonly categories?: readonly string[];
}

/** A numeric test feature (NaN = missing). */
export const numeric = (name: string, values: readonly number[]): TestFeature => ({ name, values });

/** A categorical test feature from category labels by row ('' = missing). */
export const categorical = (
  name: string,
  categories: readonly string[],
  labels: readonly string[],
): TestFeature => ({
  name,
  categories,
  values: labels.map((l) => (l === '' ? NaN : categories.indexOf(l))),
});

/** A feature matrix from test features of equal length. */
export const matrixOf = (...features: readonly TestFeature[]): FeatureMatrix => {
  const rows = features[0]?.values.length ?? 0;
  if (features.some((f) => f.values.length !== rows)) throw new Error('matrixOf: features differ in length');
  return {
    rows,
    features: features.map((f): FeatureInfo => ({
      name: f.name,
      kind: f.categories ? 'categorical' : 'numeric',
      categories: f.categories ?? [],
      column: f.name,
    })),
    columns: features.map((f) => Float64Array.from(f.values)),
  };
};
