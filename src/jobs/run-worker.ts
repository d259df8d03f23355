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

/**
 * A running worker: `wake` after enqueueing to skip the sleep — only the loops of `kinds` when
 * given, else every loop; `stop` finishes what is in flight.
 */
export interface RunningWorker {
  wake(kinds?: readonly string[]): void;
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
  /** Sleeping loops, each with the kinds it runs. */
  const sleepers = new Map<() => void, readonly string[]>();
  const wake = (kinds?: readonly string[]): void => {
    for (const [resolve, mine] of [...sleepers])
      if (kinds === undefined || mine.some((k) => kinds.includes(k))) resolve();
  };
  const sleep = (ms: number, kinds: readonly string[]): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      sleepers.set(done, kinds);
    });

  const loop = async (handler: JobHandler): Promise<void> => {
    const inFlight = new Set<Promise<void>>();
    const limit = handler.concurrency ?? 1;
    let failures = 0;
    // The last claim took every due job: the next one waits to be woken (or the poll) instead of
    // claiming again as each job in flight finishes — a claim per delivery was a transaction each.
    let drained = false;
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
        // A batch loop that emptied the queue lets the event loop take in what has arrived (the
        // requests already read) before claiming again, so that batches hold more than one job.
        if (drained && handler.concurrency === undefined)
          await new Promise((resolve) => setImmediate(resolve));
        if (drained && inFlight.size > 0) {
          await sleep(options.pollMs, handler.kinds);
          drained = false;
          continue;
        }
        const jobs = await queue.claim({
          worker: options.worker,
          kinds: handler.kinds,
          limit: room,
          leaseMs: handler.leaseMs,
        });
        failures = 0;
        drained = jobs.length < room;
        if (jobs.length === 0) {
          if (inFlight.size > 0) continue;
          const due = await queue.nextDue(handler.kinds);
          const untilDue = due === undefined ? options.pollMs : Date.parse(due) - Date.now();
          await sleep(Math.min(options.pollMs, Math.max(untilDue, 5)), handler.kinds);
          continue;
        }
        if (handler.concurrency === undefined) {
          await handler.run(options.worker, jobs);
          // What it finished may have queued jobs for the other loops (a decision's webhooks).
          wake(otherKinds(handler));
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
        await sleep(Math.min(options.pollMs, 50 * 2 ** Math.min(failures, 6)), handler.kinds);
      }
    }
    await Promise.allSettled(inFlight);
  };

  const otherKinds = (handler: JobHandler): string[] =>
    handlers.filter((h) => h !== handler).flatMap((h) => h.kinds);
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
