import { AppError } from '../../../domain/app-error.js';
import type { FeatureInfo } from '../feature-matrix.js';
import { columnValue } from './column-value.js';

/** One reason the model gives for a lead's score: a source column and how far it moved it. */
export interface ModelFactor {
  readonly column: string;
  /** The lead's value as shown to people ("Reference", "1,532", "12 days ago"); null if none. */
  readonly value: string | null;
  /** True when the lead has no value in this column (the model then follows its missing branch). */
  readonly missing: boolean;
  /** The column's summed SHAP value, in log-odds. */
  readonly contribution: number;
  /** Percentage points of (uncalibrated) probability this factor adds; see `probabilityPoints`. */
  readonly points: number;
  /** "Lead Source 'Reference' raises the likelihood the most". */
  readonly text: string;
}

/** Which factors to report. */
export interface ModelFactorOptions {
  /** At most this many factors, largest first (default: all). */
  readonly limit?: number;
  /** Leave out factors whose |contribution| is below this (default 0; zero ones are always left out). */
  readonly minAbs?: number;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * How many percentage points a factor moves the model's uncalibrated probability: σ(raw) minus
 * σ(raw − contribution), i.e. the probability with the factor against the probability with
 * everything else and this factor taken out, rounded to one decimal. Log-odds add up but
 * points do not: the same contribution is worth more points near 50% than near 0% or 100%.
 */
export const probabilityPoints = (raw: number, contribution: number): number => {
  const points = 100 * (sigmoid(raw) - sigmoid(raw - contribution));
  return (Math.sign(points) * Math.round(Math.abs(points) * 10)) / 10 + 0;
};

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Group {
  readonly column: string;
  readonly indices: number[];
  contribution: number;
}

/** Features summed per source column, in the order the columns first appear. */
const groupByColumn = (features: readonly FeatureInfo[], contributions: Float64Array): Group[] => {
  const groups = new Map<string, Group>();
  features.forEach((feature, i) => {
    let group = groups.get(feature.column);
    if (!group)
      groups.set(feature.column, (group = { column: feature.column, indices: [], contribution: 0 }));
    group.indices.push(i);
    group.contribution += contributions[i] as number;
  });
  return [...groups.values()];
};

/**
 * A lead's model score in words: SHAP contributions (from `treeShap`, one per feature) summed per
 * source column, largest |contribution| first, each with a sentence an account executive can
 * read. The largest positive factor "raises the likelihood the most", the largest negative
 * "lowers the likelihood the most". `raw` is the lead's raw score (log-odds) for `points`.
 */
export const modelFactors = (
  features: readonly FeatureInfo[],
  x: Float64Array,
  contributions: Float64Array,
  raw: number,
  options: ModelFactorOptions = {},
): ModelFactor[] => {
  if (x.length < features.length || contributions.length < features.length) {
    throw new AppError('INTERNAL', {
      message: `modelFactors needs a value and a contribution per feature: ${features.length} features, ${x.length} values, ${contributions.length} contributions`,
    });
  }
  const minAbs = options.minAbs ?? 0;
  const groups = groupByColumn(features, contributions)
    .filter((g) => g.contribution !== 0 && Math.abs(g.contribution) >= minAbs)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || byName(a.column, b.column));
  const topUp = groups.find((g) => g.contribution > 0);
  const topDown = groups.find((g) => g.contribution < 0);
  return groups.slice(0, options.limit ?? groups.length).map((g) => {
    const shown = columnValue(g.column, features, g.indices, x);
    const verb = g.contribution > 0 ? 'raises' : 'lowers';
    const most = g === topUp || g === topDown ? ' the most' : '';
    return {
      column: g.column,
      value: shown.value,
      missing: shown.missing,
      contribution: g.contribution,
      points: probabilityPoints(raw, g.contribution),
      text: `${shown.phrase} ${verb} the likelihood${most}`,
    };
  });
};
