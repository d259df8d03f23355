import type { FeatureInfo } from '../feature-matrix.js';

/**
 * How one numeric feature becomes at most two encoded columns. A value `v` is encoded as:
 * non-finite → `impute` (the training mean of the observed values); clip to `[low, high]` (the
 * training 1st/99th percentiles); when `log`, `sign(v)·log1p(|v|)`; then `(v − center) / scale`.
 * `valueColumn` is −1 when the column was constant in training (dropped); `missingColumn` is the
 * 0/1 missing-indicator column, or −1 when no training value was missing.
 */
export interface NumericEncoding {
  readonly kind: 'numeric';
  readonly impute: number;
  readonly low: number;
  readonly high: number;
  readonly log: boolean;
  readonly center: number;
  readonly scale: number;
  readonly valueColumn: number;
  readonly missingColumn: number;
}

/**
 * How one categorical feature becomes `categories + 1` one-hot columns starting at
 * `firstColumn`: code c (0 ≤ c < categories) sets column `firstColumn + c`; missing, unseen or
 * malformed codes set the last one, `firstColumn + categories`.
 */
export interface CategoricalEncoding {
  readonly kind: 'categorical';
  readonly categories: number;
  readonly firstColumn: number;
}

/** The encoding of one original feature, in matrix feature order. */
export type FeatureEncoding = NumericEncoding | CategoricalEncoding;

/** Which optimizer fitted the weights: Newton/IRLS with Cholesky, or L-BFGS for wide encodings. */
export type LogisticSolver = 'newton' | 'lbfgs';

/** Options for `trainLogistic`; every field has a default. */
export interface TrainLogisticOptions {
  /** λ in the objective, > 0. Default 1e-3. */
  readonly l2?: number;
  /** Optimizer iterations before giving up. Default 200 (Newton) or 2000 (L-BFGS). */
  readonly maxIterations?: number;
  /** Stop when the largest absolute gradient component is at most this. Default 1e-9. */
  readonly tolerance?: number;
  /** Force an optimizer; by default Newton up to 400 encoded columns, L-BFGS beyond. */
  readonly solver?: LogisticSolver;
}

/** What the optimizer reached, kept in the model for auditing a fit. */
export interface LogisticFitReport {
  readonly solver: LogisticSolver;
  readonly iterations: number;
  readonly converged: boolean;
  /** The objective at the returned weights (mean log-loss + λ/2·‖w‖²). */
  readonly objective: number;
  /** Largest absolute component of the objective's gradient at the returned weights. */
  readonly gradientNorm: number;
  readonly rows: number;
}

/**
 * A trained L2-regularized logistic regression, plain JSON data (save it with `JSON.stringify`,
 * load it with `JSON.parse`). The raw score of a row is `intercept + Σ weights[j]·z[j]` where
 * `z` is the row encoded by `encoding`. The fitted objective is
 * `(1/n)·Σᵢ [log(1 + e^{ηᵢ}) − yᵢ·ηᵢ] + (λ/2)·Σⱼ weights[j]²` with `ηᵢ` that raw score and λ = `l2`;
 * the intercept is not penalized. Weights apply to standardized columns, so λ is unit-free.
 */
export interface LogisticModel {
  readonly kind: 'logistic';
  readonly version: 1;
  /** The features the model was trained on, in matrix order. */
  readonly features: readonly FeatureInfo[];
  readonly encoding: readonly FeatureEncoding[];
  /** For each encoded column, the index of the original feature it came from. */
  readonly columnFeature: readonly number[];
  /** For each encoded column, its training mean (the reference point of contributions). */
  readonly columnMeans: readonly number[];
  readonly intercept: number;
  readonly weights: readonly number[];
  readonly l2: number;
  readonly fit: LogisticFitReport;
}
