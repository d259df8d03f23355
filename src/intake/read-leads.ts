import type { LeadDraft } from '../domain/lead.js';
import type { FieldWarning, IntakeContext, IntakeRecord, Rejection } from './intake-record.js';
import type { ColumnMapping } from './map/column-mapping.js';
import { mapHeader, type HeaderMapping } from './map/map-header.js';
import { createRecordIntake } from './intake-records.js';
import { readRecords } from './read/read-records.js';
import type { RecordSource } from './read/source-record.js';
import type { ColumnTargets } from './audit/collect-audit.js';

/** A record that became a lead draft, with what intake could not normalize in it. */
export interface AcceptedRecord {
  readonly line: number;
  readonly draft: LeadDraft;
  readonly record: IntakeRecord;
  readonly warnings: readonly FieldWarning[];
}

/** What intake made of one batch of records: every record is in exactly one of the two lists. */
export interface IntakeBatch {
  readonly accepted: AcceptedRecord[];
  readonly rejected: Rejection[];
}

/** An opened lead file: its format, how its header was mapped, and its records as intake batches. */
export interface LeadFile {
  readonly source: Omit<RecordSource, 'batches'>;
  readonly mapping: HeaderMapping;
  /** The columns an audit reports on, in header order. */
  readonly targets: ColumnTargets;
  /** Where the records come from and when they were received, for their provenance. */
  readonly context: IntakeContext;
  readonly batches: AsyncIterable<IntakeBatch>;
  /** The same records before mapping, for callers that map and normalize elsewhere (worker threads). Iterate only one of the two. */
  readonly records: RecordSource;
  /** The user's column mapping the header was mapped with, if any (for workers to map the same way). */
  readonly userMapping?: ColumnMapping;
}

/** Options for reading a lead file. */
export interface ReadLeadsOptions {
  readonly mapping?: ColumnMapping;
  readonly defaultCountry?: string;
  /** When leadsift received the file (from the injected clock). */
  readonly receivedAt: string;
  /** The name recorded in provenance; defaults to the path. */
  readonly origin?: string;
}

const targetsOf = (mapping: HeaderMapping): ColumnTargets =>
  mapping.columns.flatMap((c): { column: string; field: string }[] => {
    if (c.target.kind === 'field')
      return [{ column: mapping.rawNames[c.column] ?? c.name, field: c.target.field }];
    if (c.target.kind === 'custom') return [{ column: c.target.name, field: 'custom' }];
    return [];
  });

async function* intakeBatches(
  source: RecordSource,
  mapping: HeaderMapping,
  context: IntakeContext,
): AsyncIterable<IntakeBatch> {
  const intake = createRecordIntake(mapping, context);
  for await (const records of source.batches) yield intake(records);
}

/**
 * Open a lead file (CSV, TSV, JSON or JSONL), map its header and stream its records through
 * validation and normalization. Nothing is dropped: every record read comes out either
 * accepted (a draft, with warnings) or rejected (line, field, problem, raw record).
 */
export const readLeads = async (path: string, options: ReadLeadsOptions): Promise<LeadFile> => {
  const source = await readRecords(path);
  const mapping = mapHeader(source.header, options.mapping);
  const context: IntakeContext = {
    origin: options.origin ?? path,
    receivedAt: options.receivedAt,
    ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
  };
  return {
    source: { format: source.format, header: source.header, headerLine: source.headerLine },
    mapping,
    targets: targetsOf(mapping),
    context,
    batches: intakeBatches(source, mapping, context),
    records: source,
    ...(options.mapping === undefined ? {} : { userMapping: options.mapping }),
  };
};
