import { InvalidArgumentError, type Command } from 'commander';
import { isAppError } from '../domain/app-error.js';
import { checkSchedule } from '../scheduler/next-occurrence.js';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { ChannelSetup } from '../channels/converse/channel-runtime.js';
import type { Clock } from '../domain/clock.js';
import type { Verdict } from '../domain/decision.js';
import { loadHygieneConfig, type HygieneConfig } from '../hygiene/hygiene-config.js';
import { DEFAULT_REEVALUATE_OPTIONS, type ReevaluateOptions } from '../hygiene/reevaluate-stored-leads.js';
import type { DriftOptions } from '../learning/check-drift.js';
import { driftThresholds } from '../learning/drift-thresholds.js';
import { DEFAULT_MARGIN } from '../learning/judge-candidate.js';
import {
  deliverAlertsTask,
  drawAuditTask,
  driftCheckTask,
  LEARNING_SCHEDULES,
  retrainTask,
} from '../learning/learning-tasks.js';
import type { LearningOptions } from '../learning/run-learning-cycle.js';
import { DEFAULT_REEVALUATE_SCHEDULE, reevaluateTask } from '../scheduler/reevaluate-task.js';
import { startScheduler, type RunningScheduler } from '../scheduler/start-scheduler.js';
import { createTaskRegistry } from '../scheduler/task-registry.js';
import type { Schedule, ScheduledTask } from '../scheduler/scheduled-task.js';
import { wholeNumber } from './whole-number.js';

/** The scheduling options a command was given (absent: not given, so the hygiene file or the default decides). */
export interface ScheduleOptions {
  /** False with `--no-schedule`. */
  readonly schedule: boolean;
  readonly hygiene?: string;
  readonly reevaluate?: string;
  readonly silentDays?: number;
  readonly minScoreChange?: number;
}

/** What the scheduled tasks run with: the options over the hygiene file over the defaults. */
export interface ScheduleSettings {
  readonly schedule: boolean;
  readonly reevaluate: { readonly schedule: Schedule; readonly options: ReevaluateOptions };
  readonly retrain: { readonly schedule: Schedule; readonly options: LearningOptions };
  readonly drift: { readonly schedule: Schedule; readonly options: DriftOptions };
}

/** A cron option checked when the command line is read, so that a bad one stops the start. */
const cronOption = (value: string): string => {
  try {
    checkSchedule({ cron: value }, 'reevaluate-leads');
    return value;
  } catch (error) {
    if (isAppError(error)) throw new InvalidArgumentError(error.message);
    throw error;
  }
};

/**
 * Adds `--hygiene <file>`, `--reevaluate <cron>`, `--silent-days <n>`, `--min-score-change <n>`
 * and `--no-schedule` to `serve` and `worker`. The options carry no commander defaults, so that
 * one given explicitly can be told from one left to the hygiene file.
 */
export const addScheduleOptions = (command: Command): Command =>
  command
    .option(
      '--hygiene <file>',
      'settings of the scheduled tasks: re-evaluation, retraining, drift (see examples/hygiene.yaml)',
    )
    .option(
      '--reevaluate <cron>',
      "when every decided lead is re-evaluated and silent ones flagged (five-field cron, UTC; default '0 3 * * *')",
      cronOption,
    )
    .option(
      '--silent-days <n>',
      'silence after which a qualified lead is flagged for re-engagement or removal (default 60)',
      wholeNumber('silent-days'),
    )
    .option(
      '--min-score-change <n>',
      're-evaluation stores a new decision when the score moves this much on the same verdict (default 5)',
      wholeNumber('min-score-change'),
    )
    .option('--no-schedule', 'run no scheduled tasks in this process (re-evaluation, learning)');

/**
 * The scheduled tasks' settings: each command-line option given wins over the hygiene file,
 * which wins over the defaults (re-evaluation daily at 03:00 UTC, 60 silent days; retraining on
 * Mondays at 04:00 with a 0.01 AUC margin; the drift check daily at 04:30 with the thresholds of
 * `DEFAULT_DRIFT_THRESHOLDS`).
 */
export const resolveScheduleSettings = (
  options: ScheduleOptions,
  file: HygieneConfig | undefined,
): ScheduleSettings => {
  const r = file?.reevaluate;
  const t = file?.retrain;
  const d = file?.drift;
  const cron = (given: string | undefined, fallback: Schedule): Schedule =>
    given === undefined ? fallback : { cron: given };
  return {
    schedule: options.schedule,
    reevaluate: {
      schedule: cron(options.reevaluate ?? r?.schedule, DEFAULT_REEVALUATE_SCHEDULE),
      options: {
        silentDays: Math.max(1, options.silentDays ?? r?.silentDays ?? DEFAULT_REEVALUATE_OPTIONS.silentDays),
        minScoreChange:
          options.minScoreChange ?? r?.minScoreChange ?? DEFAULT_REEVALUATE_OPTIONS.minScoreChange,
        batch: r?.batch ?? DEFAULT_REEVALUATE_OPTIONS.batch,
      },
    },
    retrain: {
      schedule: cron(t?.schedule, LEARNING_SCHEDULES.retrain),
      options: {
        margin: {
          auc: t?.minAucGain ?? DEFAULT_MARGIN.auc,
          logloss: t?.maxLoglossLoss ?? DEFAULT_MARGIN.logloss,
        },
        ...(t?.holdoutDays === undefined ? {} : { holdoutDays: t.holdoutDays }),
        ...(t?.minHoldout === undefined ? {} : { minHoldout: t.minHoldout }),
      },
    },
    drift: {
      schedule: cron(d?.schedule, LEARNING_SCHEDULES.drift),
      options: {
        ...(d?.recentDays === undefined ? {} : { recentDays: d.recentDays }),
        ...(d?.baselineDays === undefined ? {} : { baselineDays: d.baselineDays }),
        ...(d?.repeatDays === undefined ? {} : { repeatDays: d.repeatDays }),
        ...(d?.sample === undefined ? {} : { sample: d.sample }),
        ...(d?.thresholds === undefined ? {} : { thresholds: driftThresholds(d.thresholds) }),
      },
    },
  };
};

/**
 * Read `--hygiene` (when given) and resolve the settings; a bad file fails here with CONFIG_INVALID
 * naming its lines, before the command starts anything.
 */
export const readScheduleSettings = async (options: ScheduleOptions): Promise<ScheduleSettings> =>
  resolveScheduleSettings(
    options,
    options.hygiene === undefined ? undefined : await loadHygieneConfig(options.hygiene),
  );

/**
 * The built-in scheduled tasks with these settings: re-evaluation and the learning loop. With
 * `openConversationsOn` (the process runs conversations), a lead whose verdict re-evaluation moves
 * onto one of those verdicts gets the agent's first message, as after the pipeline's decisions.
 */
export const scheduledTasks = (
  settings: ScheduleSettings,
  run: {
    readonly model: boolean;
    readonly actions?: ResolvedActions;
    readonly openConversationsOn?: readonly Verdict[];
  },
): ScheduledTask[] => {
  const webhooks = run.actions === undefined ? {} : { webhooks: run.actions.webhooks };
  return [
    reevaluateTask({
      ...settings.reevaluate,
      useModel: run.model,
      ...(run.actions === undefined ? {} : { actions: run.actions }),
      ...(run.openConversationsOn === undefined ? {} : { openConversationsOn: run.openConversationsOn }),
    }),
    // The learning loop: retraining, the drift check and its alert webhooks, the audit sample's draw.
    retrainTask(settings.retrain),
    driftCheckTask({ ...settings.drift, ...webhooks }),
    deliverAlertsTask(webhooks),
    drawAuditTask(),
  ];
};

/**
 * Start this process's scheduler with the built-in tasks (and `extra` ones, such as campaigns'),
 * unless `--no-schedule`. Every process sharing a database may run one: each occurrence runs
 * once among them.
 */
export const startScheduleFor = (
  deps: { readonly store: StoreHandle; readonly clock: Clock },
  options: ScheduleSettings & { readonly model: boolean },
  settings: {
    readonly worker: string;
    readonly actions?: ResolvedActions;
    /** The conversations file the process runs (its worker takes `converse` jobs). */
    readonly conversations?: ChannelSetup;
    readonly extra?: readonly ScheduledTask[];
    readonly log: (line: string) => void;
  },
): RunningScheduler | undefined => {
  if (!options.schedule) return undefined;
  const registry = createTaskRegistry([
    ...scheduledTasks(options, {
      model: options.model,
      ...(settings.actions === undefined ? {} : { actions: settings.actions }),
      ...(settings.conversations === undefined
        ? {}
        : { openConversationsOn: settings.conversations.config.openOn }),
    }),
    ...(settings.extra ?? []),
  ]);
  return startScheduler(deps, registry, {
    worker: settings.worker,
    log: settings.log,
    onError: (error) => settings.log(`scheduler: ${error instanceof Error ? error.message : String(error)}`),
  });
};
