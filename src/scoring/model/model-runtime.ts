import { applyCalibration } from './calibrate/apply-calibration.js';
import type { FeatureInfo } from './feature-matrix.js';
import { planFeatures } from './features/feature-plan.js';
import { createShapExplainer } from './explain/shap-explainer.js';
import { MAX_BINS } from './gbdt/bin-features.js';
import { compileEnsemble, predictCompiled, type TreeEnsemble } from './gbdt/tree.js';
import { compileLogistic, compiledRaw, logisticContributions } from './linear/compile-logistic.js';
import type { ModelDocument } from './model-document.js';
import { deserializeTree } from './serialize-tree.js';

/** A model ready to score: raw log-odds, calibrated probability, and per-feature contributions. */
export interface ModelRuntime {
  readonly document: ModelDocument;
  readonly features: readonly FeatureInfo[];
  /** The raw score (log-odds) of an encoded row. */
  readonly raw: (x: Float64Array) => number;
  /** The calibrated conversion probability for a raw score. */
  readonly probability: (raw: number) => number;
  /** Per-feature contributions; `base + Σ contributions = raw(x)`. Writes into `out`. */
  readonly explain: (
    x: Float64Array,
    out: Float64Array,
  ) => { readonly base: number; readonly contributions: Float64Array };
}

/** The ensemble of a gradient-boosted model document. */
export const ensembleOf = (doc: ModelDocument, features: readonly FeatureInfo[]): TreeEnsemble => {
  const counts = features.map((f) => Math.min(f.categories.length, MAX_BINS - 1));
  return { base: doc.gbdt?.base ?? 0, trees: (doc.gbdt?.trees ?? []).map((t) => deserializeTree(t, counts)) };
};

/** Prepares a model document for scoring (typed arrays, compiled weights, SHAP buffers). */
export const createModelRuntime = (doc: ModelDocument): ModelRuntime => {
  const features = planFeatures(doc.plan);
  const probability = (raw: number): number => applyCalibration(doc.calibration, raw);
  if (doc.kind === 'logistic' && doc.logistic) {
    const model = doc.logistic;
    const compiled = compileLogistic(model);
    return {
      document: doc,
      features,
      raw: (x) => compiledRaw(compiled, x),
      probability,
      explain: (x, out) => logisticContributions(model, x, out as Float64Array<ArrayBuffer>),
    };
  }
  const ensemble = ensembleOf(doc, features);
  const explain = createShapExplainer(ensemble);
  const compiled = compileEnsemble(ensemble);
  return {
    document: doc,
    features,
    raw: (x) => predictCompiled(compiled, x),
    probability,
    explain,
  };
};
