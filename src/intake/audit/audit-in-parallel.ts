import { AppError } from '../../domain/app-error.js';
import type { RecordSource } from '../read/source-record.js';
import type { AuditReply, AuditWorkInit, StartAuditWorker } from './audit-work.js';
import type { AuditCollector } from './collect-audit.js';
import { HASHES_PER_RECORD } from './duplicate-keys.js';

/** Batches in flight per worker: enough to keep each busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 3;

type BatchReply = Extract<AuditReply, { kind: 'batch' }>;

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
  const done = new Map<number, BatchReply>();
  const tallies: Extract<AuditReply, { kind: 'end' }>[] = [];
  let failure: AppError | undefined;
  let wake: (() => void) | undefined;
  let nextToApply = 0;
  let inFlight = 0;
  const settle = (): void => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const apply = (): void => {
    for (let reply = done.get(nextToApply); reply !== undefined; reply = done.get(nextToApply)) {
      done.delete(nextToApply++);
      for (const rejection of reply.rejections) collector.reject(rejection);
      for (let i = 0; i < reply.accepted; i++) collector.countDuplicate(reply.hashes, i * HASHES_PER_RECORD);
    }
  };
  for (const worker of pool) {
    worker.onReply((reply) => {
      if (reply.kind === 'batch') {
        done.set(reply.seq, reply);
        inFlight--;
        apply();
      } else if (reply.kind === 'end') tallies.push(reply);
      else failure ??= new AppError('INTERNAL', { message: `an audit worker failed: ${reply.message}` });
      settle();
    });
  }
  const waitForReply = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const check = (): void => {
    if (failure !== undefined) throw failure;
  };
  try {
    let seq = 0;
    for await (const records of source.batches) {
      check();
      pool[seq % workers]!.send({ kind: 'batch', seq, records });
      seq++;
      inFlight++;
      while (inFlight >= workers * IN_FLIGHT_PER_WORKER && failure === undefined) await waitForReply();
    }
    while (inFlight > 0 && failure === undefined) await waitForReply();
    check();
    for (const worker of pool) worker.send({ kind: 'end' });
    while (tallies.length < workers && failure === undefined) await waitForReply();
    check();
    for (const { tally } of tallies) collector.mergeTallies(tally);
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
};
