import type { FeatureMatrix } from '../feature-matrix.js';
import type { CategoricalEncoding, FeatureEncoding, NumericEncoding } from './logistic-model.js';

/**
 * The encoded value of numeric `v` before standardization: impute, clip, optionally log.
 * Training and scoring both go through this one function so they cannot drift apart.
 */
export const transformNumeric = (enc: NumericEncoding, v: number): number => {
  let t = Number.isFinite(v) ? v : enc.impute;
  if (t < enc.low) t = enc.low;
  else if (t > enc.high) t = enc.high;
  return enc.log ? Math.sign(t) * Math.log1p(Math.abs(t)) : t;
};

/** The standardized value column of numeric `v` (meaningless when `valueColumn` is −1). */
export const standardizeNumeric = (enc: NumericEncoding, v: number): number =>
  (transformNumeric(enc, v) - enc.center) / enc.scale;

/** The one-hot column that categorical code `v` sets; non-integer, missing and unseen codes share the last. */
export const categoricalColumn = (enc: CategoricalEncoding, v: number): number =>
  Number.isInteger(v) && v >= 0 && v < enc.categories
    ? enc.firstColumn + v
    : enc.firstColumn + enc.categories;

const writeNumeric = (enc: NumericEncoding, col: Float64Array, out: Float64Array, width: number): void => {
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as number;
    if (enc.valueColumn >= 0) out[i * width + enc.valueColumn] = standardizeNumeric(enc, v);
    if (enc.missingColumn >= 0 && !Number.isFinite(v)) out[i * width + enc.missingColumn] = 1;
  }
};

/**
 * The design matrix: `rows × width` row-major (`out[row·width + j]`), every encoded column of
 * every feature, without the intercept. One allocation for the whole table.
 */
export const encodeMatrix = (
  matrix: FeatureMatrix,
  encoding: readonly FeatureEncoding[],
  width: number,
): Float64Array => {
  const out = new Float64Array(matrix.rows * width);
  encoding.forEach((enc, f) => {
    const col = matrix.columns[f] as Float64Array;
    if (enc.kind === 'numeric') writeNumeric(enc, col, out, width);
    else for (let i = 0; i < col.length; i++) out[i * width + categoricalColumn(enc, col[i] as number)] = 1;
  });
  return out;
};

/** The mean of each column of a row-major design matrix. */
export const columnMeansOf = (design: Float64Array, rows: number, width: number): Float64Array => {
  const means = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) means[j] = (means[j] as number) + (design[base + j] as number);
  }
  for (let j = 0; j < width; j++) means[j] = (means[j] as number) / rows;
  return means;
};
