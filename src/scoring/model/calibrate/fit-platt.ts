import { AppError } from '../../../domain/app-error.js';
import { checkBinaryInput, type Labels, type Scores } from '../evaluate/check-binary-input.js';
import type { PlattCalibration } from './calibration.js';

const MAX_ITERATIONS = 100;
/** Added to the Hessian's diagonal so a flat direction cannot make it singular (Lin et al. 2007). */
const RIDGE = 1e-12;
/** Armijo condition: a step must achieve this share of the decrease the slope promises. */
const SUFFICIENT_DECREASE = 1e-4;
const MIN_STEP = 1e-10;
/** Converged when the Newton decrement (−slope) promises less than this decrease per row. */
const TOLERANCE_PER_ROW = 1e-10;

/** log(1 + eᶻ) without overflow. */
const softplus = (z: number): number => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** 1 / (1 + eᶻ) without overflow. */
const probability = (z: number): number => {
  if (z >= 0) {
    const e = Math.exp(-z);
    return e / (1 + e);
  }
  return 1 / (1 + Math.exp(z));
};

/** Cross-entropy of p = 1/(1 + exp(a·s + b)) against targets t: Σ log(1 + eᶻ) − (1 − t)·z. */
const crossEntropy = (s: Float64Array, t: Float64Array, a: number, b: number): number => {
  let loss = 0;
  for (let i = 0; i < s.length; i++) {
    const z = a * s[i]! + b;
    loss += softplus(z) - (1 - t[i]!) * z;
  }
  return loss;
};

/** The Newton direction (da, db) at (a, b) and the slope of the loss along it. */
const newtonStep = (s: Float64Array, t: Float64Array, a: number, b: number) => {
  let ga = 0;
  let gb = 0;
  let haa = RIDGE;
  let hab = 0;
  let hbb = RIDGE;
  for (let i = 0; i < s.length; i++) {
    const si = s[i]!;
    const p = probability(a * si + b);
    const d = t[i]! - p; // ∂loss/∂z
    const w = p * (1 - p); // ∂²loss/∂z²
    ga += d * si;
    gb += d;
    haa += w * si * si;
    hab += w * si;
    hbb += w;
  }
  const det = haa * hbb - hab * hab;
  const da = -(hbb * ga - hab * gb) / det;
  const db = -(haa * gb - hab * ga) / det;
  return { da, db, slope: ga * da + gb * db };
};

/** Minimise the cross-entropy over (a, b) by Newton's method with a backtracking line search. */
const minimise = (s: Float64Array, t: Float64Array, b0: number): { a: number; b: number } => {
  let a = 0;
  let b = b0;
  let loss = crossEntropy(s, t, a, b);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const { da, db, slope } = newtonStep(s, t, a, b);
    if (!(slope < 0)) break; // the gradient vanished, or rounding made the step useless
    if (-slope <= TOLERANCE_PER_ROW * s.length) {
      // Converged as far as the loss can tell; near the optimum a full Newton step is safe and
      // polishes the parameters, which the loss (a sum over rows) is too coarse to resolve.
      return { a: a + da, b: b + db };
    }
    let step = 1;
    for (; step >= MIN_STEP; step /= 2) {
      const next = crossEntropy(s, t, a + step * da, b + step * db);
      if (next <= loss + SUFFICIENT_DECREASE * step * slope) {
        loss = next;
        break;
      }
    }
    if (step < MIN_STEP) break; // no step improves: at the optimum up to rounding
    a += step * da;
    b += step * db;
  }
  return { a, b };
};

/**
 * Platt scaling: fit p = 1 / (1 + exp(a·raw + b)) by maximum likelihood, against Platt's
 * smoothed targets (N₊ + 1)/(N₊ + 2) for converted rows and 1/(N₋ + 2) for the others, which
 * keep a and b finite even when the classes separate perfectly. Newton's method with a
 * backtracking line search (after Lin, Lin & Weng 2007), run on standardised scores so the
 * Hessian is well conditioned whatever their scale; with a single distinct score, a = 0 and
 * b gives the smoothed base rate. Throws an `INPUT_INVALID` AppError when there are no rows, a
 * raw score is not finite, or a label is not 0/1.
 */
export const fitPlatt = (raw: Scores, labels: Labels): PlattCalibration => {
  checkBinaryInput('fitPlatt', raw, labels, 'finite');
  const n = raw.length;
  if (n === 0) {
    throw new AppError('INPUT_INVALID', {
      message: 'fitPlatt: no rows; fit a calibration on held-out leads whose outcomes are known',
    });
  }
  let positives = 0;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    positives += labels[i]!;
    mean += (raw[i]! - mean) / (i + 1);
  }
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (raw[i]! - mean) ** 2 / n;
  const sd = Math.sqrt(variance);
  const negatives = n - positives;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  // At a = 0 the best b makes p the mean target: the starting point, and the answer when every
  // score is the same.
  const meanTarget = (positives * hi + negatives * lo) / n;
  const b0 = Math.log((1 - meanTarget) / meanTarget);
  if (!(sd > 0)) return { kind: 'platt', a: 0, b: b0 };

  const s = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = (raw[i]! - mean) / sd;
    t[i] = labels[i] === 1 ? hi : lo;
  }
  const fit = minimise(s, t, b0);
  // a·(raw − mean)/sd + b = (a/sd)·raw + (b − a·mean/sd)
  return { kind: 'platt', a: fit.a / sd, b: fit.b - (fit.a * mean) / sd };
};
