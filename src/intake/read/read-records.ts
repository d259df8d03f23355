import { extname } from 'node:path';
import { AppError } from '../../domain/app-error.js';
import { readCsv } from './read-csv.js';
import type { ReadCsvOptions } from './read-csv.js';
import { readJson } from './read-json.js';
import { readJsonl } from './read-jsonl.js';
import type { RecordSource, SourceFormat } from './source-record.js';

const FORMATS: Readonly<Record<string, SourceFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
};

/** Options for `readRecords`: force a format, and CSV options (delimiter, chunk size, name). */
export interface ReadRecordsOptions extends ReadCsvOptions {
  readonly format?: SourceFormat;
}

/** The format a file name implies, or undefined for an extension leadsift does not read. */
export const formatOf = (path: string): SourceFormat | undefined => FORMATS[extname(path).toLowerCase()];

/**
 * Opens a lead file by its extension (`.csv`, `.tsv`, `.txt` → CSV with a detected delimiter;
 * `.jsonl`, `.ndjson` → JSON Lines; `.json` → JSON) and returns its header and record batches,
 * the same shape for every format: `{ line, fields, error? }` with `fields` aligned with the
 * header. Throws `FILE_NOT_FOUND`, `FILE_UNREADABLE`, or `INPUT_INVALID` for an unknown extension.
 */
export const readRecords = async (path: string, options: ReadRecordsOptions = {}): Promise<RecordSource> => {
  const format = options.format ?? formatOf(path);
  if (format === 'csv') return readCsv(path, options);
  if (format === 'jsonl') return readJsonl(path, options);
  if (format === 'json') return readJson(path, options);
  throw new AppError('INPUT_INVALID', {
    message: `${path}: unknown file type "${extname(path)}"; use .csv, .tsv, .txt, .json, .jsonl or .ndjson, or pass the format`,
    details: { file: path },
  });
};
