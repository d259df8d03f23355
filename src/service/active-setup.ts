import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { createModelRuntime } from '../scoring/model/model-runtime.js';
import type { ModelRuntime } from '../scoring/model/model-runtime.js';

/**
 * The criteria and model the pipeline uses now: the store's active criteria version and active
 * model, re-read at most every `refreshMs` (so that a separate worker process picks up a new
 * version within that time) and at once after `invalidate()` (this process saved one).
 */
export interface ActiveSetup {
  criteria(): Promise<LoadedCriteria>;
  model(): Promise<ModelRuntime | undefined>;
  invalidate(): void;
}

export const createActiveSetup = (
  deps: { readonly store: StoreHandle; readonly clock: Clock },
  options: { readonly refreshMs: number; readonly useModel: boolean },
): ActiveSetup => {
  let criteria: { at: number; version: string; loaded: LoadedCriteria } | undefined;
  let model: { at: number; version: string | undefined; runtime: ModelRuntime | undefined } | undefined;
  const fresh = (at: number | undefined): boolean =>
    at !== undefined && deps.clock.now() - at < options.refreshMs;
  return {
    criteria: async () => {
      if (criteria !== undefined && fresh(criteria.at)) return criteria.loaded;
      const active = await deps.store.service.activeCriteria();
      if (active === undefined) {
        throw new AppError('CONFIG_INVALID', {
          message: 'no criteria are active: start the service with --criteria <file> or PUT /v1/criteria',
        });
      }
      const loaded =
        criteria?.version === active.version
          ? criteria.loaded
          : parseCriteria(active.text, `criteria ${active.version}`);
      criteria = { at: deps.clock.now(), version: active.version, loaded };
      return loaded;
    },
    model: async () => {
      if (!options.useModel) return undefined;
      if (model !== undefined && fresh(model.at)) return model.runtime;
      const active = await deps.store.models.activeModel();
      const version = active?.version;
      const kept = model !== undefined && model.version === version ? model.runtime : undefined;
      const runtime = kept ?? (active === undefined ? undefined : createModelRuntime(active.document));
      model = { at: deps.clock.now(), version, runtime };
      return runtime;
    },
    invalidate: () => {
      criteria = undefined;
      model = undefined;
    },
  };
};
