import { calibrationTable, type CalibrationBin } from '../scoring/model/evaluate/calibration-table.js';
import { DEFAULT_DRIFT_THRESHOLDS, type Levels } from './drift-thresholds.js';
import type { AlertLevel, ModelPrediction } from './learning-store.js';
import { labelTypes, type LabelPolicy } from './outcome-label.js';

/** How well the model's probabilities matched outcomes in training and in recent weeks. */
export interface CalibrationDrift {
  /** The held-out calibration of the model when it was trained. */
  readonly training: readonly CalibrationBin[];
  /** Recent decisions' probabilities against what became of those leads. */
  readonly recent: readonly CalibrationBin[];
  /** Expected calibration error: Σ share of rows × |observed − predicted| over the bins. */
  readonly trainingError: number | null;
  readonly recentError: number | null;
  /** Recent decisions whose lead's fate is known, out of all recent decisions with a probability. */
  readonly labelled: number;
  readonly predictions: number;
  /** Set when the recent error exceeds training's by ≥ `levels.moderate` (major: ≥ `levels.major`; by default 0.05, 0.10). */
  readonly level?: AlertLevel;
  readonly text: string;
}

/** Below this many recent leads with a known fate, calibration is not compared. */
export const MIN_CALIBRATION_ROWS = 50;

/** Expected calibration error of a reliability table; null when it is empty. */
export const calibrationError = (bins: readonly CalibrationBin[]): number | null => {
  const n = bins.reduce((s, b) => s + b.count, 0);
  if (n === 0) return null;
  return bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.observedRate - b.meanPredicted), 0);
};

const pct = (x: number): string => `${Math.round(100 * x)} %`;

/** The recent bin (of at least 10 rows) whose observed rate is furthest from its prediction. */
const worstBin = (bins: readonly CalibrationBin[]): CalibrationBin | undefined =>
  bins
    .filter((b) => b.count >= 10)
    .reduce<CalibrationBin | undefined>(
      (w, b) =>
        w === undefined ||
        Math.abs(b.observedRate - b.meanPredicted) > Math.abs(w.observedRate - w.meanPredicted)
          ? b
          : w,
      undefined,
    );

/**
 * Calibration drift: the active model's held-out reliability table at training against recent
 * decisions' probabilities and what became of those leads. The sentence names the bin that is
 * furthest off: "Leads the model gave 60–70 % converted at 24 % in recent weeks (they were
 * predicted at 64 %); calibration error 0.04 at training, 0.31 now".
 */
export const calibrationDrift = (
  training: readonly CalibrationBin[],
  predictions: readonly ModelPrediction[],
  policy: LabelPolicy,
  levels: Levels = DEFAULT_DRIFT_THRESHOLDS.calibration,
): CalibrationDrift => {
  const probs: number[] = [];
  const labels: number[] = [];
  for (const p of predictions) {
    const y = labelTypes(p.outcomes, policy);
    if (y === undefined) continue;
    probs.push(Math.min(1, Math.max(0, p.probability)));
    labels.push(y);
  }
  const recent =
    probs.length === 0 ? [] : calibrationTable(Float64Array.from(probs), Uint8Array.from(labels));
  const trainingError = calibrationError(training);
  const recentError = calibrationError(recent);
  const base = {
    training,
    recent,
    trainingError,
    recentError,
    labelled: probs.length,
    predictions: predictions.length,
  };
  if (probs.length < MIN_CALIBRATION_ROWS || trainingError === null || recentError === null)
    return {
      ...base,
      text: `Calibration: too few recent leads with a known outcome to compare (${probs.length}; at least ${MIN_CALIBRATION_ROWS})`,
    };
  const worse = recentError - trainingError;
  const level: AlertLevel | undefined =
    worse >= levels.major ? 'major' : worse >= levels.moderate ? 'moderate' : undefined;
  const errors = `calibration error ${trainingError.toFixed(2)} at training, ${recentError.toFixed(2)} now`;
  const bin = worstBin(recent);
  const text =
    level === undefined || bin === undefined
      ? `The model's probabilities match recent outcomes as in training (${errors})`
      : `Leads the model gave ${Math.round(100 * bin.from)}–${Math.round(100 * bin.to)} % converted at ${pct(bin.observedRate)} in recent weeks (they were predicted at ${pct(bin.meanPredicted)}); ${errors}`;
  return { ...base, ...(level === undefined ? {} : { level }), text };
};
