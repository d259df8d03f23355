import type { QualifyWorker, QualifyWorkInit } from '../../scoring/qualify-work.js';
import { startWorkerThread } from './start-worker-thread.js';

/** Start a qualify worker thread (`src/worker/qualify-worker.ts`). */
export const startQualifyWorker = (init: QualifyWorkInit): QualifyWorker =>
  startWorkerThread('qualify-worker', init);
