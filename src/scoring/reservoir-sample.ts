import { createSeededRandom } from '../domain/seeded-random.js';

/** A uniform random sample of at most `size` items of a stream of unknown length. */
export interface ReservoirSample<T> {
  offer(item: T): void;
  /** The items kept so far, in the order they were offered. */
  items(): T[];
  /** How many items were offered. */
  readonly seen: number;
}

/**
 * Reservoir sampling (Algorithm R) with a seeded generator: every offered item has the same
 * chance, `size / seen`, of being kept, holding at most `size` items; the same seed and stream
 * give the same sample.
 */
export const reservoirSample = <T>(size: number, seed: number): ReservoirSample<T> => {
  const random = createSeededRandom(seed);
  const kept: { item: T; at: number }[] = [];
  let seen = 0;
  return {
    offer: (item) => {
      const at = seen++;
      if (kept.length < size) kept.push({ item, at });
      else {
        const slot = random.int(0, at);
        if (slot < size) kept[slot] = { item, at };
      }
    },
    items: () => [...kept].sort((a, b) => a.at - b.at).map((k) => k.item),
    get seen() {
      return seen;
    },
  };
};
