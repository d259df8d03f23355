import { AppError } from '../../../domain/app-error.js';
import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';

/** One bin of a calibration table: rows predicted in [from, to) and how often they converted. */
export interface CalibrationBin {
  readonly from: number;
  /** Exclusive, except for the last bin, which includes 1. */
  readonly to: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
}

/**
 * Reliability table: predicted probabilities in `bins` equal-width bins over [0, 1], each with
 * its mean prediction and observed conversion rate (well calibrated: the two agree). Empty bins
 * are omitted. Throws an `INPUT_INVALID` AppError when `bins` is not a positive integer or a
 * probability is outside [0, 1].
 */
export const calibrationTable = (probs: Scores, labels: Labels, bins = 10): CalibrationBin[] => {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new AppError('INPUT_INVALID', {
      message: `calibrationTable: bins is ${bins}; use a whole number of bins, at least 1 (10 is usual)`,
    });
  }
  checkBinaryInput('calibrationTable', probs, labels, 'probability');
  const counts = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    // p = 1 belongs to the last bin, which is closed on the right.
    const b = Math.min(Math.floor(p * bins), bins - 1);
    counts[b]!++;
    predicted[b]! += p;
    observed[b]! += labels[i]!;
  }
  const table: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const count = counts[b]!;
    if (count === 0) continue;
    table.push({
      from: b / bins,
      to: (b + 1) / bins,
      count,
      meanPredicted: predicted[b]! / count,
      observedRate: observed[b]! / count,
    });
  }
  return table;
};
