import { AppError } from '../../../domain/app-error.js';
import { rowOf, type FeatureMatrix } from '../feature-matrix.js';
import { compileLogistic, compiledRaw } from './compile-logistic.js';
import type { LogisticModel } from './logistic-model.js';
import { log1pExp } from './logistic-objective.js';

/** Throws `INPUT_INVALID` unless `matrix` has the model's features, by name and kind, in order. */
export const checkLogisticInput = (model: LogisticModel, matrix: FeatureMatrix): void => {
  const mismatch = model.features.findIndex((f, i) => {
    const g = matrix.features[i];
    return g === undefined || g.name !== f.name || g.kind !== f.kind;
  });
  if (mismatch >= 0 || matrix.features.length !== model.features.length) {
    const at = mismatch >= 0 ? mismatch : Math.min(matrix.features.length, model.features.length);
    throw new AppError('INPUT_INVALID', {
      message: `logistic model: feature ${at} of the matrix does not match the model's; build both matrices with the same feature set.`,
      details: { feature: at },
    });
  }
};

/** The mean log-loss (natural log) of `model` on `matrix` with 0/1 `labels`. */
export const logisticLogLoss = (model: LogisticModel, matrix: FeatureMatrix, labels: Uint8Array): number => {
  checkLogisticInput(model, matrix);
  if (labels.length !== matrix.rows || matrix.rows === 0) {
    throw new AppError('INPUT_INVALID', {
      message: `logistic log-loss: ${labels.length} labels for ${matrix.rows} rows; pass one label per row.`,
    });
  }
  const compiled = compileLogistic(model);
  const row = new Float64Array(matrix.features.length);
  let loss = 0;
  for (let i = 0; i < matrix.rows; i++) {
    const eta = compiledRaw(compiled, rowOf(matrix, i, row));
    loss += log1pExp(eta) - (labels[i] as number) * eta;
  }
  return loss / matrix.rows;
};
