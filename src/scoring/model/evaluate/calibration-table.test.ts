import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationTable } from './calibration-table.js';
import { expectInputInvalid } from './test-support/expect-input-invalid.js';

describe('calibrationTable', () => {
  it('puts probabilities in equal-width bins with their mean prediction and observed rate', () => {
    const probs = [0.05, 0.15, 0.12, 0.18, 0.95];
    const labels = Uint8Array.from([0, 1, 0, 0, 1]);
    const table = calibrationTable(probs, labels, 10);
    expect(table).toHaveLength(3);
    expect(table[0]).toEqual({ from: 0, to: 0.1, count: 1, meanPredicted: 0.05, observedRate: 0 });
    expect(table[1]).toMatchObject({ from: 0.1, to: 0.2, count: 3, observedRate: 1 / 3 });
    expect(table[1]!.meanPredicted).toBeCloseTo(0.15, 15);
    expect(table[2]).toEqual({ from: 0.9, to: 1, count: 1, meanPredicted: 0.95, observedRate: 1 });
  });

  it('omits empty bins, puts 1 in the last bin and a bin edge in the bin it opens', () => {
    const table = calibrationTable([0, 0.5, 1], Uint8Array.from([0, 1, 1]), 4);
    expect(table.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 0.25, 1],
      [0.5, 0.75, 1],
      [0.75, 1, 1],
    ]);
  });

  it('accounts for every row, whatever the bin count', () => {
    const rows = fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 })),
    );
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 30 }), (data, bins) => {
        const table = calibrationTable(
          data.map(([p]) => p),
          Uint8Array.from(data.map(([, y]) => y)),
          bins,
        );
        expect(table.reduce((sum, b) => sum + b.count, 0)).toBe(data.length);
        for (const b of table) {
          expect(b.meanPredicted).toBeGreaterThanOrEqual(b.from - 1e-12);
          expect(b.meanPredicted).toBeLessThanOrEqual(b.to + 1e-12);
        }
      }),
    );
  });

  it('rejects a bin count that is not a positive whole number', () => {
    expectInputInvalid(() => calibrationTable([0.5], Uint8Array.from([1]), 0), /bins is 0/);
    expectInputInvalid(() => calibrationTable([0.5], Uint8Array.from([1]), 2.5), /bins is 2.5/);
  });
});
