import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { createIdGenerator } from './new-id.js';

describe('createIdGenerator', () => {
  it('encodes the time like the ULID spec does', () => {
    const id = createIdGenerator(fixedClock(1469918176385), (n) => new Uint8Array(n))();
    expect(id).toBe('01ARYZ6S410000000000000000');
  });

  it('makes strictly increasing ids while the clock stands still or steps back', () => {
    let now = 1_800_000_000_000;
    const next = createIdGenerator({ now: () => now }, (n) => new Uint8Array(n).fill(0xff));
    const ids = [next(), next(), next()];
    now -= 5;
    ids.push(next());
    now += 10;
    ids.push(next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
  });
});
