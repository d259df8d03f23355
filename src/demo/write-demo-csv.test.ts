import fc from 'fast-check';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LEAD_HEADERS } from './demo-data.js';
import { generateDemoData } from './generate-demo-data.js';
import { csvRecord } from './write-csv-file.js';
import { writeDemoCsv, writeLeadsCsv } from './write-demo-csv.js';

/** A deliberately simple RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const after = text[i + 1];
    if (quoted && ch === '"' && after === '"') {
      field += '"';
      i++;
    } else if (quoted && ch === '"') {
      quoted = false;
    } else if (quoted) {
      field += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && after === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
};

const now = '2026-06-01T00:00:00.000Z';
const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'leadsift-demo-'));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('csvRecord', () => {
  it('reads back as the same fields for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (fields) => {
        expect(readCsv(csvRecord(fields))).toEqual([fields]);
      }),
    );
  });
});

describe('writeDemoCsv', () => {
  it('writes the four files into a directory it creates', async () => {
    const dir = join(await tempDir(), 'nested', 'demo');
    const { files } = await writeDemoCsv(generateDemoData({ seed: 1, leads: 50, now }), dir);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
      'leads.csv',
      'companies.csv',
      'events.csv',
      'outcomes.csv',
    ]);
  });

  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const texts = async (seed: number) => {
      const { files } = await writeDemoCsv(generateDemoData({ seed, leads: 400, now }), await tempDir());
      return Promise.all(files.map((file) => readFile(file)));
    };
    const [first, again, other] = await Promise.all([texts(3), texts(3), texts(4)]);
    expect(again).toEqual(first);
    expect(other[0]).not.toEqual(first[0]);
  });

  it('writes rows that read back as the generated ones, for any seed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer(), async (seed) => {
        const data = generateDemoData({ seed, leads: 80, now });
        const { files } = await writeDemoCsv(data, await tempDir());
        const [leads, companies, events, outcomes] = await Promise.all(
          files.map(async (file) => readCsv(await readFile(file, 'utf8'))),
        );
        expect(leads?.[0]).toEqual([...DEMO_LEAD_HEADERS]);
        expect(leads?.slice(1)).toEqual(data.leads.map((row) => DEMO_LEAD_HEADERS.map((h) => row[h])));
        expect(companies?.slice(1).map((r) => r[1])).toEqual(data.companies.map((c) => c.domain));
        expect(events?.slice(1).map((r) => JSON.parse(r[3] ?? ''))).toEqual(
          data.events.map((e) => e.properties),
        );
        expect(outcomes?.slice(1).map((r) => r[0])).toEqual(data.outcomes.map((o) => o.leadRef));
        for (const table of [leads, companies, events, outcomes]) {
          expect(new Set(table?.map((r) => r.length)).size).toBe(1);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('writeLeadsCsv', () => {
  it('streams the same bytes as leads.csv from the in-memory set', async () => {
    const dir = await tempDir();
    const { files } = await writeDemoCsv(generateDemoData({ seed: 11, leads: 1500, now }), dir);
    const streamed = join(dir, 'streamed.csv');
    expect(await writeLeadsCsv(streamed, { seed: 11, leads: 1500, now })).toEqual({ rows: 1500 });
    expect(await readFile(streamed)).toEqual(await readFile(files[0] ?? ''));
  });

  it('fails with the write error when the directory does not exist', async () => {
    const missing = join(await tempDir(), 'no-such-dir', 'leads.csv');
    await expect(writeLeadsCsv(missing, { seed: 1, leads: 5, now })).rejects.toThrow(/ENOENT/);
  });
});
