import { AppError } from '../domain/app-error.js';
import { checkSchedule } from './next-occurrence.js';
import type { ScheduledTask } from './scheduled-task.js';

/**
 * The tasks a process schedules. `serve` and `worker` build one at start (see
 * `src/cli/commands/serve.ts`): the hygiene tasks, the learning tasks, and any a library user adds.
 */
export interface TaskRegistry {
  /** Add a task; fails with CONFIG_INVALID on a bad name or schedule, or a name taken. */
  register(task: ScheduledTask): void;
  list(): readonly ScheduledTask[];
  get(name: string): ScheduledTask | undefined;
}

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A registry holding `tasks` (each checked as `register` does). */
export const createTaskRegistry = (tasks: readonly ScheduledTask[] = []): TaskRegistry => {
  const byName = new Map<string, ScheduledTask>();
  const registry: TaskRegistry = {
    register: (task) => {
      if (!NAME.test(task.name)) {
        throw new AppError('CONFIG_INVALID', {
          message: `scheduled task name ${JSON.stringify(task.name)}: use lower-case words joined by hyphens, e.g. "reevaluate-leads"`,
          details: { task: task.name },
        });
      }
      if (byName.has(task.name)) {
        throw new AppError('CONFIG_INVALID', {
          message: `scheduled task "${task.name}" is registered twice; each name is one series of occurrences`,
          details: { task: task.name },
        });
      }
      checkSchedule(task.schedule, task.name);
      byName.set(task.name, task);
    },
    list: () => [...byName.values()],
    get: (name) => byName.get(name),
  };
  for (const task of tasks) registry.register(task);
  return registry;
};
