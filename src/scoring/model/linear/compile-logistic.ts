import { AppError } from '../../../domain/app-error.js';
import { categoricalColumn, standardizeNumeric } from './encode-features.js';
import type { LogisticModel } from './logistic-model.js';

/**
 * A model prepared for scoring: weights as a typed array and, per original feature, the
 * reference term Σⱼ wⱼ·meanⱼ over its encoded columns, so scoring allocates nothing.
 * Build it with `compileLogistic`; a model must not be mutated after it was compiled.
 */
export interface CompiledLogistic {
  readonly model: LogisticModel;
  readonly weights: Float64Array;
  /** Per feature, Σ wⱼ·meanⱼ over that feature's encoded columns. */
  readonly reference: Float64Array;
  /** The raw score of the average training row: intercept + Σ reference. */
  readonly base: number;
}

/** A model loaded from a file is only as good as the file: check the shape scoring relies on. */
const checkModel = (model: LogisticModel): void => {
  const width = model.columnFeature.length;
  const shaped = model.weights.length === width && model.columnMeans.length === width;
  if (model.kind !== 'logistic' || model.version !== 1 || !shaped) {
    throw new AppError('INPUT_INVALID', {
      message: `logistic model: expected kind "logistic", version 1 and ${width} weights and means; retrain the model or load an intact model file.`,
    });
  }
};

/** Prepares `model` for allocation-free scoring; throws `INPUT_INVALID` for a malformed model. */
export const compileLogistic = (model: LogisticModel): CompiledLogistic => {
  checkModel(model);
  const weights = Float64Array.from(model.weights);
  const reference = new Float64Array(model.features.length);
  model.columnFeature.forEach((f, j) => {
    reference[f] = (reference[f] as number) + (weights[j] as number) * (model.columnMeans[j] as number);
  });
  let base = model.intercept;
  for (const r of reference) base += r;
  return { model, weights, reference, base };
};

/** Σ wⱼ·zⱼ over the encoded columns of feature `f` for raw value `v`. */
const featureTerm = (c: CompiledLogistic, f: number, v: number): number => {
  const enc = c.model.encoding[f];
  if (enc === undefined) return 0;
  if (enc.kind === 'categorical') return c.weights[categoricalColumn(enc, v)] as number;
  let term = 0;
  if (enc.valueColumn >= 0) term += (c.weights[enc.valueColumn] as number) * standardizeNumeric(enc, v);
  if (enc.missingColumn >= 0 && !Number.isFinite(v)) term += c.weights[enc.missingColumn] as number;
  return term;
};

/** The log-odds of row `x` (values in the model's feature order) under a compiled model. */
export const compiledRaw = (c: CompiledLogistic, x: Float64Array): number => {
  let s = c.model.intercept;
  for (let f = 0; f < c.reference.length; f++) s += featureTerm(c, f, x[f] as number);
  return s;
};

const compiled = new WeakMap<LogisticModel, CompiledLogistic>();

const compiledFor = (model: LogisticModel): CompiledLogistic => {
  let c = compiled.get(model);
  if (c === undefined) compiled.set(model, (c = compileLogistic(model)));
  return c;
};

/**
 * The log-odds that the lead in row `x` converts (values in the model's feature order; NaN,
 * infinities and unseen category codes count as missing). Compiles the model on first use and
 * caches that by object, so treat models as immutable.
 */
export const predictLogisticRaw = (model: LogisticModel, x: Float64Array): number =>
  compiledRaw(compiledFor(model), x);

/** A raw score split into the average training row's score and one share per original feature. */
export interface LogisticExplanation {
  readonly base: number;
  /** One per feature in matrix order; `base + Σ contributions` equals the raw score. */
  readonly contributions: Float64Array;
}

/**
 * Explains row `x`: feature f contributes Σⱼ wⱼ·(zⱼ − meanⱼ) over its encoded columns (how far
 * the row moves the log-odds away from the average training row), and
 * `base = intercept + Σⱼ wⱼ·meanⱼ`. For a linear model this is exactly its SHAP value under
 * independent features. Pass `out` to reuse an array.
 */
export const logisticContributions = (
  model: LogisticModel,
  x: Float64Array,
  out: Float64Array = new Float64Array(model.features.length),
): LogisticExplanation => {
  const c = compiledFor(model);
  for (let f = 0; f < c.reference.length; f++) {
    out[f] = featureTerm(c, f, x[f] as number) - (c.reference[f] as number);
  }
  return { base: c.base, contributions: out };
};
