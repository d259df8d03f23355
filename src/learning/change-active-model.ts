import { AppError } from '../domain/app-error.js';
import type { ModelRegistry, ModelSummary } from '../domain/model-registry.js';
import type { LearningStore, ModelChange } from './learning-store.js';

/** What a person's promotion or a rollback reads and writes. */
export interface ChangeModelDeps {
  readonly models: Pick<ModelRegistry, 'getModel' | 'activeModel'>;
  readonly learning: Pick<LearningStore, 'recordChange' | 'listChanges'>;
}

const heldOut = (m: Pick<ModelSummary, 'version' | 'auc' | 'rows' | 'createdAt'>) => ({
  version: m.version,
  auc: m.auc,
  rows: m.rows,
  trainedAt: m.createdAt,
});

/**
 * A person makes a saved model the active one, whatever the learning loop judged: logged as
 * `promoted_by_person` with both models' held-out figures and the person's reason.
 */
export const promoteModel = async (
  deps: ChangeModelDeps,
  version: string,
  by: { readonly name: string; readonly reason?: string },
  now: number,
): Promise<ModelChange> => {
  const [target, active] = await Promise.all([deps.models.getModel(version), deps.models.activeModel()]);
  if (active?.version === target.version)
    throw new AppError('CONFLICT', {
      message: `${version} is already the active model`,
      details: { version },
    });
  return deps.learning.recordChange(
    {
      at: new Date(now).toISOString(),
      action: 'promoted_by_person',
      ...(active === undefined ? {} : { from: active.version }),
      to: target.version,
      by: by.name,
      reason: by.reason ?? `${by.name} promoted it`,
      figures: { candidate: heldOut(target), ...(active === undefined ? {} : { current: heldOut(active) }) },
    },
    target.version,
  );
};

/**
 * Returns to the model that was active before the active one was promoted (by the loop or a
 * person), and logs it as `rolled_back`. NOT_FOUND when the log records no promotion of the
 * active model from an earlier one.
 */
export const rollbackModel = async (
  deps: ChangeModelDeps,
  by: { readonly name: string; readonly reason?: string },
  now: number,
): Promise<ModelChange> => {
  const active = await deps.models.activeModel();
  if (active === undefined)
    throw new AppError('NOT_FOUND', { message: 'no model is active, so there is nothing to roll back' });
  const promotion = (await deps.learning.listChanges()).find(
    (c) => c.to === active.version && (c.action === 'promoted' || c.action === 'promoted_by_person'),
  );
  if (promotion?.from === undefined)
    throw new AppError('NOT_FOUND', {
      message: `no earlier model to roll back to: the log records no promotion of ${active.version} over another model; choose one with \`leadsift models promote <version>\``,
      details: { version: active.version },
    });
  const previous = await deps.models.getModel(promotion.from);
  return deps.learning.recordChange(
    {
      at: new Date(now).toISOString(),
      action: 'rolled_back',
      from: active.version,
      to: previous.version,
      by: by.name,
      reason: by.reason ?? `${by.name} rolled back the promotion of ${promotion.at}`,
      figures: { rolledBack: heldOut(active), restored: heldOut(previous), promotion: promotion.id },
    },
    previous.version,
  );
};
