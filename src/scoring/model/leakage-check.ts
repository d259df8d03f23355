import type { FeatureMatrix } from './feature-matrix.js';
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

/**
 * Warns about columns that alone predict the label almost perfectly (AUC ≥ 0.97 either way):
 * usually a field filled in after contact ("Tags", "Lead Quality", a stage) that will not be
 * known when a new lead arrives.
 */
export const leakageWarnings = (m: FeatureMatrix, labels: Uint8Array): string[] => {
  const warnings: string[] = [];
  const seen = new Set<string>();
  m.features.forEach((info, f) => {
    const auc = rocAuc(singleFeatureScores(m, f, labels), labels);
    const strength = Math.max(auc, 1 - auc);
    if (!(strength >= LEAKAGE_AUC) || seen.has(info.column)) return;
    seen.add(info.column);
    warnings.push(
      `Column "${info.column}" alone predicts the label almost perfectly (AUC ${strength.toFixed(3)}): if it is filled in after contact, exclude it with --exclude "${info.column}"`,
    );
  });
  return warnings;
};
