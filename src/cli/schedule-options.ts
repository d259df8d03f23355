import { InvalidArgumentError, type Command } from 'commander';
import { isAppError } from '../domain/app-error.js';
import { checkSchedule } from '../scheduler/next-occurrence.js';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Clock } from '../domain/clock.js';
import { learningTasks } from '../learning/learning-tasks.js';
import { reevaluateTask } from '../scheduler/reevaluate-task.js';
import { startScheduler, type RunningScheduler } from '../scheduler/start-scheduler.js';
import { createTaskRegistry } from '../scheduler/task-registry.js';
import type { ScheduledTask } from '../scheduler/scheduled-task.js';
import { wholeNumber } from './whole-number.js';

/** The scheduling options a command was given. */
export interface ScheduleOptions {
  /** False with `--no-schedule`. */
  readonly schedule: boolean;
  readonly reevaluate: string;
  readonly silentDays: number;
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

/** Adds `--reevaluate <cron>`, `--silent-days <n>` and `--no-schedule` to `serve` and `worker`. */
export const addScheduleOptions = (command: Command): Command =>
  command
    .option(
      '--reevaluate <cron>',
      'when every decided lead is re-evaluated and silent ones flagged (five-field cron, UTC)',
      cronOption,
      '0 3 * * *',
    )
    .option(
      '--silent-days <n>',
      'silence after which a qualified lead is flagged for re-engagement or removal',
      wholeNumber('silent-days'),
      60,
    )
    .option('--no-schedule', 'run no scheduled tasks in this process (re-evaluation, learning)');

/**
 * Start this process's scheduler with the built-in tasks (and `extra` ones, such as the learning
 * loop's), unless `--no-schedule`. Every process sharing a database may run one: each occurrence
 * runs once among them.
 */
export const startScheduleFor = (
  deps: { readonly store: StoreHandle; readonly clock: Clock },
  options: ScheduleOptions & { readonly model: boolean },
  settings: {
    readonly worker: string;
    readonly actions?: ResolvedActions;
    readonly extra?: readonly ScheduledTask[];
    readonly log: (line: string) => void;
  },
): RunningScheduler | undefined => {
  if (!options.schedule) return undefined;
  const registry = createTaskRegistry([
    reevaluateTask({
      schedule: { cron: options.reevaluate },
      options: { silentDays: Math.max(1, options.silentDays) },
      useModel: options.model,
      ...(settings.actions === undefined ? {} : { actions: settings.actions }),
    }),
    // The learning loop: weekly retraining, the daily drift check and its alert webhooks.
    ...learningTasks(settings.actions === undefined ? {} : { webhooks: settings.actions.webhooks }),
    ...(settings.extra ?? []),
  ]);
  return startScheduler(deps, registry, {
    worker: settings.worker,
    log: settings.log,
    onError: (error) => settings.log(`scheduler: ${error instanceof Error ? error.message : String(error)}`),
  });
};
