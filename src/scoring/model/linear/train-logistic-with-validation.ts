import { AppError } from '../../../domain/app-error.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { logisticLogLoss } from './logistic-log-loss.js';
import type { LogisticModel, TrainLogisticOptions } from './logistic-model.js';
import { encodeTraining, fitEncodedLogistic } from './train-logistic.js';

/** The λ grid tried when none is given: five decades around the usual sweet spot. */
export const DEFAULT_L2_GRID: readonly number[] = [1e-4, 1e-3, 1e-2, 1e-1, 1];

/** The validation log-loss of the model fitted with one λ. */
export interface L2Trial {
  readonly l2: number;
  readonly validationLogLoss: number;
}

/** The chosen model and how every λ in the grid did. */
export interface LogisticValidationResult {
  /** The model with the lowest validation log-loss (the first one, in grid order, on a tie). */
  readonly model: LogisticModel;
  readonly l2: number;
  /** One trial per grid entry, in grid order. */
  readonly trials: readonly L2Trial[];
}

/**
 * Fits one model per λ in `grid` on the training set (encoded once; the encoding is learned
 * from training rows only) and keeps the one with the lowest mean log-loss on the validation set.
 */
export const trainLogisticWithValidation = (
  train: FeatureMatrix,
  trainLabels: Uint8Array,
  valid: FeatureMatrix,
  validLabels: Uint8Array,
  grid: readonly number[] = DEFAULT_L2_GRID,
  options: Omit<TrainLogisticOptions, 'l2'> = {},
): LogisticValidationResult => {
  if (grid.length === 0) {
    throw new AppError('INPUT_INVALID', { message: 'trainLogisticWithValidation: the λ grid is empty.' });
  }
  const data = encodeTraining(train, trainLabels);
  const models = grid.map((l2) => fitEncodedLogistic(data, { ...options, l2 }));
  const trials = models.map((m): L2Trial => ({
    l2: m.l2,
    validationLogLoss: logisticLogLoss(m, valid, validLabels),
  }));
  let best = 0;
  trials.forEach((t, i) => {
    if (t.validationLogLoss < (trials[best] as L2Trial).validationLogLoss) best = i;
  });
  const model = models[best] as LogisticModel;
  return { model, l2: model.l2, trials };
};
