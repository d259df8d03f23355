import type { SeededRandom } from './seeded-random.js';

const digits = (rng: SeededRandom, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
};

/**
 * A phone number for a country, in one of the ways people write them: E.164, national with
 * spaces or dashes, with an extension. North-American numbers use the fictional 555 exchange.
 */
export const writeDemoPhone = (rng: SeededRandom, countryCode: string, dialCode: string): string => {
  const style = rng.next();
  if (dialCode === '1') {
    const area = String(rng.int(201, 989));
    const line = digits(rng, 4);
    if (style < 0.3) return `+1${area}555${line}`;
    if (style < 0.55) return `(${area}) 555-${line}`;
    if (style < 0.7) return `${area}.555.${line}`;
    if (style < 0.85) return `+1 ${area} 555 ${line}`;
    return `${area}-555-${line} ext. ${rng.int(10, 999)}`;
  }
  // A mobile-length national significant number, grouped locally.
  const national =
    String(rng.int(1, 9)) + digits(rng, countryCode === 'DE' ? 9 : countryCode === 'GB' ? 9 : 8);
  if (style < 0.35) return `+${dialCode}${national}`;
  if (style < 0.65)
    return `+${dialCode} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  if (style < 0.85) return `0${national.slice(0, 3)} ${national.slice(3)}`;
  if (style < 0.95) return `+${dialCode} (0) ${national.slice(0, 2)} ${national.slice(2)}`;
  return `+${dialCode} ${national} x${rng.int(10, 99)}`;
};
