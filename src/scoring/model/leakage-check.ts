import { sampleLabelled, selectLabels, type FeatureMatrix } from './feature-matrix.js';
import { rocAuc } from './evaluate/roc-auc.js';

/** A single column separating converted from unconverted this well is suspicious. */
export const LEAKAGE_AUC = 0.97;

const singleFeatureScores = (m: FeatureMatrix, f: number, labels: Uint8Array): Float64Array => {
  const col = m.columns[f] as Float64Array;
  const info = m.features[f];
  const scores = new Float64Array(m.rows);
  if (info?.kind !== 'categorical') {
    let min = Infinity;
    for (const v of col) if (v === v && v < min) min = v;
    for (let i = 0; i < m.rows; i++) scores[i] = col[i] === col[i] ? (col[i] as number) : min - 1;
    return scores;
  }
  // A category scores its conversion rate; missing values form a category of their own.
  const k = info.categories.length + 1;
  const pos = new Float64Array(k);
  const all = new Float64Array(k);
  const code = (v: number): number => (v === v && v < k - 1 ? v : k - 1);
  for (let i = 0; i < m.rows; i++) {
    const c = code(col[i] as number);
    all[c] = (all[c] as number) + 1;
    pos[c] = (pos[c] as number) + (labels[i] as number);
  }
  for (let i = 0; i < m.rows; i++) {
    const c = code(col[i] as number);
    scores[i] = ((pos[c] as number) + 0.5) / ((all[c] as number) + 1);
  }
  return scores;
};

/** How well scores separate the labels of the given rows, either way round (0.5..1). */
const separation = (scores: Float64Array, labels: Uint8Array, rows?: Int32Array): number => {
  const s = rows === undefined ? scores : Float64Array.from(rows, (r) => scores[r] as number);
  const y = rows === undefined ? labels : selectLabels(labels, rows);
  const auc = rocAuc(s, y);
  return Number.isFinite(auc) ? Math.max(auc, 1 - auc) : 0.5;
};

/** Rows where feature f has a value, when they are at least 100 and not all rows. */
const filledRows = (m: FeatureMatrix, f: number): Int32Array | undefined => {
  const col = m.columns[f] as Float64Array;
  const rows: number[] = [];
  for (let r = 0; r < m.rows; r++) if (col[r] === col[r]) rows.push(r);
  return rows.length >= 100 && rows.length < m.rows ? Int32Array.from(rows) : undefined;
};

/**
 * Warns about columns that alone predict the label almost perfectly (AUC ≥ 0.97 either way),
 * over all rows or over the rows where the column is filled in: usually a field filled in after
 * contact ("Tags", "Lead Quality", a stage) that will not be known when a new lead arrives. A
 * column that is blank until a sales rep fills it in leaks only on its filled rows.
 */
export const leakageWarnings = (all: FeatureMatrix, allLabels: Uint8Array, maxRows = Infinity): string[] => {
  // A single column's separation is judged as well on an evenly spaced sample of rows.
  const { matrix: m, labels } = sampleLabelled(all, allLabels, maxRows);
  const warnings: string[] = [];
  const seen = new Set<string>();
  m.features.forEach((info, f) => {
    if (seen.has(info.column)) return;
    const scores = singleFeatureScores(m, f, labels);
    const all = separation(scores, labels);
    const filled = filledRows(m, f);
    const whenFilled = filled === undefined ? 0 : separation(scores, labels, filled);
    if (all < LEAKAGE_AUC && whenFilled < LEAKAGE_AUC) return;
    seen.add(info.column);
    const how =
      all >= LEAKAGE_AUC
        ? `AUC ${all.toFixed(3)}`
        : `AUC ${whenFilled.toFixed(3)} on the ${filled?.length ?? 0} rows where it is filled in`;
    warnings.push(
      `Column "${info.column}" alone predicts the label almost perfectly (${how}): if it is filled in after contact, exclude it with --exclude "${info.column}"`,
    );
  });
  return warnings;
};
