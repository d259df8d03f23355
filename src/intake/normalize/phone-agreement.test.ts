import fc from 'fast-check';
import { getCountryCallingCode, parsePhoneNumber } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import examples from 'libphonenumber-js/examples.mobile.json' with { type: 'json' };
import metadata from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { splitPhoneExtension } from './phone-extension.js';
import { parsePhoneWithLibrary } from './phone-library.js';
import { normalizePhone } from './phone.js';

const phones = Object.entries(examples as Record<string, string>).map(([country, national]) => {
  const code = getCountryCallingCode(country as CountryCode, metadata);
  return {
    country: country as CountryCode,
    code,
    national,
    phone: parsePhoneNumber(`+${code}${national}`, metadata),
  };
});
// normalizePhone reads a leading "00" as the international prefix, whatever the country, and
// gives the library what follows it.
const reference = (text: string, country: CountryCode) =>
  text.replace(/[ ().\-/]/g, '').startsWith('00')
    ? parsePhoneWithLibrary(`+${text.slice(text.indexOf('00') + 2)}`, country)
    : parsePhoneWithLibrary(text, country);
const EXTENSIONS = ['', ' x87', 'x5', ' ext. 42', ' EXT 1234', ' ext.9', ' #12', '#3'];

// Every way the demo data and real CRMs write a number, with and without an extension.
const writings = function* (): Generator<readonly [string, CountryCode]> {
  for (const { country, code, national, phone } of phones) {
    const texts = [
      phone.formatInternational(),
      `+${code} (0) ${national.slice(0, 2)} ${national.slice(2)}`,
      `+${code} (0)${national}`,
      `+${code}-${national.slice(0, 3)}-${national.slice(3)}`,
      `+${code} ${national.slice(0, -1)}`,
      `+${code} ${national}1`,
      phone.formatNational(),
      `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
      `${national.slice(0, 3)}.${national.slice(3, 6)}.${national.slice(6)}`,
    ];
    for (const [i, text] of texts.entries())
      yield [text + (EXTENSIONS[i % EXTENSIONS.length] ?? ''), country];
  }
};

describe('normalizePhone', () => {
  it('gives the answer of libphonenumber-js, extension included, for every way of writing the examples', () => {
    let count = 0;
    for (const [text, country] of writings()) {
      expect(normalizePhone(text, country), `${text} in ${country}`).toEqual(
        parsePhoneWithLibrary(text, country),
      );
      count += 1;
    }
    expect(count).toBeGreaterThan(2_000);
  });

  it('gives the answer of libphonenumber-js for random digits in phone-like punctuation', () => {
    const part = fc.stringMatching(/^[0-9]{1,5}$/);
    const separator = fc.constantFrom(' ', '-', '.', ' (0) ', '(', ') ', '/');
    const text = fc
      .tuple(
        fc.constantFrom('+', '', '00', '+1', '+44', '+33', '+61'),
        fc.array(fc.tuple(part, separator), { maxLength: 5 }),
        part,
      )
      .map(([lead, parts, last]) => lead + parts.map(([p, s]) => p + s).join('') + last);
    const countries = fc.constantFrom<CountryCode>(
      'US',
      'GB',
      'DE',
      'FR',
      'AU',
      'IN',
      'BR',
      'NL',
      'ES',
      'MX',
      'RU',
      'CA',
    );
    const extension = fc.constantFrom(...EXTENSIONS);
    fc.assert(
      fc.property(text, extension, countries, (number, ext, country) => {
        expect(normalizePhone(number + ext, country)).toEqual(reference(number + ext, country));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('splitPhoneExtension', () => {
  it('splits off the extension libphonenumber-js finds, or nothing', () => {
    const label = fc.constantFrom(
      'x',
      'X',
      '#',
      'ext',
      'ext.',
      'Ext.',
      'EXT',
      'xt',
      'extn',
      'int',
      ';ext=',
      '~',
    );
    const text = fc.tuple(
      fc.stringMatching(/^\+?[0-9][0-9 ()-]{4,14}[0-9]$/),
      fc.constantFrom('', ' ', '  ', ', '),
      label,
      fc.constantFrom('', ' ', '. ', ': '),
      fc.stringMatching(/^[0-9]{1,12}$/),
    );
    fc.assert(
      fc.property(text, (parts) => {
        const input = parts.join('');
        const split = splitPhoneExtension(input);
        const library = parsePhoneWithLibrary(input, 'US');
        if (split !== undefined && library.ok) expect(library.extension).toBe(split.extension);
        if (split !== undefined) expect(normalizePhone(input, 'US')).toEqual(reference(input, 'US'));
      }),
      { numRuns: 3_000 },
    );
  });
});
