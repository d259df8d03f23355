import { Readable } from 'node:stream';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { readCsv } from './read-csv.js';
import type { SourceRecord } from './source-record.js';
import { datasetPath } from '../../test-support/datasets.js';
import { chunkedStream } from '../../test-support/chunked-stream.js';

const readAll = async (text: string, sizes?: readonly number[]) => {
  const source = await readCsv(chunkedStream(text, sizes));
  const records: SourceRecord[] = [];
  for await (const batch of source.batches) records.push(...batch);
  return { ...source, records };
};

describe('readCsv', () => {
  it('reads the header and records with their line numbers', async () => {
    const { header, headerLine, records } = await readAll('a,b\n1,2\n3,4\n');
    expect(header).toEqual(['a', 'b']);
    expect(headerLine).toBe(1);
    expect(records).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('drops a UTF-8 byte-order mark', async () => {
    const { header } = await readAll('\uFEFFemail,name\nx@y.z,Zoë\n');
    expect(header).toEqual(['email', 'name']);
  });

  it.each([
    [',', 'comma'],
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', 'pipe'],
  ])('detects %j (%s) as the delimiter', async (delimiter) => {
    const row = (cells: string[]) => cells.join(delimiter) + '\n';
    const text =
      row(['name', 'amount', 'note']) + row(['"A, B; C"', '15', 'ok']) + row(['x', '1', '"a|b\tc"']);
    const { delimiter: found, records } = await readAll(text);
    expect(found).toBe(delimiter);
    expect(records.map((r) => r.fields)).toEqual([
      ['A, B; C', '15', 'ok'],
      ['x', '1', 'a|b\tc'],
    ]);
  });

  it('reads quoted delimiters, doubled quotes and CR, LF and CRLF inside quotes', async () => {
    const text = 'a,b\r\n"x,y","say ""hi"""\r\n"one\ntwo","three\r\nfour\rfive"\r\n';
    const { records } = await readAll(text);
    expect(records).toEqual([
      { line: 2, fields: ['x,y', 'say "hi"'] },
      { line: 3, fields: ['one\ntwo', 'three\r\nfour\rfive'] },
    ]);
  });

  it('counts lines correctly after a multi-line quoted field and blank lines', async () => {
    const { records } = await readAll('a,b\n"1\n\n2",x\n\n\r\n3,y\n');
    expect(records.map((r) => r.line)).toEqual([2, 7]);
  });

  it('keeps a stray quote inside an unquoted field literally', async () => {
    const { records } = await readAll('a,b\n5" screen,ok\n');
    expect(records).toEqual([{ line: 2, fields: ['5" screen', 'ok'] }]);
  });

  it('tolerates one empty trailing column, on the header and on rows', async () => {
    const { header, records } = await readAll('a,b,\n1,2,\n3,4\n');
    expect(header).toEqual(['a', 'b']);
    expect(records.map((r) => r.fields)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(records.every((r) => r.error === undefined)).toBe(true);
  });

  it('reports a row with the wrong column count instead of throwing', async () => {
    const { records } = await readAll('a,b,c\n1,2\n1,2,3,4\n1,2,3\n');
    expect(records.map((r) => [r.line, r.error])).toEqual([
      [2, 'expected 3 columns, found 2'],
      [3, 'expected 3 columns, found 4'],
      [4, undefined],
    ]);
  });

  it('reports an unterminated quote at the end of the file with the line it started on', async () => {
    const { records } = await readAll('a,b\n1,2\n"open,3\n4,5\n');
    expect(records[0]).toEqual({ line: 2, fields: ['1', '2'] });
    expect(records[1]).toMatchObject({ line: 3, error: 'unterminated quoted field starting on line 3' });
    // Parsing resumes on the next line, so no later row is lost.
    expect(records[2]).toEqual({ line: 4, fields: ['4', '5'] });
  });

  it('gives up on a quote still open after maxRecordChars and resumes on the next line', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i},row ${i}\n`).join('');
    const source = await readCsv(chunkedStream(`a,b\n1,"never closed\n${rows}`, [16]), {
      maxRecordChars: 200,
    });
    const records: SourceRecord[] = [];
    for await (const batch of source.batches) records.push(...batch);
    expect(records[0]).toEqual({
      line: 2,
      fields: ['1,"never closed'],
      error: 'unterminated quoted field starting on line 2',
    });
    expect(records.slice(1).map((r) => r.fields[1])).toEqual(
      Array.from({ length: 50 }, (_, i) => `row ${i}`),
    );
  });

  it('reads a file without a final newline, and an empty file', async () => {
    expect((await readAll('a,b\n1,2')).records).toEqual([{ line: 2, fields: ['1', '2'] }]);
    const empty = await readAll('');
    expect(empty.header).toEqual([]);
    expect(empty.records).toEqual([]);
  });

  it('reads the same records whatever the chunk sizes', async () => {
    const text = '\uFEFFa;b;c\r\n"x;\r\n""y""";€;z\r\n\r\n1;"";"3"\r\n"tail";é;"ö\n"';
    const whole = await readAll(text);
    for (const sizes of [[1], [2], [3], [1, 7, 2, 5], [4, 6]]) {
      const split = await readAll(text, sizes);
      expect(split.records).toEqual(whole.records);
      expect(split.header).toEqual(['a', 'b', 'c']);
    }
    expect(whole.records.map((r) => r.line)).toEqual([2, 5, 6]);
  });

  it('says which file is missing', async () => {
    const error = await readCsv('/nonexistent/leads.csv').catch((e: unknown) => e);
    expect(isAppError(error, 'FILE_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toMatch(/^\/nonexistent\/leads\.csv: no such file/);
  });

  it('refuses a file whose lines end with CR only instead of reading one giant record', async () => {
    const error = await readCsv(chunkedStream('a,b\r1,2\r3,4\r')).catch((e: unknown) => e);
    expect(isAppError(error, 'FILE_UNREADABLE')).toBe(true);
  });

  it('refuses binary data and text that is not UTF-8', async () => {
    const binary = await readCsv(Readable.from([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])])).catch(
      (e: unknown) => e,
    );
    expect(isAppError(binary, 'FILE_UNREADABLE')).toBe(true);
    const latin1 = await readCsv(Readable.from([Buffer.from('name\nM\xfcller\n', 'latin1')])).catch(
      (e: unknown) => e,
    );
    expect(isAppError(latin1, 'FILE_UNREADABLE')).toBe(true);
  });
});

const LEADS = datasetPath('x-education-lead-scoring/Leads.csv');

describe.skipIf(!existsSync(LEADS))(
  `readCsv on the X Education dataset (skipped: ${LEADS} is absent)`,
  () => {
    it('reads all 9,240 leads without an error', async () => {
      const source = await readCsv(LEADS);
      let count = 0;
      const errors: SourceRecord[] = [];
      for await (const batch of source.batches) {
        count += batch.length;
        errors.push(...batch.filter((r) => r.error !== undefined));
      }
      expect(source.header).toHaveLength(37);
      expect(source.header[0]).toBe('Prospect ID');
      expect(errors).toEqual([]);
      expect(count).toBe(9240);
    });
  },
);
