import { rowOf, type FeatureMatrix } from '../feature-matrix.js';
import { predictRaw, type TreeEnsemble } from '../gbdt/tree.js';

/** The raw score (log-odds) of every row of a matrix, through the stored trees. */
export const ensembleScores = (ensemble: TreeEnsemble, m: FeatureMatrix): Float64Array => {
  const out = new Float64Array(m.rows);
  const row = new Float64Array(m.features.length);
  for (let r = 0; r < m.rows; r++) out[r] = predictRaw(ensemble, rowOf(m, r, row));
  return out;
};

/** Mean log-loss of labels under raw scores (log-odds). */
export const rawLogLoss = (raw: Float64Array, labels: Uint8Array): number => {
  let s = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i] as number;
    s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (labels[i] as number) * z;
  }
  return s / raw.length;
};
