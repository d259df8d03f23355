import type { IntakeContext, Rejection } from '../intake-record.js';
import type { ColumnMapping } from '../map/column-mapping.js';
import type { SourceRecord } from '../read/source-record.js';
import type { AcceptedTally } from './collect-audit.js';

/** What an audit worker needs to map and normalize records as the main thread would. */
export interface AuditWorkInit {
  readonly file: string;
  readonly header: readonly string[];
  readonly mapping?: ColumnMapping;
  readonly context: IntakeContext;
}

/** Main thread → worker: a batch of records to audit, or the end of the file. */
export type AuditRequest =
  | { readonly kind: 'batch'; readonly seq: number; readonly records: readonly SourceRecord[] }
  | { readonly kind: 'end' };

/**
 * Worker → main thread: per batch, the identity hashes of its accepted records (in order) and
 * its rejections (in order, without the raw record); at the end, the worker's tallies.
 */
export type AuditReply =
  | {
      readonly kind: 'batch';
      readonly seq: number;
      readonly accepted: number;
      readonly hashes: Uint32Array;
      readonly rejections: readonly Rejection[];
    }
  | { readonly kind: 'end'; readonly tally: AcceptedTally }
  | { readonly kind: 'error'; readonly message: string; readonly code?: string };

/** A worker thread auditing batches: the port the orchestrator drives. */
export interface AuditWorker {
  send(request: AuditRequest): void;
  onReply(handler: (reply: AuditReply) => void): void;
  terminate(): Promise<void>;
}

/** Starts one audit worker (a thread in production, in-process in tests). */
export type StartAuditWorker = (init: AuditWorkInit) => AuditWorker;
