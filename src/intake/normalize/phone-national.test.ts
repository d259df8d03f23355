import fc from 'fast-check';
import { getCountries, getCountryCallingCode, parsePhoneNumber } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import metadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { parsePhoneWithLibrary } from './phone-library.js';
import { resolveNational } from './phone-national.js';

const countries = getCountries(metadata);
const nonDigits = /\D/g;
const codeOf = (country: CountryCode): string => getCountryCallingCode(country, metadata);
const raw = metadata.countries as unknown as Record<string, readonly unknown[]>;
// What people put before national digits: the national prefix, the calling code without "+".
const prefixesOf = (country: CountryCode): string[] => {
  const prefix = raw[country]?.[5];
  return ['', codeOf(country), ...(typeof prefix === 'string' && prefix !== '' ? [prefix] : [])];
};

/** Fails on any decisive answer that differs from the library's; counts them. */
const tally = (inputs: Iterable<readonly [string, CountryCode]>) => {
  const counts = { valid: 0, invalid: 0, unsure: 0 };
  for (const [text, country] of inputs) {
    const fast = resolveNational(text.replace(nonDigits, ''), country);
    if (fast === undefined) counts.unsure += 1;
    else {
      expect(fast, `${text} in ${country}`).toEqual(parsePhoneWithLibrary(text, country));
      counts[fast.ok ? 'valid' : 'invalid'] += 1;
    }
  }
  return counts;
};

const nationalExamples = Object.entries(examples as Record<string, string>).map(([country, national]) => {
  const phone = parsePhoneNumber(`+${codeOf(country as CountryCode)}${national}`, metadata);
  return [phone.formatNational(), country as CountryCode] as const;
});

describe('resolveNational', () => {
  it.each([
    ['(415) 555-0123', 'US', '+14155550123', 'US'],
    ['585.555.4594', 'US', '+15855554594', 'US'],
    ['020 7946 0958', 'GB', '+442079460958', 'GB'],
    ['0437 949 426', 'AU', '+61437949426', 'AU'],
    ['1 415 555 0123', 'US', '+14155550123', 'US'],
    ['(242) 357-1234', 'US', '+12423571234', 'BS'],
  ])('reads %j in %s as %s in %s', (text, country, e164, where) => {
    expect(resolveNational(text.replace(nonDigits, ''), country)).toMatchObject({
      ok: true,
      e164,
      country: where,
    });
  });

  it('says why a national number is not valid, as the library does', () => {
    expect(resolveNational('04379494264', 'AU')).toEqual({ ok: false, problem: 'is not a valid AU number' });
    expect(resolveNational('04379494264', 'AU')).toEqual(parsePhoneWithLibrary('0437 9494264', 'AU'));
  });

  it('leaves digits that start with the international prefix to the library', () => {
    expect(resolveNational('011442079460958', 'US')).toBeUndefined();
  });

  it('agrees with libphonenumber-js on every example number written the national way', () => {
    const counts = tally(nationalExamples);
    expect(counts.valid).toBeGreaterThan(200);
  });

  it('agrees with libphonenumber-js on every example with a prefix, a digit changed or dropped', () => {
    const variants = nationalExamples.flatMap(([text, country]) => {
      const digits = text.replace(nonDigits, '');
      const changed = [...digits].flatMap((d, i) => [
        digits.slice(0, i) + String((Number(d) + 7) % 10) + digits.slice(i + 1),
        digits.slice(0, i) + digits.slice(i + 1),
      ]);
      const prefixed = prefixesOf(country).map((prefix) => prefix + digits);
      return [...changed, ...prefixed].map((variant) => [variant, country] as const);
    });
    const counts = tally(variants);
    expect(counts.invalid).toBeGreaterThan(2_000);
    expect(counts.valid).toBeGreaterThan(1_000);
    expect(counts.unsure).toBeLessThan((counts.valid + counts.invalid) / 5);
  });

  it('agrees with libphonenumber-js on random national digits in every country', () => {
    const inputs = fc.tuple(fc.constantFrom(...countries), fc.nat(2), fc.stringMatching(/^[0-9]{1,14}$/));
    let decisive = 0;
    fc.assert(
      fc.property(inputs, ([country, which, digits]) => {
        const prefixes = prefixesOf(country);
        const prefix = prefixes[which % prefixes.length] ?? '';
        const fast = resolveNational(prefix + digits, country);
        if (fast !== undefined) decisive += 1;
        if (fast !== undefined) expect(fast).toEqual(parsePhoneWithLibrary(prefix + digits, country));
      }),
      { numRuns: 5_000 },
    );
    expect(decisive).toBeGreaterThan(4_000);
  });
});
