/**
 * A small, fast, seedable pseudo-random generator (sfc32, seeded through splitmix32). Not for
 * secrets: it exists so that demo data and simulations are reproducible from one number.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One value of `[value, weight]` pairs, with probability proportional to its weight. */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** A standard normal variate (mean 0, standard deviation 1). */
  normal(): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A shuffled copy of `items` (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** Mixes integers into one well-spread 32-bit seed (splitmix32 finalizer), e.g. (seed, row index). */
export const mixSeed = (...parts: readonly number[]): number => {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
    // Fold in the high bits of large integers (seeds up to 2^53) too.
    h = Math.imul(h ^ Math.floor(part / 0x100000000), 0x27d4eb2f);
    h ^= h >>> 15;
  }
  return h >>> 0;
};

const splitmix32 = (state: number): (() => number) => {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
};

// A class rather than closures: demo generation creates one generator per row, so it should
// cost one allocation, not ten.
class Sfc32 implements SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | undefined;

  constructor(seed: number) {
    const init = splitmix32(mixSeed(seed));
    this.a = init();
    this.b = init();
    this.c = init();
    this.d = init();
    // Discard the first outputs, as sfc32's author recommends, to mix the seed in.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    // sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit variant.
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty array');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const pair of pairs) total += pair[1];
    let r = this.next() * total;
    for (const pair of pairs) {
      r -= pair[1];
      if (r < 0) return pair[0];
    }
    const last = pairs[pairs.length - 1];
    if (last === undefined) throw new RangeError('weighted() needs at least one pair');
    return last[0];
  }

  normal(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    // Box–Muller; 1 - next() is in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy;
  }
}

/** Creates a generator whose sequence is fully determined by `seed` (any finite number). */
export const createSeededRandom = (seed: number): SeededRandom => new Sfc32(seed);
