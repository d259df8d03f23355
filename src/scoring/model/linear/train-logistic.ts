import { AppError } from '../../../domain/app-error.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import { columnMeansOf, encodeMatrix } from './encode-features.js';
import { fitEncoding, type FittedEncoding } from './fit-encoding.js';
import type { LogisticModel, LogisticSolver, TrainLogisticOptions } from './logistic-model.js';
import { sparseRowsOf, type LogisticProblem } from './logistic-objective.js';
import { minimizeLbfgs } from './minimize-lbfgs.js';
import { minimizeNewton } from './minimize-newton.js';
import type { OptimizeResult } from './search-point.js';

/** Above this many encoded columns a dense Hessian (width² memory, width³ to factor) costs too much. */
const NEWTON_MAX_WIDTH = 400;
const NEWTON_MAX_COST = 5e8;

/** Training data encoded once, so that several λ can be fitted without re-encoding. */
export interface EncodedTraining {
  readonly matrix: FeatureMatrix;
  readonly fitted: FittedEncoding;
  readonly design: Float64Array;
  readonly labels: Uint8Array;
  readonly columnMeans: Float64Array;
}

const invalid = (message: string): AppError => new AppError('INPUT_INVALID', { message });

const checkTrainingData = (matrix: FeatureMatrix, labels: Uint8Array): void => {
  if (matrix.rows === 0)
    throw invalid('trainLogistic: the training matrix has no rows; pass at least one lead.');
  if (labels.length !== matrix.rows) {
    throw invalid(`trainLogistic: ${labels.length} labels for ${matrix.rows} rows; pass one label per row.`);
  }
  const bad = matrix.columns.findIndex((c) => c.length !== matrix.rows);
  if (matrix.columns.length !== matrix.features.length || bad >= 0) {
    throw invalid('trainLogistic: the matrix needs one column of `rows` values per feature.');
  }
  let ones = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (y > 1) throw invalid(`trainLogistic: label ${i} is ${y}; labels must be 0 or 1 (1 = converted).`);
    ones += y;
  }
  if (ones === 0 || ones === labels.length) {
    throw invalid(`trainLogistic: every label is ${ones === 0 ? 0 : 1}; training needs both outcomes.`);
  }
};

/** Validates and encodes a training set (see `fitEncoding` for what the encoding learns). */
export const encodeTraining = (matrix: FeatureMatrix, labels: Uint8Array): EncodedTraining => {
  checkTrainingData(matrix, labels);
  const fitted = fitEncoding(matrix);
  const width = fitted.columnFeature.length;
  const design = encodeMatrix(matrix, fitted.encoding, width);
  return { matrix, fitted, design, labels, columnMeans: columnMeansOf(design, matrix.rows, width) };
};

/** Copies a typed array into a JSON-friendly one, turning −0 into 0 so a round trip is exact. */
const plain = (v: Float64Array): number[] => Array.from(v, (x) => x + 0);

const modelOf = (
  data: EncodedTraining,
  l2: number,
  solver: LogisticSolver,
  r: OptimizeResult,
): LogisticModel => ({
  kind: 'logistic',
  version: 1,
  features: data.matrix.features.map((f) => ({ ...f, categories: [...f.categories] })),
  encoding: data.fitted.encoding.map((e) => ({ ...e })),
  columnFeature: [...data.fitted.columnFeature],
  columnMeans: plain(data.columnMeans),
  intercept: (r.theta[0] as number) + 0,
  weights: plain(r.theta.subarray(1)),
  l2,
  fit: {
    solver,
    iterations: r.iterations,
    converged: r.converged,
    objective: r.objective,
    gradientNorm: r.gradientNorm,
    rows: data.matrix.rows,
  },
});

/** All weights 0 and the intercept at the log-odds of the base rate: the optimum when w = 0. */
const baseRateStart = (labels: Uint8Array, width: number): Float64Array => {
  const theta = new Float64Array(width + 1);
  let ones = 0;
  for (const y of labels) ones += y;
  theta[0] = Math.log(ones / (labels.length - ones));
  return theta;
};

/** Fits one λ on already encoded data (what `trainLogistic` does after encoding). */
export const fitEncodedLogistic = (
  data: EncodedTraining,
  options: TrainLogisticOptions = {},
): LogisticModel => {
  const l2 = options.l2 ?? 1e-3;
  if (!(Number.isFinite(l2) && l2 > 0)) {
    // λ = 0 has no unique optimum: full one-hot blocks are collinear with the intercept.
    throw invalid(`trainLogistic: l2 is ${l2}; it must be a positive number such as 1e-3.`);
  }
  const width = data.fitted.columnFeature.length;
  const problem: LogisticProblem = {
    design: data.design,
    labels: data.labels,
    rows: data.matrix.rows,
    width,
    l2,
  };
  // A Newton step costs Σ (non-zeros of a row)² for the Hessian plus width³/3 to factor it.
  const sparse = sparseRowsOf(problem);
  const perRow = sparse.vals.length / Math.max(1, problem.rows);
  const newtonCost = problem.rows * perRow * perRow + (width * width * width) / 3;
  const solver =
    options.solver ?? (width <= NEWTON_MAX_WIDTH && newtonCost <= NEWTON_MAX_COST ? 'newton' : 'lbfgs');
  const limits = {
    maxIterations: options.maxIterations ?? (solver === 'newton' ? 200 : 2000),
    tolerance: options.tolerance ?? 1e-9,
  };
  const result = (solver === 'newton' ? minimizeNewton : minimizeLbfgs)(
    problem,
    baseRateStart(data.labels, width),
    limits,
  );
  return modelOf(data, l2, solver, result);
};

/**
 * Trains an L2-regularized logistic regression on `matrix` with 0/1 `labels` (1 = converted).
 * Minimizes the mean log-loss plus (λ/2)·‖w‖² over standardized encoded columns, intercept
 * unpenalized (see `LogisticModel`). Deterministic. If the optimizer stops before the gradient
 * tolerance, the model is still returned with `fit.converged === false`.
 * Throws `INPUT_INVALID` for empty data, mismatched labels, a single outcome or λ ≤ 0.
 */
export const trainLogistic = (
  matrix: FeatureMatrix,
  labels: Uint8Array,
  options: TrainLogisticOptions = {},
): LogisticModel => fitEncodedLogistic(encodeTraining(matrix, labels), options);
