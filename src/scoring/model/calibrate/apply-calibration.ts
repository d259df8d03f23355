import { clipProbability, plattProbability, type Calibration } from './calibration.js';

/** The isotonic map at `raw`: flat outside [x₀, xₙ], linear between neighbouring points. */
const interpolate = (x: readonly number[], y: readonly number[], raw: number): number => {
  const last = x.length - 1;
  if (raw <= x[0]!) return y[0]!;
  if (raw >= x[last]!) return y[last]!;
  // Binary search for x[lo] ≤ raw < x[hi] with hi = lo + 1.
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! <= raw) lo = mid;
    else hi = mid;
  }
  const x0 = x[lo]!;
  const y0 = y[lo]!;
  return y0 + ((raw - x0) / (x[hi]! - x0)) * (y[hi]! - y0);
};

/**
 * The calibrated conversion probability of a raw model score (log-odds), always within
 * [PROBABILITY_MARGIN, 1 − PROBABILITY_MARGIN]; NaN for a NaN score. O(log k) for an isotonic
 * calibration of k points, O(1) for Platt. `calibration` must be valid (parse loaded data with
 * the `Calibration` schema).
 */
export const applyCalibration = (calibration: Calibration, raw: number): number => {
  if (raw !== raw) return Number.NaN;
  const p =
    calibration.kind === 'platt'
      ? plattProbability(calibration.a, calibration.b, raw)
      : interpolate(calibration.x, calibration.y, raw);
  return clipProbability(p);
};
