import type { LeadFile } from '../intake/read-leads.js';
import { fanOutInOrder } from '../parallel/fan-out-in-order.js';
import type { QualifyBatchResult, QualifyWorkInit, StartQualifyWorker } from './qualify-work.js';

/**
 * Qualify an opened lead file with `workers` threads: this thread reads and parses, the workers
 * map, normalize, decide and format; `onBatch` receives each batch's output text and counts in
 * file order, so the output is the one a single thread would write.
 */
export const qualifyInParallel = async (
  file: LeadFile,
  init: Omit<QualifyWorkInit, 'header' | 'context' | 'mapping'>,
  start: StartQualifyWorker,
  workers: number,
  onBatch: (result: QualifyBatchResult) => void,
): Promise<void> => {
  const shared: QualifyWorkInit = {
    ...init,
    header: file.source.header,
    context: file.context,
    ...(file.userMapping === undefined ? {} : { mapping: file.userMapping }),
  };
  const pool = Array.from({ length: workers }, () => start(shared));
  await fanOutInOrder('a qualify worker', file.records.batches, pool, onBatch, () => undefined);
};
