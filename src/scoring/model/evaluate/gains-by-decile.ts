import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';

/** One tenth of the rows, by score: how many converted, and how that compares with the whole. */
export interface DecileGain {
  /** 1 holds the highest scores, 10 the lowest. */
  readonly decile: number;
  readonly count: number;
  readonly positives: number;
  /** positives / count. */
  readonly rate: number;
  /** rate / base rate: 3 means three times as many conversions as an unscored tenth would hold. */
  readonly lift: number;
  /** Share of all positives found in deciles 1 to this one (1 after the last decile). */
  readonly cumulativeGain: number;
}

const DECILES = 10;

/** Row indices by score descending; ties keep row order, so the result is deterministic. */
const descendingOrder = (scores: Scores): Uint32Array => {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  // NaN from ∞ − ∞ (tied infinities) is falsy, so tied rows fall through to the index.
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b);
};

/**
 * Gains table: rows sorted by score, highest first (ties in row order), cut into ten deciles as
 * equal as possible (sizes differ by at most one; decile d holds sorted rows ⌊(d−1)·n/10⌋ up to
 * ⌊d·n/10⌋). Empty deciles (fewer than ten rows) are omitted. With no positives at all, lift and
 * cumulative gain are reported as 0 rather than NaN. Throws an `INPUT_INVALID` AppError on NaN
 * scores, labels other than 0/1, or mismatched lengths.
 */
export const gainsByDecile = (scores: Scores, labels: Labels): DecileGain[] => {
  checkBinaryInput('gainsByDecile', scores, labels, 'ordered');
  const n = scores.length;
  const order = descendingOrder(scores);
  let totalPositives = 0;
  for (let i = 0; i < n; i++) totalPositives += labels[i]!;
  const baseRate = totalPositives / n;

  const table: DecileGain[] = [];
  let captured = 0;
  for (let d = 0; d < DECILES; d++) {
    const start = Math.floor((d * n) / DECILES);
    const end = Math.floor(((d + 1) * n) / DECILES);
    if (end === start) continue;
    let positives = 0;
    for (let r = start; r < end; r++) positives += labels[order[r]!]!;
    captured += positives;
    const rate = positives / (end - start);
    table.push({
      decile: d + 1,
      count: end - start,
      positives,
      rate,
      lift: totalPositives === 0 ? 0 : rate / baseRate,
      cumulativeGain: totalPositives === 0 ? 0 : captured / totalPositives,
    });
  }
  return table;
};
