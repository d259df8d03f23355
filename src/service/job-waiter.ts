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
 * (`settle`), which answers at once with no database read; a worker in another process is seen
 * by polling the job row every `pollMs`.
 */
export interface JobWaiter<T> {
  wait(jobId: string, timeoutMs: number): Promise<WaitResult<T>>;
  /** Jobs this process finished, with what a waiter should get. */
  settle(done: ReadonlyArray<{ readonly jobId: string; readonly value: T }>): void;
}

export const createJobWaiter = <T, Tx extends JobTransaction>(
  queue: JobQueue<Tx>,
  options: { readonly pollMs: number },
): JobWaiter<T> => {
  const waiting = new Map<string, (value: T) => void>();
  const look = async (jobId: string): Promise<WaitResult<T> | undefined> => {
    const job = await queue.get(jobId);
    if (job?.status === 'done') return { state: 'done', job };
    if (job?.status === 'dead') return { state: 'dead', job };
    return undefined;
  };
  return {
    settle: (done) => {
      for (const { jobId, value } of done) {
        const resolve = waiting.get(jobId);
        if (resolve === undefined) continue;
        waiting.delete(jobId);
        resolve(value);
      }
    },
    wait: async (jobId, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      // Registered before the first look, so that a job settling meanwhile is not missed.
      let settled: T | undefined;
      let isSettled = false;
      let wake: () => void = () => undefined;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      waiting.set(jobId, (value) => {
        settled = value;
        isSettled = true;
        wake();
      });
      try {
        let first = true;
        for (;;) {
          if (isSettled) return { state: 'done', value: settled as T };
          // The first look is delayed one poll: a local worker usually settles it before then.
          const seen = first ? undefined : await look(jobId);
          first = false;
          if (seen !== undefined) return seen;
          if (isSettled) return { state: 'done', value: settled as T };
          const left = deadline - Date.now();
          if (left <= 0) return (await look(jobId)) ?? { state: 'pending' };
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([
            woken,
            new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.min(left, options.pollMs)))),
          ]);
          clearTimeout(timer);
        }
      } finally {
        if (!isSettled) waiting.delete(jobId);
      }
    },
  };
};
