import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-0123', undefined, '+14155550123', 'US'],
    ['+14155550123', undefined, '+14155550123', 'US'],
    ['tel:+1-415-555-0123', undefined, '+14155550123', 'US'],
    ['0044 20 7946 0958', undefined, '+442079460958', 'GB'],
    ['0044 20 7946 0958', 'FR', '+442079460958', 'GB'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB'],
    ['020 7946 0958', 'gb', '+442079460958', 'GB'],
    ['(415) 555-0123', 'US', '+14155550123', 'US'],
    ['+44 (0)20 7946 0958', undefined, '+442079460958', 'GB'],
    ['+91 98765 43210', 'US', '+919876543210', 'IN'],
    ['+49 30 901820', undefined, '+4930901820', 'DE'],
    ['+1 242 357 1234', undefined, '+12423571234', 'BS'],
  ])('reads %j (default country %s) as %s in %s', (raw, defaultCountry, e164, country) => {
    expect(normalizePhone(raw, defaultCountry)).toMatchObject({ ok: true, e164, country });
  });

  it('keeps an extension apart from the E.164 number', () => {
    expect(normalizePhone('(415) 555-0123 ext. 12', 'US')).toEqual({
      ok: true,
      e164: '+14155550123',
      country: 'US',
      type: 'fixed_line_or_mobile',
      extension: '12',
    });
  });

  it('tells a mobile from a fixed line where the numbering plan does', () => {
    expect(normalizePhone('+44 7911 123456')).toMatchObject({ type: 'mobile' });
    expect(normalizePhone('+44 20 7946 0958')).toMatchObject({ type: 'fixed_line' });
  });

  it.each([
    ['020 7946 0958', undefined, 'no country code and no default country'],
    ['020 7946 0958', 'XX', 'no country code, and the default country "XX" is not known'],
    ['', 'GB', 'is empty'],
    ['call me', 'GB', 'has no digits'],
    ['+44 20 7946', undefined, 'is not a valid +44 number'],
    ['+1 555 0123', undefined, 'is not a valid +1 number'],
    ['+999 123 456 789', undefined, 'unknown country calling code'],
    ['12', 'US', 'is not a valid US number'],
    ['+1', undefined, 'is too short to be a phone number'],
  ])('rejects %j (default country %s) because it says %j', (raw, defaultCountry, problem) => {
    expect(normalizePhone(raw, defaultCountry)).toEqual({ ok: false, problem });
  });

  it('never throws, whatever the input', () => {
    const countries = fc.option(fc.constantFrom('US', 'GB', 'DE', 'IN', 'xx', ''), { nil: undefined });
    fc.assert(fc.property(fc.string({ unit: 'binary' }), countries, (raw, c) => void normalizePhone(raw, c)));
    const phoneish = fc.stringMatching(/^\+?[0-9 ()+.x-]{0,24}$/);
    fc.assert(fc.property(phoneish, countries, (raw, c) => void normalizePhone(raw, c)));
  });

  it('re-normalizes its E.164 output to itself', () => {
    const samples = Object.values(examples as Record<string, string>);
    for (const national of samples.slice(0, 400)) {
      const first = normalizePhone(national, 'US');
      if (!first.ok) continue;
      expect(normalizePhone(first.e164)).toMatchObject({ ok: true, e164: first.e164 });
    }
  });
});
