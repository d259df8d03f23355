// The port takes the typed model document rather than loose JSON plus metadata: every listed
// figure (kind, rows, positives, AUC, source, criteria) is read from the document itself, so the
// registry's columns can never disagree with the model they describe. The import is type-only.
import type { ModelDocument } from '../scoring/model/model-document.js';

/** A saved model as the registry lists it: its identity, what it learned from, how it did. */
export interface ModelSummary {
  /** `model@` + a hash of what the model computes (see `modelVersion`). */
  readonly version: string;
  readonly kind: ModelDocument['kind'];
  /** When the model was trained (the document's `createdAt`), ISO 8601 UTC. */
  readonly createdAt: string;
  /** Labelled rows it was trained and evaluated on. */
  readonly rows: number;
  readonly positives: number;
  /** AUC on the held-out test split; null when the split had one class only. */
  readonly auc: number | null;
  /** The training data: a file path, or the stored leads. */
  readonly source: string;
  /** The criteria version in force when it was trained, when known. */
  readonly criteria?: string;
  /** True for the one model that qualifies leads by default; at most one is. */
  readonly active: boolean;
  /** When a person last made it the active model. */
  readonly activatedAt?: string;
}

/** A saved model with its full document, ready to score or export. */
export interface StoredModel extends ModelSummary {
  readonly document: ModelDocument;
}

/** What `saveModel` did: `created` is false when that version was already saved. */
export interface SaveModelResult {
  readonly version: string;
  readonly created: boolean;
}

/**
 * The storage port for trained models. Models are kept whole (the document `leadsift train`
 * writes) with the figures needed to compare them. Activation is a person's decision: saving
 * never activates, and at most one model is active at any time.
 */
export interface ModelRegistry {
  /**
   * Save a model. Idempotent by version: saving a version that is already there keeps the stored
   * one and reports `created: false`. Fails with MODEL_INVALID when the document is not a usable
   * model.
   */
  saveModel(document: ModelDocument): Promise<SaveModelResult>;
  /** The saved model with this version; NOT_FOUND when there is none. */
  getModel(version: string): Promise<StoredModel>;
  /** Every saved model, newest first (by training time, then version). */
  listModels(): Promise<ModelSummary[]>;
  /** The active model, or undefined before any model was activated. */
  activeModel(): Promise<StoredModel | undefined>;
  /**
   * Make this version the active model and deactivate the one before it, atomically; returns the
   * model as now listed. NOT_FOUND when the version was never saved.
   */
  activate(version: string): Promise<ModelSummary>;
}
