import type { AuditWorker, AuditWorkInit } from '../../intake/audit/audit-work.js';
import { startWorkerThread } from './start-worker-thread.js';

/** Start an audit worker thread (`src/worker/audit-worker.ts`). */
export const startAuditWorker = (init: AuditWorkInit): AuditWorker => startWorkerThread('audit-worker', init);
