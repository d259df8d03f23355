import { rowOf, sampleLabelled, type FeatureMatrix } from './feature-matrix.js';
import { logLoss } from './evaluate/log-loss.js';
import { rocAuc } from './evaluate/roc-auc.js';
import { trainGbdt, type GbdtOptions } from './gbdt/train-gbdt.js';
import { trainLogistic } from './linear/train-logistic.js';
import { DEFAULT_L2_GRID, trainLogisticWithValidation } from './linear/train-logistic-with-validation.js';
import type { CandidateScore, ModelDocument } from './model-document.js';
import type { ModelRuntime } from './model-runtime.js';
import { serializeTree } from './serialize-tree.js';

/** The part of a model document that differs between model kinds. */
export type ModelPart = Pick<ModelDocument, 'kind' | 'gbdt' | 'logistic'>;

/** A model trained on the train split, scored on validation, and able to refit on train + validation. */
export interface Candidate {
  readonly score: CandidateScore;
  readonly validationRaw: Float64Array;
  readonly refit: () => ModelPart;
}

/** What candidates train and validate on: train, validation, and both together for the refit. */
export interface CandidateData {
  readonly train: FeatureMatrix;
  readonly trainY: Uint8Array;
  readonly valid: FeatureMatrix;
  readonly validY: Uint8Array;
  readonly all: FeatureMatrix;
  readonly allY: Uint8Array;
}

/** Raw scores (log-odds) of every row of a matrix. */
export const rawScores = (runtime: ModelRuntime, m: FeatureMatrix): Float64Array => {
  const x = new Float64Array(m.features.length);
  const out = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    out[r] = runtime.raw(rowOf(m, r, x));
  }
  return out;
};

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** λ is searched on at most this many training rows (each λ is a full fit); the refit uses all. */
const LOGISTIC_SEARCH_ROWS = 20_000;
/** Largest gradient component at which a fit stops: far below what changes a ranking. */
const LOGISTIC_TOLERANCE = 1e-6;

/** Trees grow 20 % more rounds on the larger refit data than early stopping chose on less. */
const REFIT_ROUNDS = 1.2;

const gbdtPart = (
  m: FeatureMatrix,
  y: Uint8Array,
  valid: { matrix: FeatureMatrix; labels: Uint8Array } | null,
  o: GbdtOptions,
) => {
  const r = trainGbdt(m, y, valid, o);
  const part: ModelPart = {
    kind: 'gbdt',
    gbdt: { base: r.ensemble.base, trees: r.ensemble.trees.map(serializeTree), options: o },
  };
  return { part, iterations: r.iterations };
};

/**
 * Trains the requested model kinds on the train split and scores each on validation (AUC and
 * log-loss of the uncalibrated sigmoid). `runtimeOf` turns a model part into a runtime.
 */
export const trainCandidates = (
  d: CandidateData,
  kind: 'auto' | 'gbdt' | 'logistic',
  gbdt: GbdtOptions,
  runtimeOf: (part: ModelPart) => ModelRuntime,
): Candidate[] => {
  const out: Candidate[] = [];
  const scored = (part: ModelPart, detail: string, refit: () => ModelPart): Candidate => {
    const raw = rawScores(runtimeOf(part), d.valid);
    const auc = rocAuc(raw, d.validY);
    const score: CandidateScore = {
      kind: part.kind,
      validationAuc: Number.isFinite(auc) ? auc : null,
      validationLogLoss: logLoss(Array.from(raw, sigmoid), d.validY),
      detail,
    };
    return { score, validationRaw: raw, refit };
  };
  if (kind !== 'logistic') {
    const first = gbdtPart(d.train, d.trainY, { matrix: d.valid, labels: d.validY }, gbdt);
    const rounds = Math.max(1, Math.round(first.iterations * REFIT_ROUNDS));
    out.push(
      scored(
        first.part,
        `${first.iterations} tree${first.iterations === 1 ? '' : 's'} on the train split; ${rounds} on train + validation`,
        () => gbdtPart(d.all, d.allY, null, { ...gbdt, maxIterations: rounds }).part,
      ),
    );
  }
  if (kind !== 'gbdt') {
    const search = sampleLabelled(d.train, d.trainY, LOGISTIC_SEARCH_ROWS);
    const r = trainLogisticWithValidation(search.matrix, search.labels, d.valid, d.validY, DEFAULT_L2_GRID, {
      tolerance: LOGISTIC_TOLERANCE,
    });
    const sampled = search.matrix.rows < d.train.rows;
    const detail = `L2 λ = ${r.l2}${sampled ? `, chosen on ${search.matrix.rows} of the train rows` : ''}`;
    out.push(
      scored({ kind: 'logistic', logistic: r.model }, detail, () => ({
        kind: 'logistic',
        logistic: trainLogistic(d.all, d.allY, { l2: r.l2, tolerance: LOGISTIC_TOLERANCE }),
      })),
    );
  }
  return out;
};
