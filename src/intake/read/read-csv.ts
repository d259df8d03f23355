import { createCsvParser, parseCsvChunk } from './csv-parser.js';
import type { CsvParser } from './csv-parser.js';
import { detectDelimiter } from './detect-delimiter.js';
import type { Delimiter } from './detect-delimiter.js';
import { AppError } from '../../domain/app-error.js';
import { readTextChunks, sourceName } from './read-text-chunks.js';
import type { TextChunkOptions, TextSource } from './read-text-chunks.js';
import type { RecordSource, SourceRecord } from './source-record.js';

/** Options for `readCsv`. */
export interface ReadCsvOptions extends TextChunkOptions {
  /** Skip detection and use this delimiter. */
  readonly delimiter?: Delimiter;
  /** Longest record, in characters, before an open quote is reported as unterminated. */
  readonly maxRecordChars?: number;
}

/** A CSV source: a `RecordSource` that also says which delimiter it used. */
export interface CsvSource extends RecordSource {
  readonly format: 'csv';
  readonly delimiter: Delimiter;
}

// Enough text to see the header and a few rows for delimiter detection.
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_NEWLINES = 20;

const countNewlines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && n < SAMPLE_NEWLINES; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/**
 * Opens a delimited text file (or stream) and reads its header: resolves once the header is
 * known, before the rest is read. Records then stream through `batches`, one array per chunk,
 * each `{ line, fields }` aligned with `header`, or with `error` when it could not be read as
 * the header says (wrong column count, unterminated quote). Every non-blank record is yielded
 * exactly once; blank lines are skipped but counted. An empty file has an empty header.
 * Lines end with LF or CRLF (a file with CR-only line ends is refused as `FILE_UNREADABLE`).
 * Memory stays bounded by the chunk size plus the longest record.
 */
export const readCsv = async (source: TextSource, options: ReadCsvOptions = {}): Promise<CsvSource> => {
  const chunks = readTextChunks(source, options);
  let sample = '';
  let done = false;
  while (sample.length < SAMPLE_CHARS && countNewlines(sample) < SAMPLE_NEWLINES) {
    const next = await chunks.next();
    if (next.done === true) {
      done = true;
      break;
    }
    sample += next.value;
  }
  if (!sample.includes('\n') && /\r[^\r]/.test(sample)) {
    // Classic Mac line ends: read as LF-only text this would be one enormous record.
    throw new AppError('FILE_UNREADABLE', {
      message: `${sourceName(source, options)}: lines end with CR only (classic Mac); re-save the file with LF or CRLF line ends`,
      details: { file: sourceName(source, options) },
    });
  }
  const delimiter = options.delimiter ?? detectDelimiter(sample);
  const parser = createCsvParser(delimiter, options.maxRecordChars);
  const first: SourceRecord[] = [];
  parseCsvChunk(parser, sample, done, first);
  while (parser.header === undefined && !done) {
    const next = await chunks.next();
    done = next.done === true;
    parseCsvChunk(parser, next.done === true ? '' : next.value, done, first);
  }
  return {
    format: 'csv',
    delimiter,
    header: parser.header ?? [],
    headerLine: parser.headerLine,
    batches: closeable(readBatches(parser, chunks, first, done), chunks),
  };
};

/**
 * Batches whose `return()` also closes the file when iteration never started (a generator's
 * own `return()` would then skip its `finally`), so `break` or an unread source leaks nothing.
 */
const closeable = (
  batches: AsyncGenerator<SourceRecord[]>,
  chunks: AsyncGenerator<string>,
): AsyncIterable<SourceRecord[]> => ({
  [Symbol.asyncIterator]: () => ({
    next: () => batches.next(),
    return: async () => {
      await batches.return(undefined);
      await chunks.return(undefined);
      return { done: true, value: undefined };
    },
  }),
});

async function* readBatches(
  parser: CsvParser,
  chunks: AsyncGenerator<string>,
  first: SourceRecord[],
  done: boolean,
): AsyncGenerator<SourceRecord[]> {
  try {
    if (first.length > 0) yield first;
    if (done) return;
    for await (const text of chunks) {
      const batch: SourceRecord[] = [];
      parseCsvChunk(parser, text, false, batch);
      if (batch.length > 0) yield batch;
    }
    const last: SourceRecord[] = [];
    parseCsvChunk(parser, '', true, last);
    if (last.length > 0) yield last;
  } finally {
    await chunks.return(undefined);
  }
}
