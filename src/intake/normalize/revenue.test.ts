import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRevenue } from './revenue.js';

describe('parseRevenue', () => {
  it.each([
    ['$10M', { min: 10e6, max: 10e6, currency: 'USD' }],
    ['10 million', { min: 10e6, max: 10e6 }],
    ['1-5 billion', { min: 1e9, max: 5e9 }],
    ['$10M-$50M', { min: 10e6, max: 50e6, currency: 'USD' }],
    ['USD 2.5bn', { min: 2.5e9, max: 2.5e9, currency: 'USD' }],
    ['500K', { min: 500e3, max: 500e3 }],
    ['1,234,567', { min: 1234567, max: 1234567 }],
    ['€5M', { min: 5e6, max: 5e6, currency: 'EUR' }],
    ['5 Mio. €', { min: 5e6, max: 5e6, currency: 'EUR' }],
    ['over $1B', { min: 1e9, currency: 'USD' }],
    ['$1B+', { min: 1e9, currency: 'USD' }],
    ['<$1M', { min: 0, max: 1e6, currency: 'USD' }],
    ['$10 M - $50 M annual revenue', { min: 10e6, max: 50e6, currency: 'USD' }],
    ['£2.5m', { min: 2.5e6, max: 2.5e6, currency: 'GBP' }],
  ])('reads %j', (raw, expected) => {
    expect(parseRevenue(raw)).toEqual(expected);
  });

  it.each(['', 'Large', 'unknown', '$', '50M-10M'])('does not guess from %j', (raw) => {
    expect(parseRevenue(raw)).toBeUndefined();
  });

  it('never throws, and every range it returns has 0 ≤ min ≤ max', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[$€0-9.,kmb+\- <]{1,12}$/)),
        (raw) => {
          const revenue = parseRevenue(raw);
          if (revenue === undefined) return;
          expect(revenue.min).toBeGreaterThanOrEqual(0);
          if (revenue.max !== undefined) expect(revenue.min).toBeLessThanOrEqual(revenue.max);
        },
      ),
    );
  });

  it('ignores case and spacing, and scales millions consistently', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.boolean(), fc.nat(2), (amount, upper, pad) => {
        const text = `${' '.repeat(pad)}$${amount}${' '.repeat(pad)}m`;
        expect(parseRevenue(upper ? text.toUpperCase() : text)).toEqual({
          min: amount * 1e6,
          max: amount * 1e6,
          currency: 'USD',
        });
      }),
    );
  });
});
