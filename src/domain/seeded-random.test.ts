import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, mixSeed } from './seeded-random.js';

const sequence = (seed: number, n = 20): number[] => {
  const rng = createSeededRandom(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createSeededRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(sequence(42)).toEqual(sequence(42));
  });

  it('gives different sequences for different seeds', () => {
    expect(sequence(42)).not.toEqual(sequence(43));
    expect(sequence(0)).not.toEqual(sequence(2 ** 32));
  });

  it('stays in [0, 1) and in the asked integer range for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), (seed, min) => {
        const rng = createSeededRandom(seed);
        for (let i = 0; i < 100; i++) {
          const x = rng.next();
          const n = rng.int(min, min + 5);
          if (x < 0 || x >= 1 || n < min || n > min + 5 || !Number.isInteger(n)) return false;
        }
        return true;
      }),
    );
  });

  it('is roughly uniform and its normal variates have mean 0 and variance 1', () => {
    const rng = createSeededRandom(7);
    const n = 50_000;
    let sum = 0;
    let normalSum = 0;
    let normalSquares = 0;
    for (let i = 0; i < n; i++) {
      sum += rng.next();
      const z = rng.normal();
      normalSum += z;
      normalSquares += z * z;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(normalSum / n).toBeCloseTo(0, 1);
    expect(normalSquares / n).toBeCloseTo(1, 1);
  });

  it('picks weighted values in proportion to their weights', () => {
    const rng = createSeededRandom(1);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        rng.weighted([
          ['a', 3],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    }
    expect(heavy / 10_000).toBeGreaterThan(0.72);
    expect(heavy / 10_000).toBeLessThan(0.78);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = createSeededRandom(3).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(input);
  });

  it('refuses to pick from an empty array', () => {
    expect(() => createSeededRandom(1).pick([])).toThrow(RangeError);
  });
});

describe('mixSeed', () => {
  it('separates neighbouring row indexes', () => {
    const seeds = new Set(Array.from({ length: 1000 }, (_, i) => mixSeed(5, i)));
    expect(seeds.size).toBe(1000);
  });
});
