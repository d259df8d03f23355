import type { Job, JobQueue, JobTransaction } from '../jobs/job-queue.js';

/**
 * How a waited-for job ended: done (with what this process's worker reported, or the stored job
 * when another process ran it), dead, or still going at the deadline.
 */
export type WaitResult<T> =
  | { readonly state: 'done'; readonly value: T }
  | { readonly state: 'done'; readonly job: Job }
  | { readonly state: 'dead'; readonly job: Job }
  | { readonly state: 'pending' };

/**
 * Waits for jobs to finish, for `?wait=true`. A worker in this process reports finished jobs
 * (`settle`), which answers at once with no database read; jobs that a worker in another process
 * finishes are seen by one query every `pollMs` for all the jobs waited on at least that long.
 */
export interface JobWaiter<T> {
  wait(jobId: string, timeoutMs: number): Promise<WaitResult<T>>;
  /** Jobs this process finished, with what a waiter should get. */
  settle(done: ReadonlyArray<{ readonly jobId: string; readonly value: T }>): void;
}

interface Waiting<T> {
  readonly since: number;
  readonly end: (result: WaitResult<T>) => void;
}

const ended = <T>(job: Job | undefined): WaitResult<T> | undefined =>
  job?.status === 'done'
    ? { state: 'done', job }
    : job?.status === 'dead'
      ? { state: 'dead', job }
      : undefined;

export const createJobWaiter = <T, Tx extends JobTransaction>(
  queue: JobQueue<Tx>,
  options: { readonly pollMs: number },
): JobWaiter<T> => {
  const waiting = new Map<string, Set<Waiting<T>>>();
  let polling = false;

  const end = (jobId: string, result: WaitResult<T>): void => {
    const waiters = waiting.get(jobId);
    if (waiters === undefined) return;
    waiting.delete(jobId);
    for (const w of waiters) w.end(result);
  };

  // One poll at a time, and none while nobody waits. A job is first looked at a poll after its
  // wait began: a local worker usually settles it before then. With 50 requests waiting, a look
  // per waiter every poll was a tenth of the server's time.
  const poll = async (): Promise<void> => {
    const due = Date.now() - options.pollMs;
    const ids = [...waiting]
      .filter(([, waiters]) => [...waiters].some((w) => w.since <= due))
      .map(([id]) => id);
    try {
      for (const job of ids.length === 0 ? [] : await queue.find(ids)) {
        const result = ended<T>(job);
        if (result !== undefined) end(job.id, result);
      }
    } catch {
      // The store is busy or down: the next poll looks again; each wait ends by its deadline.
    }
    schedule();
  };
  const schedule = (): void => {
    polling = waiting.size > 0;
    if (polling) setTimeout(() => void poll(), options.pollMs);
  };

  return {
    settle: (done) => {
      for (const { jobId, value } of done) end(jobId, { state: 'done', value });
    },
    wait: (jobId, timeoutMs) =>
      new Promise((resolve, reject) => {
        const waiter: Waiting<T> = {
          since: Date.now(),
          end: (result) => {
            clearTimeout(deadline);
            resolve(result);
          },
        };
        const deadline = setTimeout(() => {
          const waiters = waiting.get(jobId);
          waiters?.delete(waiter);
          if (waiters?.size === 0) waiting.delete(jobId);
          // A last look, so that a job finished elsewhere a moment ago is not reported pending.
          queue.get(jobId).then((job) => resolve(ended<T>(job) ?? { state: 'pending' }), reject);
        }, timeoutMs);
        const waiters = waiting.get(jobId) ?? new Set();
        waiters.add(waiter);
        waiting.set(jobId, waiters);
        if (!polling) schedule();
      }),
  };
};
