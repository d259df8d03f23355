import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Clock } from '../domain/clock.js';

/**
 * When a task runs. `every`: at fixed multiples of `ms` counted from the Unix epoch (so every
 * process and every restart agrees on the occurrences: `{ every: 3_600_000 }` is on the hour);
 * `cron`: a five-field cron expression read in UTC (`'0 3 * * *'` is 03:00 UTC daily; fields:
 * minute hour day-of-month month day-of-week, each `*`, a number, a range `a-b`, a list `a,b`,
 * or a step `*\/n` / `a-b/n`).
 */
export type Schedule = { readonly every: number } | { readonly cron: string };

/** What a task's run is given: the store, the clock, the occurrence it runs for, and when to stop. */
export interface TaskContext {
  readonly store: StoreHandle;
  readonly clock: Clock;
  /** The occurrence this run is for (ISO 8601 UTC); the run itself may start later. */
  readonly due: string;
  /**
   * Aborted when the process stops or this worker lost the occurrence to another (its lease
   * lapsed): a long task checks it between batches and returns early; the occurrence is then
   * run again from the start by whichever worker takes it.
   */
  readonly signal: AbortSignal;
  /** A line for the process's log. */
  log(line: string): void;
}

/**
 * A named recurring task. Each occurrence of `schedule` runs once across every `serve` and
 * `worker` process sharing the database (it is a job row keyed by name and time). `run` gets the
 * clock's time at start as `now` (ISO 8601) and returns a JSON summary, kept as the job's result
 * (`leadsift` lists it); a throw is retried later, like any job. Names are kebab-case and stable:
 * renaming a task starts a new series.
 */
export interface ScheduledTask {
  readonly name: string;
  readonly schedule: Schedule;
  run(ctx: TaskContext, now: string): Promise<unknown>;
}
