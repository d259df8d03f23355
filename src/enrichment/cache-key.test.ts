import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.js';

describe('cacheKey', () => {
  it('names the provider and the query entries in a fixed order, encoded', () => {
    expect(cacheKey('vendor', { domain: 'acme.com', email: 'a&b=c@acme.com' })).toBe(
      'vendor:email=a%26b%3Dc%40acme.com&domain=acme.com',
    );
  });

  it('covers only the inputs the provider reads, so that what it ignores cannot split its answers', () => {
    const inputs = ['domain'] as const;
    expect(cacheKey('vendor', { domain: 'acme.com', country: 'DE' }, inputs)).toBe(
      cacheKey('vendor', { domain: 'acme.com' }, inputs),
    );
  });

  it('leaves out empty entries and tells different values apart', () => {
    expect(cacheKey('v', { domain: 'a.com', title: '' })).toBe('v:domain=a.com');
    expect(cacheKey('v', { domain: 'a.com' })).not.toBe(cacheKey('v', { domain: 'b.com' }));
  });
});
