import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { cellText, parseBooleanCell, parseDateCell, parseNumberCell } from './cell-values.js';

describe('cellText', () => {
  it.each([
    '',
    '   ',
    'Select',
    'select',
    'N/A',
    'n/a',
    '#N/A',
    '-',
    '--',
    'null',
    '-- Select --',
    'Unknown',
  ])('reads the placeholder %j as empty', (raw) => {
    expect(cellText(raw)).toBe('');
  });

  it('reads a missing cell as empty and trims real values', () => {
    expect(cellText(undefined)).toBe('');
    expect(cellText('  Acme Corp ')).toBe('Acme Corp');
    expect(cellText('Selection')).toBe('Selection');
  });
});

describe('parseNumberCell', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['.5', 0.5],
    ['1,532', 1532],
    ['1,234,567.25', 1234567.25],
    ['$1,200', 1200],
    ['€ 90', 90],
    ['-$5', -5],
    ['12%', 12],
    ['1e3', 1000],
    [' 7 ', 7],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumberCell(text)).toBe(value);
  });

  it.each([
    '',
    'abc',
    '1,2',
    '12,34',
    '1.2.3',
    '12 apples',
    '$',
    '%',
    'Infinity',
    '-Infinity',
    '1e999',
    '0x10',
    '0b11',
  ])('does not read %j as a number', (text) => {
    expect(parseNumberCell(text)).toBeNaN();
  });

  it('reads back every finite number written in plain notation', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(parseNumberCell(String(v))).toBe(v === 0 ? 0 : v);
      }),
    );
  });

  it('reads back every integer written with thousands commas', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (v) => {
        expect(parseNumberCell(v.toLocaleString('en-US'))).toBe(v);
      }),
    );
  });

  it('never returns an infinite number', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const n = parseNumberCell(text);
        expect(n !== n || Number.isFinite(n)).toBe(true);
      }),
    );
  });
});

describe('parseBooleanCell', () => {
  it.each(['yes', 'YES', 'Yes', 'y', 'true', 'TRUE', 'True', 't', '1'])('reads %j as 1', (text) => {
    expect(parseBooleanCell(text)).toBe(1);
  });

  it.each(['no', 'NO', 'No', 'n', 'false', 'FALSE', 'f', '0'])('reads %j as 0', (text) => {
    expect(parseBooleanCell(text)).toBe(0);
  });

  it.each(['', 'maybe', '2', 'yes please'])('does not read %j as a boolean', (text) => {
    expect(parseBooleanCell(text)).toBeNaN();
  });
});

describe('parseDateCell', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('reads ISO dates and date-times and YYYY/MM/DD', () => {
    expect(parseDateCell('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseDateCell('2024-03-01T10:30:00Z')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseDateCell('2024-03-01T10:30:00+02:00')).toBe(Date.UTC(2024, 2, 1, 8, 30));
    expect(parseDateCell('2024/03/01')).toBe(Date.UTC(2024, 2, 1));
    expect(parseDateCell('2024/3/7')).toBe(Date.UTC(2024, 2, 7));
  });

  it('reads a date-time without a zone as UTC whatever the machine time zone', () => {
    process.env.TZ = 'America/New_York';
    expect(parseDateCell('2024-03-01T10:30:00')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    expect(parseDateCell('2024-03-01 10:30:00')).toBe(Date.UTC(2024, 2, 1, 10, 30));
    process.env.TZ = 'Asia/Tokyo';
    expect(parseDateCell('2024-03-01T10:30:00')).toBe(Date.UTC(2024, 2, 1, 10, 30));
  });

  it.each([
    '03/04/2024',
    '04-03-2024',
    'March 1, 2024',
    '2024-3-1',
    '20240301',
    'yesterday',
    '',
    '2024-13-45',
  ])('deliberately does not read %j', (text) => {
    expect(parseDateCell(text)).toBeNaN();
  });
});
