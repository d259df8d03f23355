import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyNameKey, companyNameWords, decodeEntities, parenthesizedNames } from './company-name-key.js';

describe('companyNameWords', () => {
  it.each([
    ['Walmart Inc.', 'walmart'],
    ['The Home Depot, Inc.', 'home depot'],
    ['Estée Lauder Cos.', 'estee lauder'],
    ['Acme Holdings, Inc.', 'acme'],
    ['Siemens AG', 'siemens'],
    ['Nestlé S.A.', 'nestle'],
    ['Philips N.V.', 'philips'],
    ['Lowe&#8217;s', 'lowes'],
    ['Johnson & Johnson', 'johnson johnson'],
    ['Johnson and Johnson', 'johnson johnson'],
    ['Amazon.com', 'amazon'],
    ['Jones Lang LaSalle (JLL)', 'jones lang lasalle'],
    ['Guardian Life Ins. Co. of America', 'guardian life ins co of america'],
    ['Company', 'company'],
    ['  ', ''],
  ])('reduces %j to %j', (raw, words) => {
    expect(companyNameWords(raw)).toBe(words);
  });

  it('never throws, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (raw) => {
        const words = companyNameWords(raw);
        expect(companyNameWords(words)).toBe(words);
      }),
    );
  });

  it('ignores an appended legal form and a leading "The"', () => {
    const name = fc.stringMatching(/^[A-Za-z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,2}$/);
    const suffix = fc.constantFrom('Inc.', 'Corp', 'Corporation', 'LLC', 'Ltd', 'PLC', 'GmbH', 'Holdings');
    fc.assert(
      fc.property(name, suffix, (raw, form) => {
        const words = companyNameWords(raw);
        fc.pre(words !== '' && !/\b(?:co|cos|sa|ag|nv|se|ab|lp)$/.test(words));
        expect(companyNameWords(`The ${raw}, ${form}`)).toBe(words);
      }),
    );
  });
});

describe('companyNameKey', () => {
  it('lets spelling variants meet', () => {
    expect(companyNameKey('Fed Ex')).toBe(companyNameKey('FedEx Corporation'));
    expect(companyNameKey('AT&T Inc.')).toBe(companyNameKey('AT and T'));
  });
});

describe('decodeEntities', () => {
  it('decodes numeric and the common named references, and leaves others', () => {
    expect(decodeEntities('Macy&#8217;s &amp; Co &#x41; &nbsp; &#0;')).toBe('Macy’s & Co A &nbsp; &#0;');
  });
});

describe('parenthesizedNames', () => {
  it('returns remarks long enough to be names', () => {
    expect(parenthesizedNames('Laboratory Corp. of America (Labcorp)')).toEqual(['Labcorp']);
    expect(parenthesizedNames('Something (X)')).toEqual([]);
  });
});
