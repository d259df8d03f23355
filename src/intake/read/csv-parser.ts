import type { SourceRecord } from './source-record.js';
import { parseQuotedRecord } from './parse-quoted-record.js';

/**
 * The state of an incremental CSV parse: plain data, advanced by `parseCsvChunk`. Holds at most
 * one incomplete record between chunks, so memory stays bounded by `maxRecordChars`.
 */
export interface CsvParser {
  readonly delimiter: string;
  /** Longest record (in characters) before an open quote is reported as unterminated. */
  readonly maxRecordChars: number;
  /** The header once the first record was read; later records are checked against its width. */
  header: string[] | undefined;
  headerLine: number;
  /** Text of an incomplete record carried over to the next chunk. */
  rest: string;
  /** Physical line where `rest` starts. */
  line: number;
}

/** A parser for `delimiter`, before any text. */
export const createCsvParser = (delimiter: string, maxRecordChars = 1 << 20): CsvParser => ({
  delimiter,
  maxRecordChars,
  header: undefined,
  headerLine: 0,
  rest: '',
  line: 1,
});

/**
 * Parses `text` (the next chunk) and appends every complete record to `out`. With `final`,
 * the end of text ends the last record. The first record becomes `parser.header` (a trailing
 * empty name is dropped). Records then get an `error` when their width differs from the
 * header's, except for one extra, empty, trailing column, which is dropped.
 */
export const parseCsvChunk = (parser: CsvParser, text: string, final: boolean, out: SourceRecord[]): void => {
  const buf = parser.rest.length === 0 ? text : parser.rest + text;
  const { delimiter } = parser;
  const len = buf.length;
  let pos = 0;
  let line = parser.line;
  let quote = buf.indexOf('"');
  let next = buf.indexOf(delimiter);
  const width = parser.header === undefined ? 16 : parser.header.length;
  while (pos < len) {
    let nl = buf.indexOf('\n', pos);
    if (quote !== -1 && quote < pos) quote = buf.indexOf('"', pos);
    if (quote === -1 || (nl !== -1 && quote > nl)) {
      // Fast path: a record without quotes is one physical line. Fields are sliced straight
      // out of the chunk into a pre-sized array: measured faster than slice + split.
      if (nl === -1) {
        if (!final) break;
        nl = len;
      }
      const end = nl > pos && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end > pos) {
        const fields = new Array<string>(width);
        let k = 0;
        let from = pos;
        if (next !== -1 && next < pos) next = buf.indexOf(delimiter, pos);
        while (next !== -1 && next < end) {
          fields[k++] = buf.slice(from, next);
          from = next + 1;
          next = buf.indexOf(delimiter, from);
        }
        fields[k++] = buf.slice(from, end);
        if (k < width) fields.length = k;
        emit(parser, line, fields, undefined, out);
      }
      line++;
      pos = nl + 1;
      continue;
    }
    const parsed = parseQuotedRecord(buf, pos, delimiter, final, len - pos > parser.maxRecordChars);
    if (parsed === undefined) break;
    emit(
      parser,
      line,
      parsed.fields,
      parsed.unterminated ? `unterminated quoted field starting on line ${line}` : undefined,
      out,
    );
    line += parsed.lines;
    pos = parsed.next;
  }
  parser.rest = pos < len ? buf.slice(pos) : '';
  parser.line = line;
};

const emit = (
  parser: CsvParser,
  line: number,
  fields: string[],
  error: string | undefined,
  out: SourceRecord[],
): void => {
  const header = parser.header;
  if (header === undefined) {
    if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    parser.header = fields;
    parser.headerLine = line;
    return;
  }
  if (error !== undefined) {
    out.push({ line, fields, error });
    return;
  }
  const width = header.length;
  if (fields.length === width) out.push({ line, fields });
  else if (fields.length === width + 1 && fields[width] === '') {
    // Tolerated: exports that end every line with the delimiter.
    fields.pop();
    out.push({ line, fields });
  } else {
    out.push({ line, fields, error: `expected ${width} columns, found ${fields.length}` });
  }
};
