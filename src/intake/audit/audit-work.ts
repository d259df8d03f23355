import type { IntakeContext, Rejection } from '../intake-record.js';
import type { ColumnMapping } from '../map/column-mapping.js';
import type { SourceRecord } from '../read/source-record.js';
import type { AcceptedTally } from './collect-audit.js';
import type { WorkReply, WorkRequest, WorkerPort } from '../../parallel/fan-out-in-order.js';

/** What an audit worker needs to map and normalize records as the main thread would. */
export interface AuditWorkInit {
  readonly file: string;
  readonly header: readonly string[];
  readonly mapping?: ColumnMapping;
  readonly context: IntakeContext;
}

/** Main thread → worker: a batch of records to audit, or the end of the file. */
export type AuditRequest = WorkRequest<readonly SourceRecord[]>;

/** A batch's result: the identity hashes of its accepted records (in order) and its rejections. */
export interface AuditBatchResult {
  readonly accepted: number;
  readonly hashes: Uint32Array;
  readonly rejections: readonly Rejection[];
}

/** Worker → main thread: per batch its result; at the end, the worker's tallies. */
export type AuditReply = WorkReply<AuditBatchResult, { readonly tally: AcceptedTally }>;

/** A worker thread auditing batches: the port the orchestrator drives. */
export type AuditWorker = WorkerPort<
  readonly SourceRecord[],
  AuditBatchResult,
  { readonly tally: AcceptedTally }
>;

/** Starts one audit worker (a thread in production, in-process in tests). */
export type StartAuditWorker = (init: AuditWorkInit) => AuditWorker;
