import { Worker } from 'node:worker_threads';
import type { WorkerPort, WorkReply, WorkRequest } from '../../parallel/fan-out-in-order.js';

// From the built package the worker is JavaScript; when leadsift runs from its TypeScript
// sources (the test suite), the worker loads them through tsx.
const fromSources = import.meta.url.endsWith('.ts');

/**
 * Start the worker thread `src/worker/<name>` with `init` as its data. Node 20 does not apply
 * `--import tsx` to a worker's entry, so from sources the worker first registers tsx, then
 * imports the entry. A thread that dies (rather than replying with an error) is reported as an
 * error reply, so the run fails with a message instead of waiting forever.
 */
export const startWorkerThread = <T, B, E>(name: string, init: unknown): WorkerPort<T, B, E> => {
  const entry = new URL(`../../worker/${name}.${fromSources ? 'ts' : 'js'}`, import.meta.url);
  const worker = fromSources
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData: init },
      )
    : new Worker(entry, { workerData: init });
  let handler: ((reply: WorkReply<B, E>) => void) | undefined;
  let ended = false;
  worker.on('message', (reply: WorkReply<B, E>) => handler?.(reply));
  worker.on('error', (error) => handler?.({ kind: 'error', message: error.message }));
  worker.on('exit', (code) => {
    if (!ended && code !== 0)
      handler?.({ kind: 'error', message: `the worker thread exited with code ${code}` });
  });
  return {
    send: (request: WorkRequest<T>) => worker.postMessage(request),
    onReply: (next) => {
      handler = next;
    },
    terminate: async () => {
      ended = true;
      await worker.terminate();
    },
  };
};
