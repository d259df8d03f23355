import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { DEMO_COUNTRIES } from './demo-firmographics.js';
import { createSeededRandom } from '../domain/seeded-random.js';
import { writeDemoPhone } from './write-demo-phone.js';

const generate = (seed: number, count: number) => {
  const rng = createSeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const country = DEMO_COUNTRIES[i % DEMO_COUNTRIES.length];
    if (country === undefined) throw new Error('no demo countries');
    return {
      phone: writeDemoPhone(rng, country.code, country.dialCode),
      country: country.code as CountryCode,
    };
  });
};
const shapeOf = (phone: string): string => phone.replace(/\d+/g, '9');
const validShare = (phones: readonly { phone: string; country: CountryCode }[]): number =>
  phones.filter(({ phone, country }) => isValidPhoneNumber(phone, country)).length / phones.length;

describe('writeDemoPhone', () => {
  const phones = generate(42, 2_000);

  it('writes valid numbers of the lead country most of the time, and a few invalid ones', () => {
    const share = validShare(phones);
    expect(share).toBeGreaterThanOrEqual(0.85);
    expect(share).toBeLessThan(0.99);
  });

  it.each(DEMO_COUNTRIES.map((country) => [country.code]))('writes mostly valid numbers in %s', (code) => {
    expect(validShare(phones.filter((p) => p.country === code))).toBeGreaterThanOrEqual(0.8);
  });

  it('writes numbers the ways people do: E.164, spaced, "(0)", national, with an extension', () => {
    const shapes = new Set(phones.map((p) => shapeOf(p.phone)));
    for (const shape of [
      '+9',
      '+9 9 9 9',
      '+9 (9) 9 9',
      '9 9',
      '(9) 9-9',
      '9.9.9',
      '9-9-9 ext. 9',
      '+9 9 x9',
    ])
      expect(shapes, shape).toContain(shape);
  });

  it('writes the same numbers for the same seed', () => {
    expect(generate(42, 200)).toEqual(phones.slice(0, 200));
    expect(generate(7, 200)).not.toEqual(phones.slice(0, 200));
  });
});
