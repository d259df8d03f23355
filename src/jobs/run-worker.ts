import type { Job, JobQueue, JobTransaction } from './job-queue.js';

/**
 * How one kind of job is run. A batch handler takes up to `batch` jobs at a time and must finish
 * or fail each (a job it leaves leased comes back when the lease lapses); with `concurrency`,
 * jobs are handed over one at a time, up to that many in flight (for jobs that wait on the
 * network, such as webhook deliveries).
 */
export interface JobHandler {
  readonly kinds: readonly string[];
  readonly batch: number;
  readonly concurrency?: number;
  readonly leaseMs: number;
  run(worker: string, jobs: readonly Job[]): Promise<void>;
}

export interface WorkerOptions {
  /** This worker's name in leases (unique per process). */
  readonly worker: string;
  /** Longest sleep between looks at the queue when nothing wakes the worker. */
  readonly pollMs: number;
  /** Told of a handler's unexpected failure (the jobs stay leased and come back). */
  readonly onError?: (error: unknown, handler: JobHandler) => void;
}

/** A running worker: `wake` after enqueueing to skip the sleep; `stop` finishes what is in flight. */
export interface RunningWorker {
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Run handlers against the queue until stopped: each handler has its own loop that claims due
 * jobs, runs them, and sleeps (until woken, until the next job is due, or `pollMs`) when there
 * are none.
 */
export const startWorker = <Tx extends JobTransaction>(
  queue: JobQueue<Tx>,
  handlers: readonly JobHandler[],
  options: WorkerOptions,
): RunningWorker => {
  let stopped = false;
  const sleepers = new Set<() => void>();
  const wake = (): void => {
    for (const resolve of [...sleepers]) resolve();
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      sleepers.add(done);
    });

  const loop = async (handler: JobHandler): Promise<void> => {
    const inFlight = new Set<Promise<void>>();
    const limit = handler.concurrency ?? 1;
    let failures = 0;
    while (!stopped) {
      try {
        const room =
          handler.concurrency === undefined ? handler.batch : Math.min(handler.batch, limit - inFlight.size);
        // Jobs run one at a time claim once a quarter of their slots is free, not per freed
        // slot: a claim per finished webhook was a transaction per delivery.
        const enough = handler.concurrency === undefined ? 1 : Math.ceil(Math.min(handler.batch, limit) / 4);
        if (room <= 0 || (room < enough && inFlight.size > 0)) {
          await Promise.race(inFlight);
          continue;
        }
        const jobs = await queue.claim({
          worker: options.worker,
          kinds: handler.kinds,
          limit: room,
          leaseMs: handler.leaseMs,
        });
        failures = 0;
        if (jobs.length === 0) {
          if (inFlight.size > 0) {
            await Promise.race([...inFlight, sleep(options.pollMs)]);
            continue;
          }
          const due = await queue.nextDue(handler.kinds);
          const untilDue = due === undefined ? options.pollMs : Date.parse(due) - Date.now();
          await sleep(Math.min(options.pollMs, Math.max(untilDue, 5)));
          continue;
        }
        if (handler.concurrency === undefined) {
          await handler.run(options.worker, jobs);
          continue;
        }
        for (const job of jobs) {
          const running: Promise<void> = handler
            .run(options.worker, [job])
            .catch((error: unknown) => options.onError?.(error, handler))
            .finally(() => inFlight.delete(running));
          inFlight.add(running);
        }
      } catch (error) {
        options.onError?.(error, handler);
        failures += 1;
        // A store that is down: back off up to the poll interval instead of spinning.
        await sleep(Math.min(options.pollMs, 50 * 2 ** Math.min(failures, 6)));
      }
    }
    await Promise.allSettled(inFlight);
  };

  const loops = handlers.map((handler) => loop(handler));
  return {
    wake,
    stop: async () => {
      stopped = true;
      wake();
      await Promise.allSettled(loops);
    },
  };
};
