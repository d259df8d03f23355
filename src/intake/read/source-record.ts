/**
 * One record as a reader found it, before header mapping. `fields` is aligned with the
 * source's header (CSV columns, or the flattened JSON keys), so that applying a header mapping
 * is an indexed loop and CSV rows need no per-row object.
 */
export interface SourceRecord {
  /** 1-based physical line in the file where the record starts (JSON: see `readJson`). */
  readonly line: number;
  readonly fields: string[];
  /** Set when the record could not be read as the header says (column count, bad JSON, …). */
  readonly error?: string;
}

/** The formats `readRecords` understands. */
export type SourceFormat = 'csv' | 'jsonl' | 'json';

/**
 * A readable source of records: its header, then its records in batches (one batch per chunk
 * read, so that async iteration costs little per row). Iterate `batches` once.
 */
export interface RecordSource {
  readonly format: SourceFormat;
  /** Column names; every record's `fields` is aligned with it. */
  readonly header: readonly string[];
  /** 1-based line of the header (0 for JSON formats and for an empty file). */
  readonly headerLine: number;
  readonly batches: AsyncIterable<SourceRecord[]>;
}
