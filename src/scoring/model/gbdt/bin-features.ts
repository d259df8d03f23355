import type { FeatureMatrix } from '../feature-matrix.js';

/** Bins per feature, bin 0 included; a bin index fits a byte. */
export const MAX_BINS = 256;

/**
 * How one feature's values map to bins. Bin 0 always holds missing values (and, for
 * categorical features, unseen categories).
 * - numeric: bin b ≥ 1 holds values in (upper[b-2], upper[b-1]]; the last upper is +∞.
 * - categorical: bin = code + 1; codes beyond `MAX_BINS - 2` never occur (the feature plan caps
 *   categories below that).
 */
export interface BinMapper {
  readonly kind: 'numeric' | 'categorical';
  /** numeric: the upper bound of each non-missing bin (length = bins − 1). */
  readonly upper: Float64Array;
  /** Number of bins including the missing bin. */
  readonly bins: number;
}

/** The binned training data: one byte per row per feature, column-major. */
export interface BinnedMatrix {
  readonly rows: number;
  readonly mappers: readonly BinMapper[];
  readonly columns: readonly Uint8Array[];
}

/** Sorted finite values of a column, from at most `sample` evenly spaced rows. */
const sortedSample = (col: Float64Array, sample: number): Float64Array => {
  const step = col.length > sample ? col.length / sample : 1;
  const out = new Float64Array(Math.min(col.length, sample));
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    const v = col[Math.floor(i * step)] as number;
    if (v === v) out[k++] = v;
  }
  return out.subarray(0, k).sort();
};

/**
 * Bin edges for a numeric column: the midpoints between distinct values when there are few,
 * otherwise quantiles (so each bin holds about as many rows), deduplicated.
 */
export const numericUpperBounds = (col: Float64Array, maxBins = MAX_BINS, sample = 200_000): Float64Array => {
  const values = sortedSample(col, sample);
  const distinct: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]! += 1;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const room = maxBins - 1;
  const upper: number[] = [];
  if (distinct.length <= room) {
    for (let i = 0; i + 1 < distinct.length; i++)
      upper.push(((distinct[i] as number) + (distinct[i + 1] as number)) / 2);
  } else {
    // Walk the distinct values, closing a bin whenever it holds its share of the rows.
    const perBin = values.length / room;
    let filled = 0;
    let target = perBin;
    for (let i = 0; i + 1 < distinct.length && upper.length < room - 1; i++) {
      filled += counts[i] as number;
      if (filled >= target) {
        upper.push(((distinct[i] as number) + (distinct[i + 1] as number)) / 2);
        while (target <= filled) target += perBin;
      }
    }
  }
  upper.push(Infinity);
  return Float64Array.from(upper);
};

/** The bin of a numeric value: 0 when missing, else 1 + the first upper bound ≥ value. */
export const numericBin = (upper: Float64Array, v: number): number => {
  if (v !== v) return 0;
  let lo = 0;
  let hi = upper.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= (upper[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo + 1;
};

/** The bin mappers for a training matrix. */
export const fitBinMappers = (m: FeatureMatrix): BinMapper[] =>
  m.features.map((info, f) => {
    if (info.kind === 'categorical') {
      const bins = Math.min(info.categories.length + 1, MAX_BINS);
      return { kind: 'categorical', upper: new Float64Array(0), bins };
    }
    const upper = numericUpperBounds(m.columns[f] as Float64Array);
    return { kind: 'numeric', upper, bins: upper.length + 1 };
  });

/** Bins a matrix with given mappers (training and validation data share the training mappers). */
export const applyBinMappers = (m: FeatureMatrix, mappers: readonly BinMapper[]): BinnedMatrix => {
  const columns = mappers.map((mapper, f) => {
    const col = m.columns[f] as Float64Array;
    const out = new Uint8Array(m.rows);
    if (mapper.kind === 'categorical') {
      for (let i = 0; i < m.rows; i++) {
        const v = col[i] as number;
        out[i] = v === v && v + 1 < mapper.bins ? v + 1 : 0;
      }
    } else for (let i = 0; i < m.rows; i++) out[i] = numericBin(mapper.upper, col[i] as number);
    return out;
  });
  return { rows: m.rows, mappers, columns };
};
