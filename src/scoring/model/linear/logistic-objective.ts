/**
 * The penalized logistic objective over an encoded design matrix. Parameters are one vector
 * `theta = [intercept, w₀ … w_{width−1}]`, and
 *
 *   objective(theta) = (1/n)·Σᵢ [log(1 + e^{ηᵢ}) − yᵢ·ηᵢ] + (λ/2)·Σⱼ wⱼ²,   ηᵢ = intercept + xᵢ·w.
 */
export interface LogisticProblem {
  /** `rows × width`, row-major, without the intercept column. */
  readonly design: Float64Array;
  readonly labels: Uint8Array;
  readonly rows: number;
  readonly width: number;
  /** λ; the intercept is not penalized. */
  readonly l2: number;
}

/** `log(1 + e^x)` without overflow for large x or lost precision for very negative x. */
export const log1pExp = (x: number): number =>
  x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));

/** The logistic function, computed from the side where `exp` cannot overflow. */
export const sigmoid = (x: number): number => {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
};

/**
 * The design's non-zero entries by row (compressed sparse rows). One-hot blocks make most
 * entries zero, so every pass over the data walks these instead of the full width.
 */
export interface SparseRows {
  readonly start: Int32Array;
  readonly cols: Int32Array;
  readonly vals: Float64Array;
}

const sparseCache = new WeakMap<Float64Array, SparseRows>();

/** The compressed rows of a problem's design, built once per design array. */
export const sparseRowsOf = (p: LogisticProblem): SparseRows => {
  const cached = sparseCache.get(p.design);
  if (cached) return cached;
  let nnz = 0;
  for (let k = 0; k < p.rows * p.width; k++) if (p.design[k] !== 0) nnz++;
  const start = new Int32Array(p.rows + 1);
  const cols = new Int32Array(nnz);
  const vals = new Float64Array(nnz);
  let at = 0;
  for (let i = 0; i < p.rows; i++) {
    start[i] = at;
    const base = i * p.width;
    for (let j = 0; j < p.width; j++) {
      const x = p.design[base + j] as number;
      if (x === 0) continue;
      cols[at] = j;
      vals[at++] = x;
    }
  }
  start[p.rows] = at;
  const sparse = { start, cols, vals };
  sparseCache.set(p.design, sparse);
  return sparse;
};

const etaOf = (sp: SparseRows, theta: Float64Array, row: number): number => {
  let eta = theta[0] as number;
  const end = sp.start[row + 1] as number;
  for (let k = sp.start[row] as number; k < end; k++)
    eta += (sp.vals[k] as number) * (theta[(sp.cols[k] as number) + 1] as number);
  return eta;
};

/** The objective at `theta`; writes its gradient into `grad` (same length as `theta`). */
export const evaluateObjective = (p: LogisticProblem, theta: Float64Array, grad: Float64Array): number => {
  grad.fill(0);
  const sp = sparseRowsOf(p);
  let loss = 0;
  for (let i = 0; i < p.rows; i++) {
    const eta = etaOf(sp, theta, i);
    const y = p.labels[i] as number;
    loss += log1pExp(eta) - y * eta;
    const r = sigmoid(eta) - y;
    grad[0] = (grad[0] as number) + r;
    const end = sp.start[i + 1] as number;
    for (let k = sp.start[i] as number; k < end; k++) {
      const j = (sp.cols[k] as number) + 1;
      grad[j] = (grad[j] as number) + r * (sp.vals[k] as number);
    }
  }
  let penalty = 0;
  for (let j = 0; j < grad.length; j++) {
    grad[j] = (grad[j] as number) / p.rows;
    if (j === 0) continue;
    const w = theta[j] as number;
    penalty += w * w;
    grad[j] = (grad[j] as number) + p.l2 * w;
  }
  return loss / p.rows + (p.l2 / 2) * penalty;
};

/** Scratch buffers for `fillHessian`, allocated once per fit. */
export interface HessianScratch {
  readonly index: Int32Array;
  readonly value: Float64Array;
}

/** Scratch buffers sized for `dim` parameters. */
export const hessianScratch = (dim: number): HessianScratch => ({
  index: new Int32Array(dim),
  value: new Float64Array(dim),
});

/**
 * Writes the objective's Hessian at `theta` into `h` (dim × dim, row-major):
 * (1/n)·Σᵢ pᵢ(1−pᵢ)·x̃ᵢx̃ᵢᵀ + λ·I (no λ on the intercept), x̃ᵢ = [1, xᵢ]. Each row touches only
 * its non-zero entries, so one-hot blocks cost their count of ones, not their width.
 */
export const fillHessian = (
  p: LogisticProblem,
  theta: Float64Array,
  h: Float64Array,
  s: HessianScratch,
): void => {
  const dim = p.width + 1;
  h.fill(0);
  const sp = sparseRowsOf(p);
  for (let i = 0; i < p.rows; i++) {
    const prob = sigmoid(etaOf(sp, theta, i));
    const weight = prob * (1 - prob);
    let count = 1;
    s.index[0] = 0;
    s.value[0] = 1;
    const end = sp.start[i + 1] as number;
    for (let k = sp.start[i] as number; k < end; k++) {
      s.index[count] = (sp.cols[k] as number) + 1;
      s.value[count] = sp.vals[k] as number;
      count++;
    }
    for (let a = 0; a < count; a++) {
      const rowStart = (s.index[a] as number) * dim;
      const wa = weight * (s.value[a] as number);
      for (let b = a; b < count; b++) {
        const at = rowStart + (s.index[b] as number);
        h[at] = (h[at] as number) + wa * (s.value[b] as number);
      }
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) h[b * dim + a] = h[a * dim + b] = (h[a * dim + b] as number) / p.rows;
    if (a > 0) h[a * dim + a] = (h[a * dim + a] as number) + p.l2;
  }
};
