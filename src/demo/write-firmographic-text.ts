import type { SeededRandom } from '../domain/seeded-random.js';

/** 12345 → "12,345" (no locale lookups: this runs once per company). */
export const withThousands = (n: number): string => {
  const digits = String(Math.round(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return out;
};

const BANDS: readonly (readonly [min: number, max: number, plain: string, short: string])[] = [
  [1, 10, '1-10', '1-10'],
  [11, 50, '11-50', '11-50'],
  [51, 200, '51-200', '51-200'],
  [201, 500, '201-500', '201-500'],
  [501, 1000, '501-1000', '501-1k'],
  [1001, 5000, '1001-5000', '1k-5k'],
  [5001, 10000, '5001-10000', '5k-10k'],
];

const roughly = (n: number): number => {
  if (n < 20) return n;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  return Math.round(n / magnitude) * magnitude;
};

/**
 * An employee count written the way forms, CRMs and vendors write it: "200", "1,200",
 * "201-500", "51-200 employees", "1k-5k", "10,000+", "approx. 50 employees".
 */
export const writeEmployees = (rng: SeededRandom, employees: number): string => {
  const band = BANDS.find(([, max]) => employees <= max);
  const style = rng.next();
  if (band === undefined) return style < 0.5 ? '10,000+' : style < 0.8 ? withThousands(employees) : '10001+';
  if (style < 0.25) return String(employees);
  if (style < 0.35) return withThousands(employees);
  if (style < 0.65) return band[2];
  if (style < 0.8) return `${band[2]} employees`;
  if (style < 0.9) return band[3];
  return `approx. ${withThousands(roughly(employees))} employees`;
};

const money = (usd: number): string => {
  if (usd >= 1e9) return `${+(usd / 1e9).toFixed(1)}B`;
  if (usd >= 1e6) return `${+(usd / 1e6).toFixed(usd < 1e7 ? 1 : 0)}M`;
  return `${Math.round(usd / 1e3)}K`;
};

const REVENUE_RANGES: readonly (readonly [max: number, text: string])[] = [
  [1e6, 'Less than $1M'],
  [1e7, '$1M-$10M'],
  [5e7, '$10M - $50M'],
  [1e8, '$50M-$100M'],
  [5e8, '$100M-$500M'],
  [1e9, '500M-1B'],
  [5e9, '1-5 billion'],
  [Number.POSITIVE_INFINITY, '5B+'],
];

/** Annual revenue in US dollars written as "$12M", "500K", "12,000,000" or a range "1-5 billion". */
export const writeRevenue = (rng: SeededRandom, usd: number): string => {
  const style = rng.next();
  if (style < 0.45) return `$${money(usd)}`;
  if (style < 0.6) return money(usd);
  if (style < 0.7) return withThousands(roughly(usd));
  const range = REVENUE_RANGES.find(([max]) => usd < max);
  return range === undefined ? '5B+' : range[1];
};
