import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reservoirSample } from './reservoir-sample.js';

describe('reservoirSample', () => {
  it('keeps min(size, seen) distinct items of the stream, in stream order, the same for the same seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 300 }),
        fc.nat(),
        (size, n, seed) => {
          const draw = (): number[] => {
            const sample = reservoirSample<number>(size, seed);
            for (let i = 0; i < n; i++) sample.offer(i);
            expect(sample.seen).toBe(n);
            return sample.items();
          };
          const items = draw();
          expect(items).toHaveLength(Math.min(size, n));
          expect(new Set(items).size).toBe(items.length);
          expect([...items].sort((a, b) => a - b)).toEqual(items);
          expect(draw()).toEqual(items);
        },
      ),
    );
  });

  it('gives every item the same chance of being kept', () => {
    const counts = new Array<number>(100).fill(0);
    for (let seed = 0; seed < 4000; seed++) {
      const sample = reservoirSample<number>(10, seed);
      for (let i = 0; i < 100; i++) sample.offer(i);
      for (const i of sample.items()) counts[i]!++;
    }
    // Each item is expected 400 times (4000 × 10/100); binomial sd ≈ 19.
    for (const c of counts) expect(Math.abs(c - 400)).toBeLessThan(100);
    expect(counts.slice(0, 10).reduce((a, b) => a + b, 0) / 10).toBeGreaterThan(340);
    expect(counts.slice(90).reduce((a, b) => a + b, 0) / 10).toBeGreaterThan(340);
  });
});
