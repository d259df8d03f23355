import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import { readTrainingTable, type TrainingTable } from './training-table.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-training-table-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fileWith = async (name: string, text: string): Promise<string> => {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
};

/** The error a promise rejects with (the test fails if it resolves). */
const rejectionOf = async (promise: Promise<unknown>): Promise<Error> => {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
};

const expectRowsAddUp = (table: TrainingTable): void => {
  expect(table.rowsRead).toBe(table.labels.length + table.rejected.length);
  expect(table.lines.length).toBe(table.labels.length);
  for (const column of table.columns) expect(column.length).toBe(table.labels.length);
};

describe('readTrainingTable', () => {
  it('reads a comma-separated file into columns without the label column', async () => {
    const path = await fileWith(
      'comma.csv',
      'Company,Employees,Converted,Source\nAcme,"1,200",yes,Web\nBeta,40,no,Event\nGamma,7,Yes,Web\n',
    );
    const table = await readTrainingTable(path, { column: 'Converted' });
    expect(table.header).toEqual(['Company', 'Employees', 'Source']);
    expect(table.columns).toEqual([
      ['Acme', 'Beta', 'Gamma'],
      ['1,200', '40', '7'],
      ['Web', 'Event', 'Web'],
    ]);
    expect([...table.labels]).toEqual([1, 0, 1]);
    expect([...table.lines]).toEqual([2, 3, 4]);
    expect(table.rejected).toEqual([]);
    expect(table.label).toEqual({ column: 'Converted' });
    expectRowsAddUp(table);
  });

  it('reads a semicolon-separated file with a named positive value', async () => {
    const path = await fileWith(
      'semicolon.csv',
      'Company;Revenue;Stage\nAcme;1,5;Closed Won\nBeta;2,25;Qualified\nGamma;3;closed won\nDelta;4;Lost\n',
    );
    const table = await readTrainingTable(path, { column: 'stage', positive: 'closed won' });
    expect(table.header).toEqual(['Company', 'Revenue']);
    expect(table.columns[1]).toEqual(['1,5', '2,25', '3', '4']);
    expect([...table.labels]).toEqual([1, 0, 1, 0]);
    expect(table.label).toEqual({ column: 'stage', positive: 'closed won' });
    expectRowsAddUp(table);
  });

  it('reads JSON Lines, rejecting a line that is not an object with its line number', async () => {
    const path = await fileWith(
      'leads.jsonl',
      [
        '{"company":"Acme","employees":120,"won":true}',
        '{"company":"Beta","employees":8,"won":false}',
        '{not json',
        '{"company":"Gamma","won":true}',
        '',
      ].join('\n'),
    );
    const table = await readTrainingTable(path, { column: 'won' });
    expect(table.header).toEqual(['company', 'employees']);
    expect(table.columns).toEqual([
      ['Acme', 'Beta', 'Gamma'],
      ['120', '8', ''],
    ]);
    expect([...table.labels]).toEqual([1, 0, 1]);
    expect([...table.lines]).toEqual([1, 2, 4]);
    expect(table.rejected.map((r) => r.line)).toEqual([3]);
    expect(table.rejected[0]?.reason).toMatch(/not valid JSON/);
    expectRowsAddUp(table);
  });

  it('rejects a row with a bad label and a row with the wrong column count, each with its line', async () => {
    const path = await fileWith(
      'bad-rows.csv',
      [
        'Company,Employees,Converted',
        'Acme,10,1',
        'Beta,20,maybe',
        'Gamma,30,0',
        'Delta,40',
        'Epsilon,50,',
        'Zeta,60,1',
        '',
      ].join('\n'),
    );
    const table = await readTrainingTable(path, { column: 'Converted' });
    expect(table.rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    const [badLabel, wrongWidth, emptyLabel] = table.rejected;
    expect(badLabel?.reason).toMatch(/label "maybe" in column "Converted".*--positive/);
    expect(wrongWidth?.reason).toBe('expected 3 columns, found 2');
    expect(emptyLabel?.reason).toBe('label column "Converted" is empty');
    expect(table.rowsRead).toBe(6);
    expect([...table.lines]).toEqual([2, 4, 7]);
    expect(table.columns[0]).toEqual(['Acme', 'Gamma', 'Zeta']);
    expect([...table.labels]).toEqual([1, 0, 1]);
    expectRowsAddUp(table);
  });

  it('names the columns that exist when the label column does not', async () => {
    const path = await fileWith('no-label.csv', 'Company,Employees,Converted\nAcme,10,1\nBeta,3,0\n');
    const error = await rejectionOf(readTrainingTable(path, { column: 'Outcome' }));
    expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
    expect(error.message).toBe(
      '--label: no column "Outcome"; the columns are "Company", "Employees", "Converted"',
    );
  });

  it('throws when the usable rows hold only one class', async () => {
    const path = await fileWith('one-class.csv', 'Company,Converted\nAcme,yes\nBeta,yes\nGamma,maybe\n');
    const error = await rejectionOf(readTrainingTable(path, { column: 'Converted' }));
    expect(isAppError(error, 'INPUT_INVALID')).toBe(true);
    expect(error.message).toMatch(/label column "Converted" has only converted rows among 2/);
  });
});
