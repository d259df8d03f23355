import { Worker } from 'node:worker_threads';
import type { AuditReply, AuditWorker, AuditWorkInit } from '../../intake/audit/audit-work.js';

// From the built package the worker is JavaScript; when leadsift runs from its TypeScript
// sources (the test suite), the worker loads them through tsx.
const fromSources = import.meta.url.endsWith('.ts');
const entry = new URL(`../../worker/audit-worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);

/**
 * Start an audit worker thread. A thread that dies (rather than replying with an error) is
 * reported as an error reply, so the audit fails with a message instead of waiting forever.
 */
export const startAuditWorker = (init: AuditWorkInit): AuditWorker => {
  // Node 20 does not apply `--import tsx` to a worker's entry, so from sources the worker first
  // registers tsx, then imports the entry.
  const worker = fromSources
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`,
        { eval: true, workerData: init },
      )
    : new Worker(entry, { workerData: init });
  let handler: ((reply: AuditReply) => void) | undefined;
  let ended = false;
  worker.on('message', (reply: AuditReply) => handler?.(reply));
  worker.on('error', (error) => handler?.({ kind: 'error', message: error.message }));
  worker.on('exit', (code) => {
    if (!ended && code !== 0)
      handler?.({ kind: 'error', message: `the worker thread exited with code ${code}` });
  });
  return {
    send: (request) => worker.postMessage(request),
    onReply: (next) => {
      handler = next;
    },
    terminate: async () => {
      ended = true;
      await worker.terminate();
    },
  };
};
