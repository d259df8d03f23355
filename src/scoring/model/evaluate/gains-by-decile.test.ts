import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gainsByDecile } from './gains-by-decile.js';

describe('gainsByDecile', () => {
  it('reports each tenth of the rows by score, highest first, with its rate, lift and gain', () => {
    // 20 rows scored 20, 19, …, 1; the 4 positives score 20, 19, 15 and 2. Base rate 0.2.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i);
    const labels = Uint8Array.from(scores.map((s) => (s === 20 || s === 19 || s === 15 || s === 2 ? 1 : 0)));
    const table = gainsByDecile(scores, labels);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual({ decile: 1, count: 2, positives: 2, rate: 1, lift: 5, cumulativeGain: 0.5 });
    expect(table[2]).toEqual({
      decile: 3,
      count: 2,
      positives: 1,
      rate: 0.5,
      lift: 2.5,
      cumulativeGain: 0.75,
    });
    expect(table[9]).toEqual({ decile: 10, count: 2, positives: 1, rate: 0.5, lift: 2.5, cumulativeGain: 1 });
  });

  it('breaks ties by row order, so the same input always gives the same table', () => {
    // All scores tie: the first rows in the input fill the first decile.
    const labels = Uint8Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const table = gainsByDecile(new Float64Array(10), labels);
    expect(table.map((d) => d.positives)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('omits empty deciles when there are fewer than ten rows', () => {
    const table = gainsByDecile([3, 2, 1], Uint8Array.from([1, 0, 1]));
    expect(table.map((d) => [d.decile, d.count])).toEqual([
      [4, 1],
      [7, 1],
      [10, 1],
    ]);
  });

  it('reports lift and gain as 0 when no row is positive', () => {
    const table = gainsByDecile([0.1, 0.2], Uint8Array.from([0, 0]));
    expect(table.every((d) => d.lift === 0 && d.cumulativeGain === 0)).toBe(true);
  });

  it('has counts that add up to the rows, sizes within one of each other, and gain that ends at 1', () => {
    const rows = fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 1 })), {
      minLength: 10,
      maxLength: 300,
    });
    fc.assert(
      fc.property(rows, (data) => {
        const labels = Uint8Array.from(data.map(([, y]) => y));
        fc.pre(labels.includes(1));
        const table = gainsByDecile(
          data.map(([s]) => s),
          labels,
        );
        const counts = table.map((d) => d.count);
        expect(table).toHaveLength(10);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(data.length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        expect(table.reduce((sum, d) => sum + d.positives, 0)).toBe(labels.reduce((a, b) => a + b, 0));
        expect(table.at(-1)!.cumulativeGain).toBeCloseTo(1, 12);
        for (let d = 1; d < table.length; d++) {
          expect(table[d]!.cumulativeGain).toBeGreaterThanOrEqual(table[d - 1]!.cumulativeGain);
        }
      }),
    );
  });
});
