import type { WorkerPort } from '../parallel/fan-out-in-order.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { IntakeContext } from '../intake/intake-record.js';
import type { ColumnMapping } from '../intake/map/column-mapping.js';
import type { SourceRecord } from '../intake/read/source-record.js';
import type { EventIndex } from './load-events.js';
import type { SummaryState } from './summarize-decisions.js';
import type { ModelDocument } from './model/model-document.js';

/** What a qualify worker needs to decide records as the main thread would. */
export interface QualifyWorkInit {
  readonly header: readonly string[];
  readonly mapping?: ColumnMapping;
  readonly context: IntakeContext;
  readonly criteria: LoadedCriteria;
  readonly events?: EventIndex;
  /** A conversion model (plain data, so it crosses to a thread) scoring beside the rules. */
  readonly model?: ModelDocument;
  /** "Now" for intent decay, fixed for the whole run. */
  readonly nowMs: number;
  readonly format: 'csv' | 'jsonl';
}

/** A batch's result: its output text, its rejected rows as text, and its summary counts. */
export interface QualifyBatchResult {
  readonly text: string;
  readonly rejectsText: string;
  readonly summary: SummaryState;
}

/** A worker qualifying batches. */
export type QualifyWorker = WorkerPort<readonly SourceRecord[], QualifyBatchResult, object>;

/** Starts one qualify worker (a thread in production, in-process in tests). */
export type StartQualifyWorker = (init: QualifyWorkInit) => QualifyWorker;
