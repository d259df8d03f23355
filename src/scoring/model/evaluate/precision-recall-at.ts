import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';

/** What flagging every lead with a probability at or above `threshold` would give. */
export interface ThresholdResult {
  readonly threshold: number;
  /** Rows flagged (probability ≥ threshold). */
  readonly flagged: number;
  /** Share of flagged rows that converted; 0 when nothing is flagged. */
  readonly precision: number;
  /** Share of converting rows that were flagged; 0 when no row converted. */
  readonly recall: number;
}

/**
 * Precision and recall of flagging the rows whose probability is ≥ `threshold`. Where a ratio
 * has nothing to divide by (nothing flagged, or no positives) it is reported as 0, as
 * scikit-learn does with `zero_division=0`; `flagged` tells the cases apart. Throws an
 * `INPUT_INVALID` AppError when a probability is outside [0, 1] or NaN.
 */
export const precisionRecallAt = (probs: Scores, labels: Labels, threshold: number): ThresholdResult => {
  checkBinaryInput('precisionRecallAt', probs, labels, 'probability');
  let flagged = 0;
  let truePositives = 0;
  let positives = 0;
  for (let i = 0; i < probs.length; i++) {
    const y = labels[i]!;
    positives += y;
    if (probs[i]! >= threshold) {
      flagged++;
      truePositives += y;
    }
  }
  return {
    threshold,
    flagged,
    precision: flagged === 0 ? 0 : truePositives / flagged,
    recall: positives === 0 ? 0 : truePositives / positives,
  };
};
