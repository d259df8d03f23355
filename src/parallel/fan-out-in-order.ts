import { AppError } from '../domain/app-error.js';

/** What a worker is sent: a batch to work on, or the end of the input. */
export type WorkRequest<T> =
  { readonly kind: 'batch'; readonly seq: number; readonly records: T } | { readonly kind: 'end' };

/** What a worker answers: a batch's result, its final share, or a failure. */
export type WorkReply<B, E> =
  | (B & { readonly kind: 'batch'; readonly seq: number })
  | (E & { readonly kind: 'end' })
  | { readonly kind: 'error'; readonly message: string; readonly code?: string };

/** A worker (a thread, or in-process in tests): the port the fan-out drives. */
export interface WorkerPort<T, B, E> {
  send(request: WorkRequest<T>): void;
  onReply(handler: (reply: WorkReply<B, E>) => void): void;
  terminate(): Promise<void>;
}

/** Batches in flight per worker: enough to keep each busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * Hand `batches` out to `pool` in turn, a few in flight per worker, and `apply` the results in
 * input order, whatever order they come back in; then collect every worker's final share and
 * `finish` with them. A worker's failure stops the run with its message. Workers are
 * terminated at the end, whatever happened.
 */
export const fanOutInOrder = async <T, B, E>(
  /** Names the workers in a failure: "an audit worker". */
  what: string,
  batches: AsyncIterable<T>,
  pool: readonly WorkerPort<T, B, E>[],
  apply: (result: B & { readonly kind: 'batch'; readonly seq: number }) => void,
  finish: (ends: readonly (E & { readonly kind: 'end' })[]) => void,
): Promise<void> => {
  const done = new Map<number, B & { readonly kind: 'batch'; readonly seq: number }>();
  const ends: (E & { readonly kind: 'end' })[] = [];
  let failure: AppError | undefined;
  let wake: (() => void) | undefined;
  let next = 0;
  let inFlight = 0;
  for (const worker of pool) {
    worker.onReply((reply) => {
      if (reply.kind === 'batch') {
        done.set(reply.seq, reply);
        inFlight--;
        for (let r = done.get(next); r !== undefined; r = done.get(next)) {
          done.delete(next++);
          apply(r);
        }
      } else if (reply.kind === 'end') ends.push(reply);
      else failure ??= new AppError('INTERNAL', { message: `${what} failed: ${reply.message}` });
      const resume = wake;
      wake = undefined;
      resume?.();
    });
  }
  const waitForReply = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const check = (): void => {
    if (failure !== undefined) throw failure;
  };
  try {
    let seq = 0;
    for await (const records of batches) {
      check();
      pool[seq % pool.length]!.send({ kind: 'batch', seq, records });
      seq++;
      inFlight++;
      while (inFlight >= pool.length * IN_FLIGHT_PER_WORKER && failure === undefined) await waitForReply();
    }
    while (inFlight > 0 && failure === undefined) await waitForReply();
    check();
    for (const worker of pool) worker.send({ kind: 'end' });
    while (ends.length < pool.length && failure === undefined) await waitForReply();
    check();
    finish(ends);
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
};
