/** One record read by the quote-aware path, and where the next one starts. */
export interface QuotedRecord {
  readonly fields: string[];
  /** Offset just past the record's line end. */
  readonly next: number;
  /** Physical lines the record spans (more than 1 when a quoted field holds newlines). */
  readonly lines: number;
  /** True when a quote opened and never closed: `fields` then holds the raw starting line. */
  readonly unterminated: boolean;
}

const QUOTE = 34;
const CR = 13;

/** Index of the next delimiter or LF at or after `from`, or -1. */
const nextStop = (buf: string, from: number, delimiter: string): number => {
  const d = buf.indexOf(delimiter, from);
  const n = buf.indexOf('\n', from);
  if (d === -1) return n;
  return n === -1 || d < n ? d : n;
};

const countLines = (buf: string, from: number, to: number): number => {
  let lines = 1;
  for (let i = buf.indexOf('\n', from); i !== -1 && i < to; i = buf.indexOf('\n', i + 1)) lines++;
  return lines;
};

const unterminatedAt = (buf: string, start: number): QuotedRecord => {
  const nl = buf.indexOf('\n', start);
  const end = nl === -1 ? buf.length : nl;
  const raw = buf.slice(start, end > start && buf.charCodeAt(end - 1) === CR ? end - 1 : end);
  return { fields: [raw], next: nl === -1 ? buf.length : nl + 1, lines: 1, unterminated: true };
};

/**
 * Reads one RFC 4180 record starting at `start`: quoted fields may hold delimiters, CR, LF
 * and doubled quotes; a quote inside an unquoted field, or text after a closing quote, is kept
 * literally (lenient, like spreadsheet tools). Returns undefined when the buffer ends before
 * the record does and more text may come. With `final` (end of input) or `force` (the record
 * grew too long), an unclosed quote yields an `unterminated` record for the starting line only,
 * so that parsing resumes on the next line instead of swallowing the rest of the file.
 */
export const parseQuotedRecord = (
  buf: string,
  start: number,
  delimiter: string,
  final: boolean,
  force = false,
): QuotedRecord | undefined => {
  const len = buf.length;
  const fields: string[] = [];
  let p = start;
  for (;;) {
    let value = '';
    if (buf.charCodeAt(p) === QUOTE) {
      let s = p + 1;
      for (;;) {
        const q = buf.indexOf('"', s);
        if (q === -1) return final || force ? unterminatedAt(buf, start) : undefined;
        if (q + 1 === len && !final) return undefined; // a doubled quote may be split
        if (buf.charCodeAt(q + 1) === QUOTE) {
          value += buf.slice(s, q + 1);
          s = q + 2;
          continue;
        }
        value += buf.slice(s, q);
        p = q + 1;
        break;
      }
    }
    let stop = nextStop(buf, p, delimiter);
    if (stop === -1) {
      if (!final) return undefined;
      stop = len;
    }
    const atDelimiter = stop < len && buf.charCodeAt(stop) !== 10;
    const end = !atDelimiter && stop > p && buf.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
    if (end > p) value += buf.slice(p, end);
    fields.push(value);
    if (atDelimiter) {
      p = stop + delimiter.length;
      continue;
    }
    return { fields, next: stop + 1, lines: countLines(buf, start, stop), unterminated: false };
  }
};
