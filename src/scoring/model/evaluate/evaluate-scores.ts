import { AppError } from '../../../domain/app-error.js';
import { averagePrecision } from './average-precision.js';
import { brierScore } from './brier-score.js';
import { calibrationTable, type CalibrationBin } from './calibration-table.js';
import { checkBinaryInput, type Labels, type Scores } from './check-binary-input.js';
import { gainsByDecile, type DecileGain } from './gains-by-decile.js';
import { logLoss } from './log-loss.js';
import { precisionRecallAt, type ThresholdResult } from './precision-recall-at.js';
import { rocAuc } from './roc-auc.js';

/**
 * How well a model's conversion probabilities rank and calibrate on labelled rows. Plain data
 * that survives `JSON.stringify` unchanged: a metric that is undefined for these rows (AUC with
 * one class only, anything with no rows) is `null`, not NaN.
 */
export interface EvaluationReport {
  readonly rows: number;
  readonly positives: number;
  /** positives / rows. */
  readonly baseRate: number | null;
  /** Area under the ROC curve (see `rocAuc`). */
  readonly auc: number | null;
  /** Average precision (see `averagePrecision`). */
  readonly prAuc: number | null;
  readonly logloss: number | null;
  readonly brier: number | null;
  readonly calibration: readonly CalibrationBin[];
  readonly deciles: readonly DecileGain[];
  readonly atThresholds: readonly ThresholdResult[];
}

/** Options for `evaluateScores`. */
export interface EvaluateOptions {
  /** Probabilities at which to report precision and recall; default 0.3, 0.5 and 0.7. */
  readonly thresholds?: readonly number[];
}

/** The thresholds `evaluateScores` reports precision and recall at unless told otherwise. */
export const DEFAULT_THRESHOLDS: readonly number[] = Object.freeze([0.3, 0.5, 0.7]);

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/**
 * Every evaluation metric of predicted conversion probabilities against outcomes, in one
 * report (`formatEvaluation` prints it). Throws an `INPUT_INVALID` AppError when a probability
 * is outside [0, 1] or NaN, a label is not 0/1, lengths differ, or a threshold is NaN.
 */
export const evaluateScores = (
  probs: Scores,
  labels: Labels,
  options: EvaluateOptions = {},
): EvaluationReport => {
  checkBinaryInput('evaluateScores', probs, labels, 'probability');
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const bad = thresholds.find((t) => Number.isNaN(t));
  if (bad !== undefined) {
    throw new AppError('INPUT_INVALID', {
      message: `evaluateScores: threshold ${bad} is not a number; give probabilities such as 0.5`,
    });
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i]!;
  return {
    rows: probs.length,
    positives,
    baseRate: orNull(positives / probs.length),
    auc: orNull(rocAuc(probs, labels)),
    prAuc: orNull(averagePrecision(probs, labels)),
    logloss: orNull(logLoss(probs, labels)),
    brier: orNull(brierScore(probs, labels)),
    calibration: calibrationTable(probs, labels),
    deciles: gainsByDecile(probs, labels),
    atThresholds: thresholds.map((t) => precisionRecallAt(probs, labels, t)),
  };
};
