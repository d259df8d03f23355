import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../domain/app-error.js';
import { createAuditBatchHandler } from '../intake/audit/audit-batches.js';
import type { AuditReply, AuditRequest, AuditWorkInit } from '../intake/audit/audit-work.js';

// Entry point of an audit worker thread: messages in, replies out; the work is in
// `createAuditBatchHandler`. Started by `adapters/workers/start-audit-worker.ts`.
const port = parentPort;
if (port === null) throw new Error('audit-worker.js runs as a worker thread');
const handle = createAuditBatchHandler(workerData as AuditWorkInit);
port.on('message', (request: AuditRequest) => {
  let reply: AuditReply;
  try {
    reply = handle(request);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    reply = isAppError(error) ? { kind: 'error', message, code: error.code } : { kind: 'error', message };
  }
  // The hashes were made here, in a plain ArrayBuffer: hand it over instead of copying it.
  port.postMessage(reply, reply.kind === 'batch' ? [reply.hashes.buffer as ArrayBuffer] : []);
});
