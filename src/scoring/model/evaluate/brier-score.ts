import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';

/**
 * Brier score: the mean squared difference between the predicted conversion probability and the
 * outcome (0 or 1). 0 is perfect; always predicting the base rate b scores b·(1 − b). NaN for no
 * rows. Throws an `INPUT_INVALID` AppError when a probability is outside [0, 1] or NaN.
 */
export const brierScore = (probs: Scores, labels: Labels): number => {
  checkBinaryInput('brierScore', probs, labels, 'probability');
  if (probs.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const d = probs[i]! - labels[i]!;
    sum += d * d;
  }
  return sum / probs.length;
};
