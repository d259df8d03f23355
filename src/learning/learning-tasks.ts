import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import { AppError } from '../domain/app-error.js';
import type { ScheduledTask, Schedule } from '../scheduler/scheduled-task.js';
import { checkDrift, type DriftOptions } from './check-drift.js';
import { deliverAlerts } from './deliver-alerts.js';
import { drawAuditSample } from './draw-audit-sample.js';
import { runLearningCycle, type LearningOptions } from './run-learning-cycle.js';

/** When the learning tasks run unless configured otherwise (UTC). */
export const LEARNING_SCHEDULES = Object.freeze({
  /** Mondays at 04:00: a week of new outcomes per cycle. */
  retrain: Object.freeze({ cron: '0 4 * * 1' }) as Schedule,
  /** Daily at 04:30, after the nightly re-evaluation. */
  drift: Object.freeze({ cron: '30 4 * * *' }) as Schedule,
  /** Every five minutes: alert webhooks waiting for their next attempt. */
  deliver: Object.freeze({ every: 300_000 }) as Schedule,
  /** Every fifteen minutes: not-qualified decisions drawn into the false-negative audit sample. */
  audit: Object.freeze({ every: 900_000 }) as Schedule,
});

/**
 * The scheduled learning loop: one `runLearningCycle` per occurrence, logged as by `schedule`.
 * Too few outcomes to learn from is a result (`skipped` with the reason), not a failure to retry.
 */
export const retrainTask = (
  settings: { readonly schedule?: Schedule; readonly options?: LearningOptions } = {},
): ScheduledTask => ({
  name: 'retrain-model',
  schedule: settings.schedule ?? LEARNING_SCHEDULES.retrain,
  run: async (ctx, now) => {
    const deps = {
      leads: ctx.store.leads,
      models: ctx.store.models,
      learning: ctx.store.learning,
      clock: ctx.clock,
    };
    try {
      const { document: _document, ...result } = await runLearningCycle(deps, Date.parse(now), {
        by: 'schedule',
        ...settings.options,
      });
      ctx.log(`retrain: ${result.action} ${result.candidate.version}: ${result.reason}`);
      return result;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'INPUT_INVALID') throw error;
      ctx.log(`retrain: skipped: ${error.message}`);
      return { skipped: error.message };
    }
  },
});

/** The scheduled drift check: alerts raised and their `alert.raised` webhooks sent. */
export const driftCheckTask = (
  settings: {
    readonly schedule?: Schedule;
    readonly options?: DriftOptions;
    readonly webhooks?: readonly ResolvedWebhook[];
  } = {},
): ScheduledTask => ({
  name: 'check-drift',
  schedule: settings.schedule ?? LEARNING_SCHEDULES.drift,
  run: async (ctx, now) => {
    const webhooks = settings.webhooks ?? [];
    const report = await checkDrift(
      { learning: ctx.store.learning, models: ctx.store.models, webhooks },
      Date.parse(now),
      settings.options,
    );
    const sent = await deliverAlerts({ learning: ctx.store.learning, webhooks }, Date.parse(now));
    for (const alert of report.raised) ctx.log(`drift: ${alert.text}`);
    return { raised: report.raised.map((a) => a.text), found: report.found.length, deliveries: sent };
  },
});

/** Retries of alert webhooks between drift checks. */
export const deliverAlertsTask = (
  settings: { readonly schedule?: Schedule; readonly webhooks?: readonly ResolvedWebhook[] } = {},
): ScheduledTask => ({
  name: 'deliver-alerts',
  schedule: settings.schedule ?? LEARNING_SCHEDULES.deliver,
  run: (ctx, now) =>
    deliverAlerts({ learning: ctx.store.learning, webhooks: settings.webhooks ?? [] }, Date.parse(now)),
});

/**
 * Draws the decisions made since the last draw into the false-negative audit sample, so that a
 * person sees them soon after they are decided (reading the sample draws too).
 */
export const drawAuditTask = (settings: { readonly schedule?: Schedule } = {}): ScheduledTask => ({
  name: 'draw-audit-sample',
  schedule: settings.schedule ?? LEARNING_SCHEDULES.audit,
  run: async (ctx, now) => {
    const draw = await drawAuditSample({ learning: ctx.store.learning }, Date.parse(now));
    if (draw.drawn > 0)
      ctx.log(`audit: ${draw.drawn} of ${draw.read} not-qualified decisions drawn for follow-up`);
    return draw;
  },
});

/** Every learning task, for a process's task registry. */
export const learningTasks = (
  settings: { readonly webhooks?: readonly ResolvedWebhook[] } = {},
): ScheduledTask[] => [retrainTask(), driftCheckTask(settings), deliverAlertsTask(settings), drawAuditTask()];
