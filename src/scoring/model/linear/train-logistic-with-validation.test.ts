import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import { logisticLogLoss } from './logistic-log-loss.js';
import {
  gaussian,
  knownLeads,
  labelsFor,
  matrixOf,
  numeric,
  seededRandom,
} from './test-support/synthetic-leads.js';
import { DEFAULT_L2_GRID, trainLogisticWithValidation } from './train-logistic-with-validation.js';

/** One weak signal among forty noise columns: the kind of data where a small λ overfits. */
const noisyLeads = (rows: number, seed: number) => {
  const random = seededRandom(seed);
  const features = Array.from({ length: 41 }, (_, f) => numeric(f === 0 ? 'signal' : `noise_${f}`));
  const matrix = matrixOf(features, rows, () => gaussian(random));
  return {
    matrix,
    labels: labelsFor(
      Float64Array.from(matrix.columns[0] as Float64Array, (v) => 0.5 * v),
      random,
    ),
  };
};

describe('trainLogisticWithValidation', () => {
  it('returns the λ of the grid with the lowest validation log-loss', () => {
    const train = knownLeads(1500, 31);
    const valid = knownLeads(1500, 32);
    const result = trainLogisticWithValidation(train.matrix, train.labels, valid.matrix, valid.labels);
    expect(result.trials.map((t) => t.l2)).toEqual(DEFAULT_L2_GRID);
    const best = Math.min(...result.trials.map((t) => t.validationLogLoss));
    expect(result.trials.find((t) => t.l2 === result.l2)?.validationLogLoss).toBe(best);
    expect(result.model.l2).toBe(result.l2);
    expect(logisticLogLoss(result.model, valid.matrix, valid.labels)).toBe(best);
  });

  it('prefers strong regularization when training data is small and mostly noise', () => {
    const train = noisyLeads(150, 41);
    const valid = noisyLeads(4000, 42);
    const grid = [1e-4, 1e-2, 1];
    const result = trainLogisticWithValidation(train.matrix, train.labels, valid.matrix, valid.labels, grid);
    expect(result.l2).toBe(1);
    const losses = result.trials.map((t) => t.validationLogLoss);
    expect(losses[0]).toBeGreaterThan(losses[2] as number);
  });

  it('refuses a validation matrix with other features', () => {
    const train = knownLeads(300, 51);
    const other = matrixOf([numeric('visits')], 10, () => 0);
    let caught: unknown;
    try {
      trainLogisticWithValidation(train.matrix, train.labels, other, new Uint8Array(10));
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'INPUT_INVALID')).toBe(true);
  });
});
