import { createHash } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import { selectLabels, selectRows, type FeatureMatrix } from './feature-matrix.js';
import { fitCalibration, type CalibrationMethod } from './calibrate/fit-calibration.js';
import { evaluateScores } from './evaluate/evaluate-scores.js';
import { encodeTable } from './features/encode-features.js';
import { inferFeaturePlan } from './features/infer-feature-plan.js';
import { withLeadsiftColumns } from './features/leadsift-columns.js';
import type { FeaturePlan } from './features/feature-plan.js';
import type { TrainingTable } from './features/training-table.js';
import { GBDT_DEFAULTS, type GbdtOptions } from './gbdt/train-gbdt.js';
import { leakageWarnings } from './leakage-check.js';
import { columnImportance } from './column-importance.js';
import { MODEL_FORMAT, type ModelDocument, type ModelThresholds } from './model-document.js';
import { createModelRuntime, type ModelRuntime } from './model-runtime.js';
import { stratifiedSplit } from './stratified-split.js';
import {
  rawScores,
  trainCandidates,
  type Candidate,
  type CandidateData,
  type ModelPart,
} from './train-candidates.js';

/** What `trainModel` may be told; everything has a default. */
export interface TrainModelOptions {
  /** Columns never used (post-contact fields, identifiers). */
  readonly exclude?: readonly string[];
  readonly seed?: number;
  /** Which model to train; `auto` trains both and keeps the better on validation AUC. */
  readonly kind?: 'auto' | 'gbdt' | 'logistic';
  readonly calibration?: CalibrationMethod;
  /** Share of rows held out for the final evaluation (default 0.25). */
  readonly testShare?: number;
  /** Share of the remaining rows for early stopping, model choice and calibration (default 0.2). */
  readonly validationShare?: number;
  readonly gbdt?: Partial<GbdtOptions>;
  readonly thresholds?: Partial<ModelThresholds>;
  readonly criteria?: string;
}

/** A trained model and its runtime (ready to score). */
export interface TrainedModel {
  readonly document: ModelDocument;
  readonly runtime: ModelRuntime;
}

/** The labelled matrices of each part of the split: the candidates' data and the held-out test. */
interface Parts extends CandidateData {
  readonly test: FeatureMatrix;
  readonly testY: Uint8Array;
}

const splitParts = (
  matrix: FeatureMatrix,
  labels: Uint8Array,
  seed: number,
  options: TrainModelOptions,
): Parts => {
  const test = stratifiedSplit(labels, options.testShare ?? 0.25, seed);
  const valid = stratifiedSplit(labels, options.validationShare ?? 0.2, seed + 1, test.kept);
  const part = (rows: Int32Array): [FeatureMatrix, Uint8Array] => [
    selectRows(matrix, rows),
    selectLabels(labels, rows),
  ];
  const [train, trainY] = part(valid.kept);
  const [v, validY] = part(valid.held);
  const [all, allY] = part(test.kept);
  const [t, testY] = part(test.held);
  return { train, trainY, valid: v, validY, all, allY, test: t, testY };
};

const skeleton = (
  deps: { readonly clock: Clock },
  table: TrainingTable,
  plan: FeaturePlan,
  part: ModelPart,
): ModelDocument => ({
  format: MODEL_FORMAT,
  version: '',
  createdAt: new Date(deps.clock.now()).toISOString(),
  label: table.label,
  plan,
  ...part,
  calibration: { kind: 'platt', a: -1, b: 0 },
  thresholds: { qualifyAt: 0.5, rejectAt: 0.1 },
  training: {} as ModelDocument['training'],
  evaluation: {} as ModelDocument['evaluation'],
  importance: [],
});

/** Below this many converted (or unconverted) test rows, the evaluation's figures are rough. */
const MIN_TEST_CLASS = 30;

/** A warning when the held-out split is too small for its figures to be trusted. */
const sizeWarnings = (testY: Uint8Array): string[] => {
  const positives = positivesOf(testY);
  const fewest = Math.min(positives, testY.length - positives);
  return fewest >= MIN_TEST_CLASS
    ? []
    : [
        `Only ${testY.length} test rows (${positives} converted): the evaluation is rough (AUC can swing by ±0.1); gather more outcomes before trusting this model`,
      ];
};

const positivesOf = (labels: Uint8Array): number => labels.reduce((a, y) => a + y, 0);

/**
 * Trains a conversion model on a labelled history: infers the feature plan (leakage-guarded),
 * holds out a stratified test split, trains gradient-boosted trees and L2 logistic regression on
 * the rest (early stopping and λ chosen on a validation split), keeps the better on validation
 * AUC unless told, calibrates it on the validation split, refits it on train + validation with
 * the chosen settings, and evaluates the refitted model on the test split. Deterministic for a
 * given seed.
 */
export const trainModel = (
  deps: { readonly clock: Clock },
  input: TrainingTable,
  options: TrainModelOptions = {},
): TrainedModel => {
  const table = withLeadsiftColumns(input);
  const seed = options.seed ?? 42;
  const exclude = options.exclude ?? [];
  const plan = inferFeaturePlan(table.header, table.columns, { exclude });
  const parts = splitParts(encodeTable(plan, table.header, table.columns), table.labels, seed, options);
  const gbdt: GbdtOptions = { ...GBDT_DEFAULTS, ...options.gbdt };
  const candidates = trainCandidates(parts, options.kind ?? 'auto', gbdt, (part) =>
    createModelRuntime(skeleton(deps, table, plan, part)),
  );
  const chosen = candidates.reduce((a: Candidate, b: Candidate) =>
    (b.score.validationAuc ?? 0) > (a.score.validationAuc ?? 0) ? b : a,
  );
  const calibration = fitCalibration(chosen.validationRaw, parts.validY, options.calibration ?? 'auto');
  const base = { ...skeleton(deps, table, plan, chosen.refit()), calibration };
  const runtime = createModelRuntime(base);
  const positives = positivesOf(table.labels);
  const thresholds: ModelThresholds = {
    qualifyAt: options.thresholds?.qualifyAt ?? 0.5,
    rejectAt: options.thresholds?.rejectAt ?? Math.round((positives / table.labels.length / 3) * 1000) / 1000,
  };
  const testProbs = Array.from(rawScores(runtime, parts.test), runtime.probability);
  const document: ModelDocument = {
    ...base,
    thresholds,
    training: {
      source: table.source,
      rowsRead: table.rowsRead,
      rowsUsed: table.labels.length,
      rejected: table.rejected.length,
      positives,
      seed,
      split: {
        train: parts.train.rows,
        validation: parts.valid.rows,
        test: parts.test.rows,
        stratified: true,
      },
      excluded: [...exclude],
      dropped: plan.dropped,
      warnings: [...sizeWarnings(parts.testY), ...leakageWarnings(parts.train, parts.trainY, 20_000)],
      candidates: candidates.map((c) => c.score),
      ...(options.criteria === undefined ? {} : { criteria: options.criteria }),
    },
    evaluation: evaluateScores(testProbs, parts.testY, {
      thresholds: [thresholds.rejectAt, thresholds.qualifyAt],
    }),
    importance: columnImportance(runtime, parts.test, 500),
  };
  const versioned = { ...document, version: modelVersion(document) };
  return { document: versioned, runtime: createModelRuntime(versioned) };
};

/** `model@` + the first 12 hex digits of the SHA-256 of what the model computes. */
export const modelVersion = (doc: ModelDocument): string => {
  const { plan, kind, gbdt, logistic, calibration, thresholds, label } = doc;
  const hash = createHash('sha256')
    .update(JSON.stringify({ plan, kind, gbdt, logistic, calibration, thresholds, label }))
    .digest('hex');
  return `model@${hash.slice(0, 12)}`;
};
