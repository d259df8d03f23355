import fc from 'fast-check';
import { getCountryCallingCode } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import metadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { resolveE164 } from './phone-e164.js';
import { parsePhoneWithLibrary } from './phone-library.js';

const library = (digits: string) => parsePhoneWithLibrary(`+${digits}`, undefined);
const exampleDigits = Object.entries(examples as Record<string, string>).map(
  ([country, national]) => `${getCountryCallingCode(country as CountryCode, metadata)}${national}`,
);
const callingCodes = Object.keys(metadata.country_calling_codes);

/** Counts decisive answers, and fails on any that differs from the library's. */
const tally = (inputs: Iterable<string>) => {
  const counts = { valid: 0, invalid: 0, unsure: 0 };
  for (const digits of inputs) {
    const fast = resolveE164(digits);
    if (fast === undefined) counts.unsure += 1;
    else {
      expect(fast, digits).toEqual(library(digits));
      counts[fast.ok ? 'valid' : 'invalid'] += 1;
    }
  }
  return counts;
};

// Each example with one digit changed, dropped, doubled or prefixed with "0": mostly numbers
// that are invalid, or valid of another type, in every plan.
const mutations = function* (digits: string): Generator<string> {
  for (let i = 1; i < digits.length; i++) {
    const digit = digits.charCodeAt(i) - 48;
    yield digits.slice(0, i) + String((digit + 3) % 10) + digits.slice(i + 1);
    yield digits.slice(0, i) + digits.slice(i + 1);
    yield digits.slice(0, i) + String(digit) + digits.slice(i);
  }
};

describe('resolveE164', () => {
  it('agrees with libphonenumber-js on the example mobile number of every country', () => {
    const counts = tally(exampleDigits);
    expect(counts.valid).toBeGreaterThan(230);
  });

  it('agrees with libphonenumber-js on every example with a digit changed, dropped or doubled', () => {
    const counts = tally(exampleDigits.flatMap((digits) => [...mutations(digits)]));
    expect(counts.invalid).toBeGreaterThan(5_000);
    expect(counts.valid).toBeGreaterThan(2_000);
    expect(counts.unsure).toBeLessThan((counts.valid + counts.invalid) / 20);
  });

  it('agrees with libphonenumber-js on every example with a national prefix after the calling code', () => {
    const withPrefix = exampleDigits.flatMap((digits) =>
      callingCodes
        .filter((code) => digits.startsWith(code))
        .flatMap((code) => ['0', '1', '8', '06'].map((p) => code + p + digits.slice(code.length))),
    );
    const counts = tally(withPrefix);
    expect(counts.valid).toBeGreaterThan(150);
    expect(counts.invalid).toBeGreaterThan(300);
  });

  it('says the calling code is unknown the way the library does', () => {
    expect(resolveE164('99912345678')).toEqual({ ok: false, problem: 'unknown country calling code' });
    expect(resolveE164('0123456789')).toEqual(library('0123456789'));
    expect(resolveE164('99912345678')).toEqual(library('99912345678'));
  });

  it('leaves non-geographic numbers (+800) to the library', () => {
    expect(resolveE164('80012345678')).toBeUndefined();
  });

  it('agrees with libphonenumber-js on random digits after every calling code', () => {
    const numbers = fc
      .tuple(fc.constantFrom(...callingCodes), fc.stringMatching(/^[0-9]{1,14}$/))
      .map(([code, rest]) => code + rest);
    let decisive = 0;
    fc.assert(
      fc.property(numbers, (digits) => {
        const fast = resolveE164(digits);
        if (fast !== undefined) decisive += 1;
        if (fast !== undefined) expect(fast).toEqual(library(digits));
      }),
      { numRuns: 5_000 },
    );
    expect(decisive).toBeGreaterThan(4_500);
  });

  it('agrees with libphonenumber-js on any digits at all', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{4,17}$/), (digits) => {
        const fast = resolveE164(digits);
        if (fast !== undefined) expect(fast).toEqual(library(digits));
      }),
      { numRuns: 3_000 },
    );
  });
});
