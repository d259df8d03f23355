import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { isAppError } from '../../domain/app-error.js';
import { readRecords } from './read-records.js';
import type { SourceRecord } from './source-record.js';

const dir = mkdtempSync(join(tmpdir(), 'leadsift-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fileWith = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const readFile = async (path: string) => {
  const source = await readRecords(path);
  const records: SourceRecord[] = [];
  for await (const batch of source.batches) records.push(...batch);
  return { header: source.header, format: source.format, records };
};

describe('readRecords', () => {
  it('reads JSON Lines, flattening nested objects into dotted columns', async () => {
    const path = fileWith(
      'leads.jsonl',
      '{"email":"a@b.co","company":{"name":"Acme","size":200}}\n\n{"email":"c@d.co","tags":["x","y"],"vip":true}\r\n',
    );
    const { header, format, records } = await readFile(path);
    expect(format).toBe('jsonl');
    expect(header).toEqual(['email', 'company.name', 'company.size', 'tags', 'vip']);
    expect(records).toEqual([
      { line: 1, fields: ['a@b.co', 'Acme', '200', '', ''] },
      { line: 3, fields: ['c@d.co', '', '', 'x; y', 'true'] },
    ]);
  });

  it('turns a bad JSON line into an error record with its line number and goes on', async () => {
    const path = fileWith('bad.ndjson', '{"email":"a@b.co"}\n{"email": oops}\n[1,2]\n{"email":"c@d.co"}\n');
    const { records } = await readFile(path);
    expect(records.map((r) => [r.line, r.error?.replace(/:.*/, ':')])).toEqual([
      [1, undefined],
      [2, 'not valid JSON:'],
      [3, 'expected a JSON object, found an array'],
      [4, undefined],
    ]);
    expect(records[1]?.fields).toEqual(['{"email": oops}']);
    expect(records[1]?.error).toMatch(/^not valid JSON: .+/);
  });

  it('reads a JSON array, giving each record the line where its object starts', async () => {
    const path = fileWith(
      'leads.json',
      '[\n  {"email": "a@b.co",\n   "title": "CTO"},\n  {"email": "c@d.co"}, 42\n]\n',
    );
    const { format, header, records } = await readFile(path);
    expect(format).toBe('json');
    expect(header).toEqual(['email', 'title']);
    expect(records).toEqual([
      { line: 2, fields: ['a@b.co', 'CTO'] },
      { line: 4, fields: ['c@d.co', ''] },
      { line: 4, fields: ['42'], error: 'expected a JSON object, found 42' },
    ]);
  });

  it('reads records under a top-level "leads" key', async () => {
    const path = fileWith(
      'wrapped.json',
      '{"meta": [{"x": 1}],\n "leads": [\n{"email": "a@b.co"},\n{"email": "[}\\"{"}]}',
    );
    const { records } = await readFile(path);
    expect(records).toEqual([
      { line: 3, fields: ['a@b.co'] },
      { line: 4, fields: ['[}"{'] },
    ]);
  });

  it('reads .tsv files as delimited text', async () => {
    const { format, records } = await readFile(fileWith('leads.tsv', 'email\ttitle\na@b.co\tCEO\n'));
    expect(format).toBe('csv');
    expect(records).toEqual([{ line: 2, fields: ['a@b.co', 'CEO'] }]);
  });

  it('names a missing file, and refuses binary files and unknown extensions', async () => {
    await expect(readRecords(join(dir, 'leads.csv'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
      message: expect.stringMatching(/leads\.csv: no such file/),
    });
    const binary = fileWith('photo.csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]));
    await expect(readRecords(binary)).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    await expect(readRecords(join(dir, 'leads.xlsx'))).rejects.toSatisfy((e) =>
      isAppError(e, 'INPUT_INVALID'),
    );
    await expect(readRecords(fileWith('notjson.json', '{"leads": 3}'))).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
    });
  });
});
