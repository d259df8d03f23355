import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editSimilarity, NameIndex, trigramsOf, type NameSearchOptions } from './name-index.js';

const options: NameSearchOptions = { minMatch: 0.85, tieMargin: 0.02, sameCompany: (a, b) => a === b };

describe('NameIndex', () => {
  const index = new NameIndex([
    { key: 'walmart', row: 0 },
    { key: 'homedepot', row: 1 },
    { key: 'acme', row: 2 },
    { key: 'acme', row: 3 },
    { key: 'northwindtraders', row: 4 },
    { key: 'northwindtrader', row: 5 },
    { key: '', row: 6 },
  ]);

  it('answers an exact key with score 1', () => {
    expect(index.search('walmart', options)).toEqual({ kind: 'exact', row: 0, score: 1 });
  });

  it('reports two companies with the same key as ambiguous, unless they are one company', () => {
    expect(index.search('acme', options)).toMatchObject({ kind: 'ambiguous', rows: [2, 3] });
    const merged = { ...options, sameCompany: (a: number, b: number) => a === b || a + b === 5 };
    expect(index.search('acme', merged)).toEqual({ kind: 'exact', row: 2, score: 1 });
  });

  it('forgives a typo, and reports a near-tie between two companies', () => {
    expect(index.search('homedepott', options)).toMatchObject({ kind: 'fuzzy', row: 1 });
    expect(index.search('northwindtradery', options)).toMatchObject({ kind: 'ambiguous', rows: [4, 5] });
  });

  it('answers nothing below the minimum score, and for an empty key', () => {
    expect(index.search('walgreens', options)).toEqual({ kind: 'none' });
    expect(index.search('', options)).toEqual({ kind: 'none' });
  });
});

describe('trigramsOf', () => {
  it('pads the key so its ends count', () => {
    expect(trigramsOf('abc')).toEqual(['^^a', '^ab', 'abc', 'bc$']);
  });
});

describe('editSimilarity', () => {
  it('is 1 for equal strings, symmetric, and within 0..1', () => {
    expect(editSimilarity('walmart', 'wallmart')).toBe(0.875);
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const s = editSimilarity(a, b);
        expect(s).toBe(editSimilarity(b, a));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        if (a === b) expect(s).toBe(1);
      }),
    );
  });
});
