import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';
import { groupByScore } from './group-by-score.js';

/**
 * Area under the ROC curve: the probability that a random converting lead scores above a random
 * non-converting one, a tie counting one half. This is the Mann–Whitney U / (P·N) with tied
 * scores given their average rank, and equals the trapezoidal area under the ROC curve.
 *
 * Only the order of `scores` matters (raw log-odds or probabilities give the same AUC). Returns
 * NaN when only one class is present (or there are no rows), where AUC is undefined; throws an
 * `INPUT_INVALID` AppError on NaN scores, labels other than 0/1, or mismatched lengths.
 */
export const rocAuc = (scores: Scores, labels: Labels): number => {
  checkBinaryInput('rocAuc', scores, labels, 'ordered');
  const { positives, negatives, totalPositives, totalNegatives } = groupByScore(scores, labels);
  if (totalPositives === 0 || totalNegatives === 0) return Number.NaN;
  // Every (positive, negative) pair is won by the positive when the negative scores lower and
  // half-won when they tie. Counts stay integers (or halves) well below 2^53, so the sum is exact.
  let negativesBelow = 0;
  let wins = 0;
  for (let k = 0; k < positives.length; k++) {
    const n = negatives[k]!;
    wins += positives[k]! * (negativesBelow + n / 2);
    negativesBelow += n;
  }
  return wins / (totalPositives * totalNegatives);
};
