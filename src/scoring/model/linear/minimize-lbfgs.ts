import type { LogisticProblem } from './logistic-objective.js';
import {
  dot,
  maxAbs,
  resultOf,
  searchLine,
  startSearch,
  type OptimizeOptions,
  type OptimizeResult,
  type SearchPoint,
} from './search-point.js';

/** Curvature pairs kept; 10 is the usual choice and plenty for a convex, smooth objective. */
const MEMORY = 10;

/** The last `MEMORY` steps s = Δθ and gradient changes y = Δg, in a ring. */
interface Memory {
  readonly s: Float64Array[];
  readonly y: Float64Array[];
  readonly rho: Float64Array;
  readonly alpha: Float64Array;
  count: number;
  newest: number;
}

const memoryFor = (dim: number): Memory => ({
  s: Array.from({ length: MEMORY }, () => new Float64Array(dim)),
  y: Array.from({ length: MEMORY }, () => new Float64Array(dim)),
  rho: new Float64Array(MEMORY),
  alpha: new Float64Array(MEMORY),
  count: 0,
  newest: MEMORY - 1,
});

const addScaled = (target: Float64Array, scale: number, v: Float64Array): void => {
  for (let j = 0; j < target.length; j++) target[j] = (target[j] as number) + scale * (v[j] as number);
};

/** The quasi-Newton direction −H·g by the two-loop recursion (Nocedal & Wright, Algorithm 7.4). */
const directionOf = (m: Memory, grad: Float64Array, out: Float64Array): void => {
  out.set(grad);
  const slot = (k: number): number => (m.newest - k + MEMORY) % MEMORY;
  for (let k = 0; k < m.count; k++) {
    const i = slot(k);
    const a = (m.rho[i] as number) * dot(m.s[i] as Float64Array, out);
    m.alpha[i] = a;
    addScaled(out, -a, m.y[i] as Float64Array);
  }
  if (m.count > 0) {
    const y0 = m.y[m.newest] as Float64Array;
    const gamma = 1 / ((m.rho[m.newest] as number) * dot(y0, y0));
    for (let j = 0; j < out.length; j++) out[j] = gamma * (out[j] as number);
  }
  for (let k = m.count - 1; k >= 0; k--) {
    const i = slot(k);
    const b = (m.rho[i] as number) * dot(m.y[i] as Float64Array, out);
    addScaled(out, (m.alpha[i] as number) - b, m.s[i] as Float64Array);
  }
  for (let j = 0; j < out.length; j++) out[j] = -(out[j] as number);
};

/** Stores the step just taken (the search point swapped old values into its trial buffers). */
const remember = (m: Memory, at: SearchPoint): void => {
  const next = (m.newest + 1) % MEMORY;
  const s = m.s[next] as Float64Array;
  const y = m.y[next] as Float64Array;
  for (let j = 0; j < s.length; j++) {
    s[j] = (at.theta[j] as number) - (at.trialTheta[j] as number);
    y[j] = (at.grad[j] as number) - (at.trialGrad[j] as number);
  }
  const sy = dot(s, y);
  // Skip pairs without clear positive curvature: they would make the inverse Hessian indefinite.
  // The slot written is the oldest pair's, so with a full ring that pair is gone either way.
  if (!(sy > 1e-12 * dot(y, y))) {
    m.count = Math.min(m.count, MEMORY - 1);
    return;
  }
  m.rho[next] = 1 / sy;
  m.newest = next;
  m.count = Math.min(m.count + 1, MEMORY);
};

/**
 * L-BFGS from `theta0`, for encodings too wide for a dense Hessian: O(rows·width) per step
 * and O(MEMORY·width) memory. Deterministic: no randomness, fixed order of summation.
 */
export const minimizeLbfgs = (
  p: LogisticProblem,
  theta0: Float64Array,
  options: OptimizeOptions,
): OptimizeResult => {
  const at = startSearch(p, theta0);
  const memory = memoryFor(theta0.length);
  const direction = new Float64Array(theta0.length);
  let iterations = 0;
  while (iterations < options.maxIterations && maxAbs(at.grad) > options.tolerance) {
    directionOf(memory, at.grad, direction);
    const step = memory.count === 0 ? Math.min(1, 1 / Math.sqrt(dot(at.grad, at.grad))) : 1;
    if (searchLine(p, at, direction, step)) {
      remember(memory, at);
      iterations++;
    } else if (memory.count > 0) {
      // Stale curvature gave a poor direction: restart from steepest descent once.
      memory.count = 0;
    } else break;
  }
  return resultOf(at, iterations, options);
};
