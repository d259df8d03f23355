import { z } from 'zod';

/**
 * Calibrated probabilities are kept within [PROBABILITY_MARGIN, 1 − PROBABILITY_MARGIN]: a
 * calibration fitted on a few thousand leads cannot honestly claim certainty, and an exact 0 or
 * 1 would make log-loss infinite and odds-based reasoning downstream meaningless.
 */
export const PROBABILITY_MARGIN = 1e-4;

const isIncreasing = (values: readonly number[], strictly: boolean): boolean =>
  values.every((v, i) => i === 0 || (strictly ? v > values[i - 1]! : v >= values[i - 1]!));

/**
 * Isotonic calibration: a monotone map through the points (x[k], y[k]), x strictly increasing
 * (raw scores: the centres of the pooled blocks), y non-decreasing (probabilities). Between
 * points it is linear, outside them flat. See `fitIsotonic`.
 */
export const IsotonicCalibration = z
  .object({
    kind: z.literal('isotonic'),
    x: z.array(z.number()).min(1).readonly(),
    y: z.array(z.number().min(0).max(1)).min(1).readonly(),
  })
  .strict()
  .refine((c) => c.x.length === c.y.length, { message: 'x and y must have the same length', path: ['y'] })
  .refine((c) => isIncreasing(c.x, true), { message: 'x must be strictly increasing', path: ['x'] })
  .refine((c) => isIncreasing(c.y, false), { message: 'y must be non-decreasing', path: ['y'] });
/** An isotonic calibration as data: `{ kind: 'isotonic', x, y }`. */
export type IsotonicCalibration = z.infer<typeof IsotonicCalibration>;

/** Platt scaling: p = 1 / (1 + exp(a·raw + b)); a < 0 when higher raw scores convert more. See `fitPlatt`. */
export const PlattCalibration = z.object({ kind: z.literal('platt'), a: z.number(), b: z.number() }).strict();
/** A Platt calibration as data: `{ kind: 'platt', a, b }`. */
export type PlattCalibration = z.infer<typeof PlattCalibration>;

/**
 * How a model's raw score (log-odds) becomes a calibrated conversion probability: plain JSON
 * data saved with the model. Parse loaded data with this schema before `applyCalibration`.
 */
export const Calibration = z.discriminatedUnion('kind', [IsotonicCalibration, PlattCalibration]);
/** Either calibration, as saved in a model file. */
export type Calibration = z.infer<typeof Calibration>;

/** The calibration methods there are. */
export type CalibrationKind = Calibration['kind'];

/** 1 / (1 + exp(a·raw + b)), computed without overflow for any a·raw + b. */
export const plattProbability = (a: number, b: number, raw: number): number => {
  const z = a * raw + b;
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
};

/** `p` moved into [PROBABILITY_MARGIN, 1 − PROBABILITY_MARGIN]. */
export const clipProbability = (p: number): number =>
  p < PROBABILITY_MARGIN ? PROBABILITY_MARGIN : p > 1 - PROBABILITY_MARGIN ? 1 - PROBABILITY_MARGIN : p;
