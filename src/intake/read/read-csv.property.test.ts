import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DELIMITERS } from './detect-delimiter.js';
import type { Delimiter } from './detect-delimiter.js';
import { readCsv } from './read-csv.js';
import { chunkedStream } from '../../test-support/chunked-stream.js';

/** An RFC 4180 writer: quotes when needed (or always), doubling quotes. */
const writeCsv = (rows: string[][], delimiter: Delimiter, eol: string, alwaysQuote: boolean): string =>
  rows
    .map((row) =>
      row
        .map((value) =>
          alwaysQuote ||
          /["\r\n]/.test(value) ||
          value.includes(delimiter) ||
          (row.length === 1 && value === '')
            ? `"${value.replaceAll('"', '""')}"`
            : value,
        )
        .join(delimiter),
    )
    .map((line) => line + eol)
    .join('');

const cell = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', ',', ';', '\t', '|', '\r', '\n', ' ', 'a', 'Z', '0'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 12,
});

const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
  fc.record({
    width: fc.constant(width),
    rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
  }),
);

describe('readCsv round trip', () => {
  it('reads back exactly what an RFC 4180 writer wrote, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        async ({ width, rows }, delimiter, eol, alwaysQuote, sizes) => {
          const header = Array.from({ length: width }, (_, i) => `col${i}`);
          const bytes = Buffer.from(writeCsv([header, ...rows], delimiter, eol, alwaysQuote), 'utf8');
          const source = await readCsv(chunkedStream(bytes, sizes), { delimiter });
          const read: string[][] = [];
          for await (const batch of source.batches) {
            for (const record of batch) {
              expect(record.error).toBeUndefined();
              read.push(record.fields);
            }
          }
          expect(source.header).toEqual(header);
          expect(read).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
