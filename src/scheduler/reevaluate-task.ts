import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { DEFAULT_REEVALUATE_OPTIONS, reevaluateStoredLeads } from '../hygiene/reevaluate-stored-leads.js';
import type { ReevaluateOptions, ReevaluationSummary } from '../hygiene/reevaluate-stored-leads.js';
import { actionsFor } from '../pipeline/deliver-jobs.js';
import { routeWithCriteria } from '../pipeline/route-decision.js';
import { createModelRuntime } from '../scoring/model/model-runtime.js';
import { scorerFor } from '../scoring/qualify-file.js';
import type { ScheduledTask, Schedule } from './scheduled-task.js';

/** What a re-evaluation over a store is given beside the store. */
export interface StoreReevaluation {
  /** Decisions are made at this clock's time (the store's own clock still orders ids). */
  readonly clock: Clock;
  readonly options?: Partial<ReevaluateOptions>;
  /**
   * Webhooks and CRM write-back (an actions file): moved verdicts send `lead.requalified` (and
   * the CRM write-back), newly flagged leads `lead.stale`, to the webhooks taking them.
   */
  readonly actions?: ResolvedActions;
  /** Score with the active model beside the rules (default true). */
  readonly useModel?: boolean;
  readonly signal?: AbortSignal;
  readonly onBatch?: (summary: ReevaluationSummary) => void;
}

/**
 * Re-evaluate a store's decided leads with its active criteria and (unless told not to) its
 * active model — what `leadsift reevaluate` and the scheduled task both run. A moved verdict is
 * routed with the criteria's routing rules and its actions queued (a running worker delivers
 * them). Fails with CONFIG_INVALID when no criteria are active.
 */
export const reevaluateStore = async (
  store: StoreHandle,
  run: StoreReevaluation,
): Promise<ReevaluationSummary> => {
  const active = await store.service.activeCriteria();
  if (active === undefined) {
    throw new AppError('CONFIG_INVALID', {
      message:
        'no criteria are active, so there is nothing to re-evaluate against: run `leadsift serve --criteria <file>` or PUT /v1/criteria first',
    });
  }
  const criteria = parseCriteria(active.text, `criteria ${active.version}`);
  const model = run.useModel === false ? undefined : await store.models.activeModel();
  const scorer = model === undefined ? undefined : scorerFor(run, createModelRuntime(model.document));
  return reevaluateStoredLeads(
    {
      clock: run.clock,
      hygiene: store.hygiene,
      criteria,
      ...(scorer === undefined ? {} : { scorer }),
      webhooks: run.actions?.webhooks ?? [],
      requalify: {
        route: routeWithCriteria,
        actions: actionsFor(run.actions ?? { webhooks: [] }),
        accountOwners: (domains) => store.service.accountOwners(domains),
        leadOwners: (leadIds) => store.service.leadOwners(leadIds),
      },
      ...(run.signal === undefined ? {} : { signal: run.signal }),
      ...(run.onBatch === undefined ? {} : { onBatch: run.onBatch }),
    },
    { ...DEFAULT_REEVALUATE_OPTIONS, ...run.options },
  );
};

/** When the scheduled re-evaluation runs unless configured otherwise: daily at 03:00 UTC. */
export const DEFAULT_REEVALUATE_SCHEDULE: Schedule = Object.freeze({ cron: '0 3 * * *' });

/**
 * The scheduled re-evaluation: every decided lead decided again (intent decays, verdicts move
 * down as well as up) and silent ones flagged, with the run's counts as the occurrence's result.
 */
export const reevaluateTask = (
  settings: {
    readonly schedule?: Schedule;
    readonly options?: Partial<ReevaluateOptions>;
    readonly actions?: ResolvedActions;
    readonly useModel?: boolean;
  } = {},
): ScheduledTask => ({
  name: 'reevaluate-leads',
  schedule: settings.schedule ?? DEFAULT_REEVALUATE_SCHEDULE,
  run: async (ctx) => {
    const summary = await reevaluateStore(ctx.store, {
      clock: ctx.clock,
      signal: ctx.signal,
      ...(settings.options === undefined ? {} : { options: settings.options }),
      ...(settings.actions === undefined ? {} : { actions: settings.actions }),
      ...(settings.useModel === undefined ? {} : { useModel: settings.useModel }),
    });
    ctx.log(
      `re-evaluated ${summary.reevaluated} leads: ${summary.movedUp} up, ${summary.movedDown} down (${summary.routed} re-routed, ${summary.actions} actions queued), ${summary.rescored} re-scored; ${summary.stale} stale (${summary.raised} new)`,
    );
    return summary;
  },
});
