import { describe, expect, it } from 'vitest';
import { boundedCache } from './bounded-cache.js';

describe('boundedCache', () => {
  it('computes each key once while it stays cached, undefined results included', () => {
    const calls: string[] = [];
    const cached = boundedCache(
      (raw: string) => (calls.push(raw), raw === 'none' ? undefined : raw.length),
      10,
    );
    expect([cached('abc'), cached('abc'), cached('none'), cached('none')]).toEqual([
      3,
      3,
      undefined,
      undefined,
    ]);
    expect(calls).toEqual(['abc', 'none']);
  });

  it('keeps at most two generations, and keeps a key that is still being used', () => {
    const calls: string[] = [];
    const cached = boundedCache((raw: string) => (calls.push(raw), raw), 2);
    for (const key of ['hot', 'a', 'hot', 'b', 'hot', 'c', 'd', 'hot', 'a']) cached(key);
    expect(calls).toEqual(['hot', 'a', 'b', 'c', 'd', 'a']);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => boundedCache(String, 0)).toThrow(RangeError);
  });
});
