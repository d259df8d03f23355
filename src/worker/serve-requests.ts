import { parentPort } from 'node:worker_threads';
import { isAppError } from '../domain/app-error.js';
import type { WorkReply, WorkRequest } from '../parallel/fan-out-in-order.js';

/**
 * Answer the main thread's requests with `handle` until the thread is terminated; a failure is
 * answered as an error reply. Typed arrays in a reply are handed over, not copied.
 */
export const serveRequests = <T, B, E>(
  handle: (request: WorkRequest<T>) => WorkReply<B, E>,
  transfer: (reply: WorkReply<B, E>) => ArrayBuffer[] = () => [],
): void => {
  const port = parentPort;
  if (port === null) throw new Error('a worker entry runs as a worker thread');
  port.on('message', (request: WorkRequest<T>) => {
    let reply: WorkReply<B, E>;
    try {
      reply = handle(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply = isAppError(error) ? { kind: 'error', message, code: error.code } : { kind: 'error', message };
    }
    port.postMessage(reply, transfer(reply));
  });
};
