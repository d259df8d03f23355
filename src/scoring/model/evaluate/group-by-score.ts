import type { Labels, Scores } from './check-binary-input.js';

/**
 * Rows grouped by distinct score, in ascending score order: `positives[k]` and `negatives[k]`
 * count the rows whose score is `values[k]`. Ranking metrics and isotonic fitting only need
 * these counts, so ties are grouped once here.
 */
export interface ScoreGroups {
  readonly values: Float64Array;
  readonly positives: Float64Array;
  readonly negatives: Float64Array;
  readonly totalPositives: number;
  readonly totalNegatives: number;
}

/**
 * Group rows by distinct score (scores must not be NaN and labels must be 0/1: check them with
 * `checkBinaryInput` first). The scores of each class are copied and sorted natively, then
 * merged, which is faster than sorting an index array with a comparator. −0 and +0 are one score.
 */
export const groupByScore = (scores: Scores, labels: Labels): ScoreGroups => {
  let totalPositives = 0;
  for (let i = 0; i < labels.length; i++) totalPositives += labels[i]!;
  const totalNegatives = labels.length - totalPositives;
  const pos = new Float64Array(totalPositives);
  const neg = new Float64Array(totalNegatives);
  for (let i = 0, p = 0, n = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i]!;
    else neg[n++] = scores[i]!;
  }
  pos.sort();
  neg.sort();

  const values = new Float64Array(labels.length);
  const positives = new Float64Array(labels.length);
  const negatives = new Float64Array(labels.length);
  let i = 0;
  let j = 0;
  let g = 0;
  while (i < totalPositives || j < totalNegatives) {
    const v = j >= totalNegatives || (i < totalPositives && pos[i]! <= neg[j]!) ? pos[i]! : neg[j]!;
    const firstPositive = i;
    while (i < totalPositives && pos[i] === v) i++;
    const firstNegative = j;
    while (j < totalNegatives && neg[j] === v) j++;
    values[g] = v;
    positives[g] = i - firstPositive;
    negatives[g] = j - firstNegative;
    g++;
  }
  return {
    values: values.subarray(0, g),
    positives: positives.subarray(0, g),
    negatives: negatives.subarray(0, g),
    totalPositives,
    totalNegatives,
  };
};
