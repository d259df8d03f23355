import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';
import { groupByScore } from './group-by-score.js';

/**
 * Average precision (area under the precision–recall curve) as scikit-learn's
 * `average_precision_score` defines it: Σₙ (Rₙ − Rₙ₋₁)·Pₙ over the distinct scores taken as
 * thresholds from the highest down, where Pₙ and Rₙ are the precision and recall of flagging
 * every row scoring at least the n-th threshold. Tied rows enter together, and there is no
 * interpolation (so it is not the trapezoidal PR area, which is optimistic).
 *
 * Returns NaN when no row is positive (recall is undefined); a random ranking scores about the
 * base rate, a perfect one 1. Throws an `INPUT_INVALID` AppError on invalid input (see `rocAuc`).
 */
export const averagePrecision = (scores: Scores, labels: Labels): number => {
  checkBinaryInput('averagePrecision', scores, labels, 'ordered');
  const { positives, negatives, totalPositives } = groupByScore(scores, labels);
  if (totalPositives === 0) return Number.NaN;
  let truePositives = 0;
  let flagged = 0;
  let sum = 0;
  for (let k = positives.length - 1; k >= 0; k--) {
    const p = positives[k]!;
    truePositives += p;
    flagged += p + negatives[k]!;
    // Rₙ − Rₙ₋₁ = p / P; summing p·Pₙ and dividing once avoids differences of rounded recalls.
    if (p > 0) sum += p * (truePositives / flagged);
  }
  return sum / totalPositives;
};
