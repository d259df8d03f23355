import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

const NEEDS_QUOTES = /[",\r\n]/;
/** Text is flushed to the file in pieces of about this many characters. */
const CHUNK_CHARS = 256 * 1024;

/** One CSV field per RFC 4180: quoted, with inner quotes doubled, only when it must be. */
export const csvField = (value: string): string =>
  NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** One CSV record per RFC 4180, ending with CRLF. */
export const csvRecord = (values: readonly string[]): string => {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + csvField(values[i] ?? '');
  return line + '\r\n';
};

/**
 * Writes a UTF-8 CSV file from a header and records, streaming: only one chunk of text is held
 * at a time, and writing waits for the disk when the stream's buffer is full. Returns the
 * number of records written (without the header).
 */
export const writeCsvFile = async (
  path: string,
  header: readonly string[],
  records: Iterable<readonly string[]>,
): Promise<number> => {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined); // observed below; keeps an early error from going unhandled
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await Promise.race([once(out, 'drain'), failed]);
  };
  let chunk = csvRecord(header);
  let count = 0;
  for (const record of records) {
    chunk += csvRecord(record);
    count++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return count;
};
