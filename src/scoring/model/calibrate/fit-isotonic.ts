import { AppError } from '../../../domain/app-error.js';
import { checkBinaryInput, type Labels, type Scores } from '../evaluate/check-binary-input.js';
import { groupByScore } from '../evaluate/group-by-score.js';
import { clipProbability, type IsotonicCalibration } from './calibration.js';

/**
 * Isotonic calibration fitted by pool-adjacent-violators. Rows are sorted by raw score and rows
 * with the same raw score are pooled first (they must get the same probability). Walking up the
 * scores, a block whose conversion rate is not above the previous block's is merged into it,
 * repeatedly, so the block rates end strictly increasing: the least-squares non-decreasing fit.
 *
 * Each block becomes one point: x is the mean raw score of its rows (clamped into the block's
 * range), y its conversion rate clipped to [PROBABILITY_MARGIN, 1 − PROBABILITY_MARGIN].
 * `applyCalibration` joins the points linearly, which keeps distinct scores distinct inside
 * the fitted range; scikit-learn instead keeps each block's first and last score, which makes
 * the map flat within blocks. Throws an `INPUT_INVALID` AppError when there are no rows, a raw
 * score is not finite, or a label is not 0/1.
 */
export const fitIsotonic = (raw: Scores, labels: Labels): IsotonicCalibration => {
  checkBinaryInput('fitIsotonic', raw, labels, 'finite');
  if (raw.length === 0) {
    throw new AppError('INPUT_INVALID', {
      message: 'fitIsotonic: no rows; fit a calibration on held-out leads whose outcomes are known',
    });
  }
  const { values, positives, negatives } = groupByScore(raw, labels);
  // A stack of blocks: row count, converted count, mean raw score, and the raw score range.
  const weight = new Float64Array(values.length);
  const converted = new Float64Array(values.length);
  const meanX = new Float64Array(values.length);
  const firstX = new Float64Array(values.length);
  const lastX = new Float64Array(values.length);
  let top = -1;
  for (let k = 0; k < values.length; k++) {
    top++;
    weight[top] = positives[k]! + negatives[k]!;
    converted[top] = positives[k]!;
    meanX[top] = firstX[top] = lastX[top] = values[k]!;
    // rate(top − 1) ≥ rate(top), cross-multiplied: counts are integers, so this is exact.
    while (top > 0 && converted[top - 1]! * weight[top]! >= converted[top]! * weight[top - 1]!) {
      const w = weight[top - 1]! + weight[top]!;
      meanX[top - 1]! += (meanX[top]! - meanX[top - 1]!) * (weight[top]! / w);
      weight[top - 1] = w;
      converted[top - 1]! += converted[top]!;
      lastX[top - 1] = lastX[top]!;
      top--;
    }
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let k = 0; k <= top; k++) {
    // Rounding could push a mean just outside its block; clamping keeps x strictly increasing.
    x.push(Math.min(Math.max(meanX[k]!, firstX[k]!), lastX[k]!));
    y.push(clipProbability(converted[k]! / weight[k]!));
  }
  return { kind: 'isotonic', x, y };
};
