import type { StoreHandle } from '../adapters/storage/open-store.js';
import { isoNow } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Job } from '../jobs/job-queue.js';
import { nextOccurrence } from './next-occurrence.js';
import type { ScheduledTask } from './scheduled-task.js';

/** What scheduling needs: the store (its queue and occurrence keys) and the clock. */
export interface SchedulerDeps {
  readonly store: StoreHandle;
  readonly clock: Clock;
}

export interface RunOptions {
  /** This process's name in leases. */
  readonly worker: string;
  /** How long a run holds its occurrence between renewals; another worker takes it after that. */
  readonly leaseMs: number;
  readonly log: (line: string) => void;
  /** Aborted when the process stops: the running task is told to return early. */
  readonly signal?: AbortSignal;
}

/** One occurrence run here: the task, its due time, and how it ended. */
export interface OccurrenceRun {
  readonly task: string;
  readonly due: string;
  readonly jobId: string;
  readonly outcome: 'done' | 'failed' | 'lost';
  readonly result?: unknown;
  readonly error?: string;
}

/** The job kind of a task's occurrences: a worker claims only the kinds of the tasks it has. */
export const occurrenceKind = (task: string): string => `schedule:${task}`;

/** Attempts an occurrence gets before it is left dead (the next occurrence is planned regardless). */
const MAX_ATTEMPTS = 5;

/**
 * Enqueue each task's next occurrence after the clock's time, unless some scheduler already did:
 * an occurrence is a job row due at its time, keyed by task and time, so however many processes
 * plan, one job exists per occurrence — and it waits in the queue across restarts. Returns the
 * occurrences this call enqueued.
 */
export const planOccurrences = async (
  deps: SchedulerDeps,
  tasks: readonly ScheduledTask[],
): Promise<{ readonly task: string; readonly due: string; readonly jobId: string }[]> => {
  const now = deps.clock.now();
  const planned = [];
  for (const task of tasks) {
    const due = new Date(nextOccurrence(task.schedule, now)).toISOString();
    const jobId = await deps.store.occurrences.enqueueOccurrence(task.name, due, {
      kind: occurrenceKind(task.name),
      payload: { task: task.name, due },
      maxAttempts: MAX_ATTEMPTS,
    });
    if (jobId !== undefined) planned.push({ task: task.name, due, jobId });
  }
  return planned;
};

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A failed run is tried again after 1, 2, 4 … minutes, at most an hour. */
const retryAt = (deps: SchedulerDeps, job: Job): string =>
  new Date(deps.clock.now() + Math.min(60_000 * 2 ** (job.attempts - 1), 3_600_000)).toISOString();

/**
 * Run one claimed occurrence: renew its lease while the task runs (a lost lease aborts the run
 * — another worker has it), then complete the job with the task's summary as its result, or
 * record the failure to be retried.
 */
const runOne = async (
  deps: SchedulerDeps,
  task: ScheduledTask,
  job: Job,
  options: RunOptions,
): Promise<OccurrenceRun> => {
  const due = (job.payload as { due?: string } | null)?.due ?? job.runAt;
  const base = { task: task.name, due, jobId: job.id };
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('the process is stopping'));
  options.signal?.addEventListener('abort', stop);
  const renewal = setInterval(
    () =>
      void deps.store.jobs.renew(options.worker, [job.id], options.leaseMs).then(
        (held) => {
          if (held.length === 0) controller.abort(new Error('the lease went to another worker'));
        },
        () => undefined, // a failed renewal is tried again; the lease itself says who holds the job
      ),
    Math.max(options.leaseMs / 3, 10),
  );
  try {
    const ctx = { store: deps.store, clock: deps.clock, due, signal: controller.signal, log: options.log };
    const result = (await task.run(ctx, isoNow(deps.clock))) ?? null;
    if (controller.signal.aborted) throw controller.signal.reason;
    const done = await deps.store.jobs.finish(options.worker, [job.id], () =>
      Promise.resolve(new Map([[job.id, result]])),
    );
    return done.length === 0 ? { ...base, outcome: 'lost' } : { ...base, outcome: 'done', result };
  } catch (error) {
    await deps.store.jobs.fail(options.worker, [
      { id: job.id, error: message(error), retryAt: retryAt(deps, job) },
    ]);
    options.log(`scheduled task ${task.name} (${due}) failed: ${message(error)}`);
    return { ...base, outcome: 'failed', error: message(error) };
  } finally {
    clearInterval(renewal);
    options.signal?.removeEventListener('abort', stop);
  }
};

/**
 * Claim and run, one at a time, every occurrence of these tasks that is due and that no other
 * worker holds (the queue's lease: on PostgreSQL `FOR UPDATE SKIP LOCKED`), until none is left.
 */
export const runDueOccurrences = async (
  deps: SchedulerDeps,
  tasks: readonly ScheduledTask[],
  options: RunOptions,
): Promise<OccurrenceRun[]> => {
  const byKind = new Map(tasks.map((t) => [occurrenceKind(t.name), t]));
  const runs: OccurrenceRun[] = [];
  while (byKind.size > 0 && options.signal?.aborted !== true) {
    const [job] = await deps.store.jobs.claim({
      worker: options.worker,
      kinds: [...byKind.keys()],
      limit: 1,
      leaseMs: options.leaseMs,
    });
    if (job === undefined) break;
    runs.push(await runOne(deps, byKind.get(job.kind)!, job, options));
  }
  return runs;
};
