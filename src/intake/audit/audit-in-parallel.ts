import { fanOutInOrder } from '../../parallel/fan-out-in-order.js';
import type { RecordSource } from '../read/source-record.js';
import type { AuditWorkInit, StartAuditWorker } from './audit-work.js';
import type { AuditCollector } from './collect-audit.js';
import { HASHES_PER_RECORD } from './duplicate-keys.js';

/**
 * Audit a source with `workers` threads: this thread reads and parses the file and hands batches
 * out in turn; the workers map, validate and normalize them. Replies are applied in file order —
 * rejections, then duplicate counts from identity hashes — so the report is the one a single
 * thread would write. At most a few batches per worker are in flight, so memory stays bounded.
 */
export const auditInParallel = async (
  source: RecordSource,
  init: Omit<AuditWorkInit, 'header'>,
  collector: AuditCollector,
  start: StartAuditWorker,
  workers: number,
): Promise<void> => {
  const pool = Array.from({ length: workers }, () => start({ ...init, header: source.header }));
  await fanOutInOrder(
    'an audit worker',
    source.batches,
    pool,
    (reply) => {
      for (const rejection of reply.rejections) collector.reject(rejection);
      for (let i = 0; i < reply.accepted; i++) collector.countDuplicate(reply.hashes, i * HASHES_PER_RECORD);
    },
    (ends) => {
      for (const { tally } of ends) collector.mergeTallies(tally);
    },
  );
};
