import { evaluateObjective, type LogisticProblem } from './logistic-objective.js';

/** The current point of an optimizer and buffers for the trial point a line search writes. */
export interface SearchPoint {
  theta: Float64Array;
  grad: Float64Array;
  f: number;
  trialTheta: Float64Array;
  trialGrad: Float64Array;
}

/** When an optimizer stops: after `maxIterations` steps, or once `maxAbs(grad) ≤ tolerance`. */
export interface OptimizeOptions {
  readonly maxIterations: number;
  readonly tolerance: number;
}

/** Where an optimizer stopped. */
export interface OptimizeResult {
  readonly theta: Float64Array;
  readonly objective: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** A search point at `theta` (copied), with the objective and gradient evaluated there. */
export const startSearch = (p: LogisticProblem, theta: Float64Array): SearchPoint => {
  const grad = new Float64Array(theta.length);
  const start = theta.slice();
  const f = evaluateObjective(p, start, grad);
  return {
    theta: start,
    grad,
    f,
    trialTheta: new Float64Array(theta.length),
    trialGrad: new Float64Array(theta.length),
  };
};

/** The result of stopping at `at` after `iterations` steps. */
export const resultOf = (at: SearchPoint, iterations: number, options: OptimizeOptions): OptimizeResult => {
  const gradientNorm = maxAbs(at.grad);
  return {
    theta: at.theta,
    objective: at.f,
    gradientNorm,
    iterations,
    converged: gradientNorm <= options.tolerance,
  };
};

/** The dot product of two vectors of the same length. */
export const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/** The largest absolute component (the convergence measure of both optimizers). */
export const maxAbs = (v: Float64Array): number => {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
};

/**
 * Backtracks from `step` along `direction` until the Armijo condition holds, then moves the
 * point there (swapping the trial buffers in). Returns false when no step is accepted.
 *
 * Near the optimum the objective changes by less than its own rounding error, so Armijo can
 * fail on noise; there a step is also accepted when the objective has not measurably risen and
 * the directional derivative (computed from exact-enough gradients) shrank, as in Hager and
 * Zhang's approximate Wolfe conditions.
 */
export const searchLine = (
  p: LogisticProblem,
  at: SearchPoint,
  direction: Float64Array,
  step: number,
): boolean => {
  const slope = dot(at.grad, direction);
  if (!(slope < 0)) return false;
  const noise = 1e-12 * (1 + Math.abs(at.f));
  for (let tries = 0; tries < 60; tries++, step /= 2) {
    for (let j = 0; j < direction.length; j++) {
      at.trialTheta[j] = (at.theta[j] as number) + step * (direction[j] as number);
    }
    const f = evaluateObjective(p, at.trialTheta, at.trialGrad);
    const armijo = f <= at.f + 1e-4 * step * slope;
    const flat = f <= at.f + noise && Math.abs(dot(at.trialGrad, direction)) <= 0.9 * -slope;
    if (!armijo && !flat) continue;
    [at.theta, at.trialTheta] = [at.trialTheta, at.theta];
    [at.grad, at.trialGrad] = [at.trialGrad, at.grad];
    at.f = f;
    return true;
  }
  return false;
};
