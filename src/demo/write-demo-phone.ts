import type { SeededRandom } from '../domain/seeded-random.js';

/** Leading digits and the length of national significant numbers of one kind. */
interface NumberRange {
  readonly starts: readonly string[];
  readonly length: number;
}

interface DemoPhonePlan {
  /** The trunk prefix dialled before national numbers ("0" in "020 7946 0958"), or "". */
  readonly trunk: string;
  /** Mobile and fixed-line ranges that libphonenumber-js accepts as valid. */
  readonly ranges: readonly NumberRange[];
}

// Ranges chosen from each numbering plan (the libphonenumber metadata) so that any digits after
// the start make a valid number; write-demo-phone.test.ts checks it with libphonenumber-js.
const NANP_US = ['212', '213', '305', '312', '415', '512', '617', '646', '702', '713', '718', '206'];
const NANP_CA = ['416', '604', '514', '403', '613', '647', '778', '905'];
const PLANS: Readonly<Record<string, DemoPhonePlan>> = {
  US: { trunk: '', ranges: [{ starts: NANP_US.map((area) => `${area}555`), length: 10 }] },
  CA: { trunk: '', ranges: [{ starts: NANP_CA.map((area) => `${area}555`), length: 10 }] },
  GB: {
    trunk: '0',
    ranges: [
      { starts: ['741', '751', '771', '781', '792'], length: 10 },
      { starts: ['207', '203', '1614', '1214'], length: 10 },
    ],
  },
  DE: {
    trunk: '0',
    ranges: [
      { starts: ['151', '152', '157', '160', '170', '171', '176'], length: 11 },
      { starts: ['30', '40', '89', '69'], length: 10 },
    ],
  },
  FR: {
    trunk: '0',
    ranges: [
      { starts: ['61', '62', '66', '67', '68', '75', '76', '77'], length: 9 },
      { starts: ['1', '3'], length: 9 },
    ],
  },
  AU: {
    trunk: '0',
    ranges: [
      { starts: ['40', '41', '42', '43', '46'], length: 9 },
      { starts: ['29', '39', '73'], length: 9 },
    ],
  },
  NL: {
    trunk: '0',
    ranges: [
      { starts: ['61', '62', '63', '64', '65'], length: 9 },
      { starts: ['20', '10', '30', '70'], length: 9 },
    ],
  },
  IN: {
    trunk: '0',
    ranges: [
      { starts: ['98', '99', '97', '90'], length: 10 },
      { starts: ['1123', '1141', '2226', '8025'], length: 10 },
    ],
  },
  BR: {
    trunk: '0',
    ranges: [
      { starts: ['119', '219', '319', '419'], length: 11 },
      { starts: ['113', '213', '313'], length: 10 },
    ],
  },
  ES: {
    trunk: '',
    ranges: [
      { starts: ['6'], length: 9 },
      { starts: ['91', '93', '95'], length: 9 },
    ],
  },
  MX: { trunk: '', ranges: [{ starts: ['55', '33', '81'], length: 10 }] },
};
// Share of numbers left invalid on purpose (a digit missing), as in real CRM exports.
const INVALID_RATE = 0.07;

const digits = (rng: SeededRandom, n: number): string => {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
};

const nationalNumber = (rng: SeededRandom, countryCode: string): { national: string; trunk: string } => {
  const plan = PLANS[countryCode];
  if (plan === undefined) {
    // A country without a plan here: random digits of a common mobile length.
    return { national: String(rng.int(1, 9)) + digits(rng, 8), trunk: '0' };
  }
  const range = rng.pick(plan.ranges);
  const start = rng.pick(range.starts);
  const national = start + digits(rng, range.length - start.length);
  return { national: rng.chance(INVALID_RATE) ? national.slice(0, -1) : national, trunk: plan.trunk };
};

/**
 * A phone number for a country, in one of the ways people write them: E.164, international
 * with spaces or a "(0)" trunk prefix, national, with an extension. About nine in ten are
 * valid numbers of the country (North-American ones in the fictional 555 exchange); the rest
 * miss a digit, as typed-in numbers do.
 */
export const writeDemoPhone = (rng: SeededRandom, countryCode: string, dialCode: string): string => {
  const style = rng.next();
  const { national, trunk } = nationalNumber(rng, countryCode);
  if (dialCode === '1') {
    const [area, exchange, line] = [national.slice(0, 3), national.slice(3, 6), national.slice(6)];
    if (style < 0.3) return `+1${national}`;
    if (style < 0.55) return `(${area}) ${exchange}-${line}`;
    if (style < 0.7) return `${area}.${exchange}.${line}`;
    if (style < 0.85) return `+1 ${area} ${exchange} ${line}`;
    return `${area}-${exchange}-${line} ext. ${rng.int(10, 999)}`;
  }
  if (style < 0.35) return `+${dialCode}${national}`;
  if (style < 0.65)
    return `+${dialCode} ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
  if (style < 0.85) return `${trunk}${national.slice(0, 3)} ${national.slice(3)}`;
  if (style < 0.95) {
    const head = trunk === '' ? ' ' : ` (${trunk}) `;
    return `+${dialCode}${head}${national.slice(0, 2)} ${national.slice(2)}`;
  }
  return `+${dialCode} ${national} x${rng.int(10, 99)}`;
};
