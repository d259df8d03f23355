import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import type { Verdict } from '../domain/decision.js';
import { DEFAULT_REEVALUATE_OPTIONS, reevaluateStoredLeads } from '../hygiene/reevaluate-stored-leads.js';
import type { ReevaluateOptions, ReevaluationSummary } from '../hygiene/reevaluate-stored-leads.js';
import { actionsFor } from '../pipeline/deliver-jobs.js';
import type { ActionsFunction } from '../pipeline/qualify-jobs.js';
import { routeWithCriteria } from '../pipeline/route-decision.js';
import { openJobFor } from '../channels/converse/run-converse-job.js';
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
  /**
   * The verdicts on which the agent writes first (a conversations file's `openOn`): a verdict
   * moved onto one queues the agent's first message in the batch's transaction, as the pipeline
   * does after a decision. None when absent (no conversations file).
   */
  readonly openConversationsOn?: readonly Verdict[];
  readonly signal?: AbortSignal;
  readonly onBatch?: (summary: ReevaluationSummary) => void;
}

/**
 * The actions of a moved decision and, when its verdict is one the agent writes first on, the
 * same `converse` open job the pipeline queues (its conversation id comes from the decision, and
 * the agent does not write first again within 30 days of a conversation: see `runConverseJob`).
 */
export const withAgentOpening =
  (actions: ActionsFunction, openOn: readonly Verdict[] | undefined): ActionsFunction =>
  (routed) => {
    const jobs = actions(routed);
    const open = openOn === undefined ? undefined : openJobFor(openOn, routed.lead, routed.decision);
    return open === undefined ? jobs : [...jobs, open];
  };

/**
 * Re-evaluate a store's decided leads with its active criteria and (unless told not to) its
 * active model — what `leadsift reevaluate` and the scheduled task both run. A moved verdict is
 * routed with the criteria's routing rules and its actions queued (a running worker delivers
 * them), with the agent's first message when the verdict is in `openConversationsOn`. Fails
 * with CONFIG_INVALID when no criteria are active.
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
        actions: withAgentOpening(actionsFor(run.actions ?? { webhooks: [] }), run.openConversationsOn),
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
    /** A conversations file's `openOn`, when the process runs conversations (see `StoreReevaluation`). */
    readonly openConversationsOn?: readonly Verdict[];
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
      ...(settings.openConversationsOn === undefined
        ? {}
        : { openConversationsOn: settings.openConversationsOn }),
    });
    ctx.log(
      `re-evaluated ${summary.reevaluated} leads: ${summary.movedUp} up, ${summary.movedDown} down (${summary.routed} re-routed, ${summary.actions} actions queued), ${summary.rescored} re-scored; ${summary.stale} stale (${summary.raised} new)`,
    );
    return summary;
  },
});
