/**
 * The model's view of a table: one typed column per feature, column-major, so that training
 * and scoring loop over typed arrays and never build an object per row.
 *
 * - `numeric` features hold numbers; NaN means missing.
 * - `categorical` features hold category codes 0..categories.length-1 as floats; NaN means
 *   missing, and a code at or above `categories.length` is a category unseen in training
 *   (treated as missing by every model).
 */
export type FeatureKind = 'numeric' | 'categorical';

/** One model input: its name, kind, and for categorical features the category labels by code. */
export interface FeatureInfo {
  readonly name: string;
  readonly kind: FeatureKind;
  /** Category labels indexed by code (categorical features only; empty for numeric ones). */
  readonly categories: readonly string[];
  /** The source column this feature was derived from (several features may share one). */
  readonly column: string;
}

/** Rows × features, column-major: `columns[f][row]`. */
export interface FeatureMatrix {
  readonly rows: number;
  readonly features: readonly FeatureInfo[];
  readonly columns: readonly Float64Array[];
}

/** The values of one row, in feature order (a scratch array may be passed to avoid allocation). */
export const rowOf = (
  m: FeatureMatrix,
  row: number,
  out = new Float64Array(m.features.length),
): Float64Array => {
  for (let f = 0; f < m.columns.length; f++) out[f] = (m.columns[f] as Float64Array)[row] as number;
  return out;
};

/** A matrix holding only the given rows (in the given order). */
export const selectRows = (m: FeatureMatrix, rows: Int32Array | readonly number[]): FeatureMatrix => {
  const columns = m.columns.map((c) => {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = c[rows[i] as number] as number;
    return out;
  });
  return { rows: rows.length, features: m.features, columns };
};

/** The labels of the given rows, in that order. */
export const selectLabels = (labels: Uint8Array, rows: Int32Array | readonly number[]): Uint8Array =>
  Uint8Array.from(rows, (r) => labels[r] as number);

/** `count` row indices spread evenly over `rows` rows (every row when `count` ≥ `rows`); deterministic. */
export const evenlySpacedRows = (rows: number, count: number): Int32Array => {
  const n = Math.max(0, Math.min(rows, Math.floor(count)));
  return Int32Array.from({ length: n }, (_, i) => Math.floor((i * rows) / n));
};

/** A labelled matrix cut to at most `maxRows` evenly spaced rows (itself when it is no larger). */
export const sampleLabelled = (
  m: FeatureMatrix,
  labels: Uint8Array,
  maxRows: number,
): { readonly matrix: FeatureMatrix; readonly labels: Uint8Array } => {
  if (m.rows <= maxRows) return { matrix: m, labels };
  const rows = evenlySpacedRows(m.rows, maxRows);
  return { matrix: selectRows(m, rows), labels: selectLabels(labels, rows) };
};
