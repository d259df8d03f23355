import { workerData } from 'node:worker_threads';
import { createAuditBatchHandler } from '../intake/audit/audit-batches.js';
import type { AuditWorkInit } from '../intake/audit/audit-work.js';
import { serveRequests } from './serve-requests.js';

// Entry point of an audit worker thread; the work is in `createAuditBatchHandler`.
serveRequests(createAuditBatchHandler(workerData as AuditWorkInit), (reply) =>
  // The hashes were made here, in a plain ArrayBuffer: hand it over instead of copying it.
  reply.kind === 'batch' ? [reply.hashes.buffer as ArrayBuffer] : [],
);
