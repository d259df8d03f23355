import { describe, expect, it } from 'vitest';
import { createOwnerCache } from './owner-cache.js';

describe('the owner cache', () => {
  it('answers a learnt owner until its time to live has passed, by the injected clock', () => {
    let now = 0;
    const cache = createOwnerCache(() => now, 1000);
    cache.set('sam@seller.example', '41629779');
    now = 999;
    expect(cache.get('sam@seller.example')).toBe('41629779');
    now = 1000;
    expect(cache.get('sam@seller.example')).toBeUndefined();
    expect(cache.get('nobody@seller.example')).toBeUndefined();
  });
});
