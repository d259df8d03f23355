import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SIZE_BANDS } from '../../domain/lead.js';
import { bandFor, parseCompanySize } from './company-size.js';

describe('parseCompanySize', () => {
  it.each([
    ['200', 200, 200, '51-200'],
    ['201-500', 201, 500, '201-500'],
    ['201 - 500', 201, 500, '201-500'],
    ['1k-5k', 1000, 5000, '1001-5000'],
    ['10,000+', 10000, undefined, '10001+'],
    ['10.000+', 10000, undefined, '10001+'],
    ['approx. 50 employees', 50, 50, '11-50'],
    ['~50', 50, 50, '11-50'],
    ['50 employees', 50, 50, '11-50'],
    ['5001-10,000', 5001, 10000, '5001-10000'],
    ['1 to 10', 1, 10, '1-10'],
    ['1000 or more', 1000, undefined, '1001-5000'],
    ['more than 500', 501, undefined, '501-1000'],
    ['<10', 1, 9, '1-10'],
    ['Self-employed', 1, 1, '1-10'],
    ['2.5k', 2500, 2500, '1001-5000'],
    ['Myself only', 1, 1, '1-10'],
    ['11-50 employees', 11, 50, '11-50'],
    ['10,001+ employees', 10001, undefined, '10001+'],
    ['51–200', 51, 200, '51-200'],
    ['501-1k', 501, 1000, '501-1000'],
    ['1-1k', 1, 1000, '501-1000'],
  ])('reads %j as %i..%s in band %s', (raw, min, max, band) => {
    expect(parseCompanySize(raw)).toEqual({ range: max === undefined ? { min } : { min, max }, band });
  });

  it.each(['Large', 'Small', '', 'n/a', '0', '500-200', 'lots'])('does not guess from %j', (raw) => {
    expect(parseCompanySize(raw)).toBeUndefined();
  });

  it('maps the text of every standard band to that band', () => {
    for (const band of SIZE_BANDS) {
      expect(parseCompanySize(band)?.band).toBe(band);
      expect(parseCompanySize(`${band} employees`)?.band).toBe(band);
    }
  });

  it('never throws, and every range it returns has min ≤ max', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[0-9.,k+\- <~]{1,12}$/)),
        (raw) => {
          const size = parseCompanySize(raw);
          if (size?.range.max !== undefined) expect(size.range.min).toBeLessThanOrEqual(size.range.max);
          if (size !== undefined) expect(SIZE_BANDS).toContain(size.band);
        },
      ),
    );
  });

  it('reads a range whatever its case and spacing', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.nat(5000), fc.nat(2), fc.boolean(), (a, b, pad, upper) => {
        const [min, max] = a <= b ? [a + 1, b + 1] : [b + 1, a + 1];
        const text = `${' '.repeat(pad)}${min}${' '.repeat(pad)}-${max} Employees`;
        expect(parseCompanySize(upper ? text.toUpperCase() : text)?.range).toEqual({ min, max });
      }),
    );
  });
});

describe('bandFor', () => {
  it('is monotone in the employee count', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(SIZE_BANDS.indexOf(bandFor(low))).toBeLessThanOrEqual(SIZE_BANDS.indexOf(bandFor(high)));
      }),
    );
  });

  it('puts band edges inside their band', () => {
    expect([1, 10, 11, 50, 51, 200, 201, 500, 501, 1000, 1001, 5000, 5001, 10000, 10001].map(bandFor)).toEqual([
      '1-10', '1-10', '11-50', '11-50', '51-200', '51-200', '201-500', '201-500',
      '501-1000', '501-1000', '1001-5000', '1001-5000', '5001-10000', '5001-10000', '10001+',
    ]); // prettier-ignore
  });
});
