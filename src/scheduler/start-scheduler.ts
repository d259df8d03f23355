import { nextOccurrence } from './next-occurrence.js';
import { planOccurrences, runDueOccurrences } from './run-occurrences.js';
import type { OccurrenceRun, SchedulerDeps } from './run-occurrences.js';
import type { TaskRegistry } from './task-registry.js';

export interface SchedulerOptions {
  /** This process's name in leases (unique per process). */
  readonly worker: string;
  /** Longest sleep between looks (default 30 s): it also bounds how late an occurrence another process planned starts. */
  readonly pollMs?: number;
  /** Lease on a running occurrence, renewed a third of the way through (default 60 s). */
  readonly leaseMs?: number;
  readonly log?: (line: string) => void;
  /** Told of a failed look at the store (the loop backs off and carries on). */
  readonly onError?: (error: unknown) => void;
}

/** A running scheduler: `tick` plans and runs what is due now; `stop` aborts the task in hand and waits. */
export interface RunningScheduler {
  tick(): Promise<OccurrenceRun[]>;
  stop(): Promise<void>;
}

/**
 * Run the registry's tasks in this process until stopped: each tick enqueues every task's next
 * occurrence (once across all processes), runs the occurrences that are due and not held by
 * another process, and sleeps until the next one is due (at most `pollMs`). On SQLite this is the
 * one process's loop; on PostgreSQL every `serve` and `worker` runs it and the queue's leases
 * hand each occurrence to exactly one of them.
 */
export const startScheduler = (
  deps: SchedulerDeps,
  registry: TaskRegistry,
  options: SchedulerOptions,
): RunningScheduler => {
  const pollMs = options.pollMs ?? 30_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const log = options.log ?? ((): void => undefined);
  const stopping = new AbortController();
  let wakeUp: (() => void) | undefined;
  let ticking: Promise<OccurrenceRun[]> | undefined;

  const tick = (): Promise<OccurrenceRun[]> =>
    (ticking ??= (async () => {
      const tasks = registry.list();
      await planOccurrences(deps, tasks);
      return runDueOccurrences(deps, tasks, {
        worker: options.worker,
        leaseMs,
        log,
        signal: stopping.signal,
      });
    })().finally(() => (ticking = undefined)));

  const untilNext = (): number => {
    const now = deps.clock.now();
    const next = Math.min(...registry.list().map((t) => nextOccurrence(t.schedule, now)));
    return Math.max(50, Math.min(pollMs, next - now));
  };

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let wait = pollMs;
      try {
        await tick();
        failures = 0;
        wait = untilNext();
      } catch (error) {
        options.onError?.(error);
        failures += 1;
        wait = Math.min(pollMs, 500 * 2 ** Math.min(failures, 6));
      }
      if (stopping.signal.aborted) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  const running = registry.list().length === 0 ? Promise.resolve() : loop();
  return {
    tick,
    stop: async () => {
      stopping.abort();
      wakeUp?.();
      await running;
      await ticking;
    },
  };
};
