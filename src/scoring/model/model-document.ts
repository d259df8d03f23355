import type { Calibration } from './calibrate/calibration.js';
import type { EvaluationReport } from './evaluate/evaluate-scores.js';
import type { FeatureImportance } from './evaluate/format-evaluation.js';
import type { DroppedColumn, FeaturePlan } from './features/feature-plan.js';
import type { GbdtOptions } from './gbdt/train-gbdt.js';
import type { LogisticModel } from './linear/logistic-model.js';
import type { SerializedTree } from './serialize-tree.js';

/** The model file format this code writes and reads. */
export const MODEL_FORMAT = 'leadsift-model@1';

/** How a candidate model did on the validation split (the data that chose it). */
export interface CandidateScore {
  readonly kind: 'gbdt' | 'logistic';
  readonly validationAuc: number | null;
  readonly validationLogLoss: number;
  /** Trees kept (gbdt) or the chosen λ (logistic). */
  readonly detail: string;
}

/** What a model was trained on, so that a reader can judge it without the data. */
export interface TrainingSummary {
  readonly source: string;
  readonly rowsRead: number;
  readonly rowsUsed: number;
  readonly rejected: number;
  readonly positives: number;
  readonly seed: number;
  /** Rows per part: the model learns on `train`, stops early and is calibrated on `validation`, and is evaluated on `test`. */
  readonly split: {
    readonly train: number;
    readonly validation: number;
    readonly test: number;
    readonly stratified: true;
  };
  readonly excluded: readonly string[];
  readonly dropped: readonly DroppedColumn[];
  readonly warnings: readonly string[];
  readonly candidates: readonly CandidateScore[];
  /** The criteria version in force when the model was trained, when known. */
  readonly criteria?: string;
}

/**
 * When the model moves a rules verdict (only on edge cases; see `decideWithModel`): raise to
 * qualified at a calibrated probability ≥ `qualifyAt`, lower to not qualified at ≤ `rejectAt`.
 */
export interface ModelThresholds {
  readonly qualifyAt: number;
  readonly rejectAt: number;
}

/**
 * A trained model as saved to a file or the store: everything needed to score, explain and
 * judge it. `version` is `model@` + a hash of the content, recorded on every decision.
 */
export interface ModelDocument {
  readonly format: typeof MODEL_FORMAT;
  readonly version: string;
  readonly createdAt: string;
  readonly kind: 'gbdt' | 'logistic';
  readonly label: { readonly column: string; readonly positive?: string };
  readonly plan: FeaturePlan;
  readonly gbdt?: {
    readonly base: number;
    readonly trees: readonly SerializedTree[];
    readonly options: GbdtOptions;
  };
  readonly logistic?: LogisticModel;
  readonly calibration: Calibration;
  readonly thresholds: ModelThresholds;
  readonly training: TrainingSummary;
  /** Metrics on the held-out test split. */
  readonly evaluation: EvaluationReport;
  /** Mean |contribution| per source column on the test split, largest first. */
  readonly importance: readonly FeatureImportance[];
}
