import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';

/**
 * The least probability log-loss gives an outcome, so a confident miss costs −ln 1e-15 ≈ 34.5
 * instead of infinity.
 */
export const LOG_LOSS_EPSILON = 1e-15;

/**
 * Mean negative log-likelihood (natural log) of the labels under the predicted conversion
 * probabilities: −mean(y·ln p + (1 − y)·ln(1 − p)), with p clipped to [ε, 1 − ε] for
 * ε = `LOG_LOSS_EPSILON`. (The probability of the actual outcome is floored at ε, so 1 − ε is
 * never rounded.) Lower is better; always predicting the base rate b scores the entropy of b.
 * NaN for no rows. Throws an `INPUT_INVALID` AppError when a probability is outside [0, 1] or NaN.
 */
export const logLoss = (probs: Scores, labels: Labels): number => {
  checkBinaryInput('logLoss', probs, labels, 'probability');
  if (probs.length === 0) return Number.NaN;
  const floor = Math.log(LOG_LOSS_EPSILON);
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (labels[i] === 1) sum -= p < LOG_LOSS_EPSILON ? floor : Math.log(p);
    // log1p(−p) keeps the precision of small p; 1 − p is exact where it is compared (p > ½).
    else sum -= 1 - p < LOG_LOSS_EPSILON ? floor : Math.log1p(-p);
  }
  return sum / probs.length;
};
