/**
 * Memoizes a one-string-argument function with a bounded, two-generation cache.
 *
 * Lead files repeat the same titles, industries and sizes thousands of times, so normalizers
 * cache by raw string. The cache keeps at most `2 × capacity` entries: when the young
 * generation fills up it becomes the old one and the previous old generation is dropped, so a
 * hot key survives by being promoted on hit. That is close to LRU at the cost of two `Map`
 * look-ups and no per-hit allocation. `undefined` results are cached too.
 */
export const boundedCache = <T>(compute: (raw: string) => T, capacity = 10_000): ((raw: string) => T) => {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`boundedCache capacity must be a positive integer, got ${capacity}`);
  }
  let young = new Map<string, T>();
  let old = new Map<string, T>();

  const remember = (raw: string, value: T): T => {
    if (young.size >= capacity) {
      old = young;
      young = new Map<string, T>();
    }
    young.set(raw, value);
    return value;
  };

  return (raw: string): T => {
    const hit = young.get(raw);
    if (hit !== undefined || young.has(raw)) return hit as T;
    const previous = old.get(raw);
    if (previous !== undefined || old.has(raw)) return remember(raw, previous as T);
    return remember(raw, compute(raw));
  };
};
