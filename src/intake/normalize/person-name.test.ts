import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePersonName, splitFullName } from './person-name.js';

describe('normalizePersonName', () => {
  it.each([
    ['  john   smith ', 'John Smith'],
    ['JOHN SMITH', 'John Smith'],
    ["JOHN O'BRIEN", "John O'Brien"],
    ['mary-jane mcdonald', 'Mary-Jane McDonald'],
    ['LUDWIG VAN BEETHOVEN', 'Ludwig van Beethoven'],
    ['maria de la cruz', 'Maria de la Cruz'],
    ['VAN DER BERG', 'Van der Berg'],
    ['JOSÉ ÁLVAREZ', 'José Álvarez'],
    ['McDonald', 'McDonald'],
    ['DeShawn', 'DeShawn'],
    ['van der Berg', 'van der Berg'],
    ['MacKenzie', 'MacKenzie'],
    ['李小龙', '李小龙'],
    ['ßeta', 'ßeta'],
    ['', ''],
  ])('writes %j as %j', (raw, name) => {
    expect(normalizePersonName(raw)).toBe(name);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })), (raw) => {
        const once = normalizePersonName(raw);
        expect(normalizePersonName(once)).toBe(once);
      }),
    );
  });

  it('gives the same name for ALL CAPS and all lowercase', () => {
    const names = fc.stringMatching(/^[a-z]{1,8}(?:[ '-][a-z]{1,8}){0,3}$/);
    fc.assert(
      fc.property(names, (name) => {
        expect(normalizePersonName(name.toUpperCase())).toBe(normalizePersonName(name));
      }),
    );
  });
});

describe('splitFullName', () => {
  it.each([
    ['John Smith', { first: 'John', last: 'Smith' }],
    ['Smith, John', { first: 'John', last: 'Smith' }],
    ['SMITH, JOHN', { first: 'John', last: 'Smith' }],
    ['Dr. Jane Doe PhD', { first: 'Jane', last: 'Doe' }],
    ['Mr John Smith Jr.', { first: 'John', last: 'Smith' }],
    ['John Smith, Jr.', { first: 'John', last: 'Smith' }],
    ['John Paul Smith', { first: 'John', last: 'Smith' }],
    ['jan van der berg', { first: 'Jan', last: 'van der Berg' }],
    ['Maria de la Cruz', { first: 'Maria', last: 'de la Cruz' }],
    ["JOHN O'BRIEN", { first: 'John', last: "O'Brien" }],
    ['Jack Ma', { first: 'Jack', last: 'Ma' }],
    ['Cher', { first: 'Cher' }],
    ['  ', {}],
    ['Dr.', { first: 'Dr.' }],
  ])('splits %j into %j', (raw, split) => {
    expect(splitFullName(raw)).toEqual(split);
  });

  it('never throws and never returns empty parts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        const { first, last } = splitFullName(raw);
        expect(first).not.toBe('');
        expect(last).not.toBe('');
      }),
    );
  });
});
