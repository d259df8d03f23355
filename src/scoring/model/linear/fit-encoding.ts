import type { FeatureMatrix } from '../feature-matrix.js';
import { transformNumeric } from './encode-features.js';
import type { FeatureEncoding, NumericEncoding } from './logistic-model.js';

/** The encoding learned from a training matrix, and which feature each encoded column belongs to. */
export interface FittedEncoding {
  readonly encoding: FeatureEncoding[];
  readonly columnFeature: number[];
}

/**
 * Above this sample skewness (of the winsorized values), a column with no negative value is
 * log-transformed: lead data is full of counts and amounts (employees, revenue, page views)
 * whose long right tail would otherwise let a few rows set the slope.
 */
const SKEW_FOR_LOG = 2;

/** Linear interpolation between order statistics (Hyndman–Fan type 7, as R and NumPy default). */
const quantile = (sorted: Float64Array, q: number): number => {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
};

const meanOf = (values: Float64Array): number => {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
};

/** Population standard deviation and skewness around `mean`. */
const spreadOf = (values: Float64Array, mean: number): { sd: number; skew: number } => {
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= values.length;
  m3 /= values.length;
  return { sd: Math.sqrt(m2), skew: m2 > 0 ? m3 / m2 ** 1.5 : 0 };
};

const DROPPED: NumericEncoding = {
  kind: 'numeric',
  impute: 0,
  low: 0,
  high: 0,
  log: false,
  center: 0,
  scale: 1,
  valueColumn: -1,
  missingColumn: -1,
};

/** Impute value, winsorizing bounds and whether to log, from the observed (finite) values. */
const fitShape = (
  observed: Float64Array,
): Omit<NumericEncoding, 'center' | 'scale' | 'valueColumn' | 'missingColumn'> => {
  const sorted = observed.slice().sort();
  let low = quantile(sorted, 0.01);
  let high = quantile(sorted, 0.99);
  // A rare flag (say 0.5% ones) has equal percentiles; clipping would erase it, so keep the range.
  if (low === high) [low, high] = [sorted[0] as number, sorted[sorted.length - 1] as number];
  const clipped = sorted.map((v) => Math.min(high, Math.max(low, v)));
  const log = low >= 0 && spreadOf(clipped, meanOf(clipped)).skew > SKEW_FOR_LOG;
  return { kind: 'numeric', impute: meanOf(observed), low, high, log };
};

const fitNumeric = (col: Float64Array, f: number, columnFeature: number[]): NumericEncoding => {
  const observed = col.filter((v) => Number.isFinite(v));
  if (observed.length === 0) return DROPPED;
  const shape = fitShape(observed);
  // Center and scale over every training row as encoded, imputed ones included.
  const transformed = col.map((v) => transformNumeric({ ...DROPPED, ...shape }, v));
  const center = meanOf(transformed);
  const { sd } = spreadOf(transformed, center);
  const varies = sd > 1e-12 * Math.max(1, Math.abs(center));
  const valueColumn = varies ? columnFeature.push(f) - 1 : -1;
  const missing = col.length - observed.length;
  const missingColumn = missing > 0 && missing < col.length ? columnFeature.push(f) - 1 : -1;
  return { ...shape, center, scale: varies ? sd : 1, valueColumn, missingColumn };
};

/**
 * Learns how to encode each feature of `matrix` (see `NumericEncoding` and `CategoricalEncoding`),
 * numbering encoded columns in feature order.
 */
export const fitEncoding = (matrix: FeatureMatrix): FittedEncoding => {
  const columnFeature: number[] = [];
  const encoding = matrix.features.map((info, f): FeatureEncoding => {
    const col = matrix.columns[f] as Float64Array;
    if (info.kind === 'numeric') return fitNumeric(col, f, columnFeature);
    const firstColumn = columnFeature.length;
    for (let k = 0; k <= info.categories.length; k++) columnFeature.push(f);
    return { kind: 'categorical', categories: info.categories.length, firstColumn };
  });
  return { encoding, columnFeature };
};
