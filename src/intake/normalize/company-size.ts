import { SIZE_BANDS, type NumericRange, type SizeBand } from '../../domain/lead.js';
import { boundedCache } from './bounded-cache.js';
import { parseRangeText } from './revenue-range-text.js';

/** A parsed company size: the employee range as written, and the standard band it falls in. */
export interface CompanySize {
  readonly range: NumericRange;
  readonly band: SizeBand;
}

// Upper bound of each band in `SIZE_BANDS` order; the last band is open.
const BAND_MAX: readonly number[] = [10, 50, 200, 500, 1000, 5000, 10000];

/** The size band an employee count falls in; counts below 1 fall in the smallest band. Monotone. */
export const bandFor = (employees: number): SizeBand => {
  for (let i = 0; i < BAND_MAX.length; i++)
    if (employees <= (BAND_MAX[i] as number)) return SIZE_BANDS[i] as SizeBand;
  return '10001+';
};

const SOLO =
  /^(?:self[- ]?employed|myself only|just me|only me|solo|sole (?:proprietor|trader)|freelancer?|one person)$/;
const NOISE =
  /\b(?:employees?|employes?|empleados|mitarbeiter(?:innen)?|staff|people|persons|headcount|workers|ftes?|emps?)\b|[()]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const SPACES = /\s+/g;
// Implausible beyond any real employer (Walmart: 2.2 M); such values are typos or revenue.
const MAX_EMPLOYEES = 10_000_000;

const parse = (raw: string): CompanySize | undefined => {
  const text = raw.toLowerCase().replace(DASHES, '-').replace(NOISE, ' ').replace(SPACES, ' ').trim();
  const range: NumericRange | undefined = SOLO.test(text)
    ? { min: 1, max: 1 }
    : parseRangeText(text, 'count');
  if (
    range === undefined ||
    (range.max ?? range.min) > MAX_EMPLOYEES ||
    (range.max !== undefined && range.max < 1)
  ) {
    return undefined;
  }
  // An open range "N+" means more than N in practice ("10,000+" is the 10001+ band), so its
  // band is the one just above its minimum.
  const band = bandFor(range.max === undefined ? range.min + 1 : (range.min + range.max) / 2);
  return Object.freeze({ range: Object.freeze(range), band });
};

/**
 * Parses an employee count as people write it: "200", "201-500", "1k-5k", "10,000+",
 * "10.000+" (European thousands), "approx. 50 employees", "~50", "1 to 10", "1000 or more",
 * "more than 500" (501+), "<10" (1-9), "Self-employed"/"Myself only" (1), LinkedIn bands
 * ("11-50 employees", "10,001+ employees"). Words without a number ("Large") are not guessed.
 *
 * The band comes from the range's midpoint, or from its minimum when the range is open, so a
 * vendor band ("51-200") always maps to itself and "10,000+" or "1000 or more" to the band
 * just above the number (10001+, 1001-5000). Memoized.
 */
export const parseCompanySize: (raw: string) => CompanySize | undefined = boundedCache(parse, 5_000);
