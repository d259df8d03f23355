import { AppError } from '../../../domain/app-error.js';
import type { Labels, Scores } from '../evaluate/check-binary-input.js';
import type { Calibration, CalibrationKind } from './calibration.js';
import { fitIsotonic } from './fit-isotonic.js';
import { fitPlatt } from './fit-platt.js';

/** How to calibrate: one method, or `auto` to let the amount of held-out data decide. */
export type CalibrationMethod = CalibrationKind | 'auto';

/** `auto` uses isotonic regression from this many rows … */
export const ISOTONIC_MIN_ROWS = 1000;
/** … and this many rows of each class. */
export const ISOTONIC_MIN_PER_CLASS = 100;

/**
 * The method `auto` picks for `rows` held-out rows of which `positives` converted. Isotonic
 * regression can follow any monotone miscalibration but has one free value per block, so on a
 * small sample it fits the noise (staircases, jumps at single leads); Platt's two parameters
 * cannot overfit, at the price of assuming a sigmoid shape. Hence isotonic only when there are
 * at least ISOTONIC_MIN_ROWS rows and ISOTONIC_MIN_PER_CLASS of each class.
 */
export const chooseCalibrationKind = (rows: number, positives: number): CalibrationKind =>
  rows >= ISOTONIC_MIN_ROWS &&
  positives >= ISOTONIC_MIN_PER_CLASS &&
  rows - positives >= ISOTONIC_MIN_PER_CLASS
    ? 'isotonic'
    : 'platt';

/**
 * Fit a calibration from raw model scores (log-odds) to conversion probabilities, on held-out
 * rows the model was not trained on. Throws an `INPUT_INVALID` AppError on an unknown method or
 * on input the chosen fit rejects (see `fitIsotonic`, `fitPlatt`).
 */
export const fitCalibration = (
  raw: Scores,
  labels: Labels,
  method: CalibrationMethod = 'auto',
): Calibration => {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const kind = method === 'auto' ? chooseCalibrationKind(labels.length, positives) : method;
  switch (kind) {
    case 'isotonic':
      return fitIsotonic(raw, labels);
    case 'platt':
      return fitPlatt(raw, labels);
    default:
      throw new AppError('INPUT_INVALID', {
        message: `fitCalibration: unknown method ${JSON.stringify(kind satisfies never)}; use isotonic, platt or auto`,
      });
  }
};
