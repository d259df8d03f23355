import type { NumericRange } from '../../domain/lead.js';

/** How `parseRangeText` reads bounds: whole counts (employees) or continuous amounts (money). */
export type RangeScale = 'count' | 'amount';

const SCALE_WORDS: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['thousands', 1e3], ['tsd', 1e3],
  ['m', 1e6], ['mm', 1e6], ['mn', 1e6], ['mio', 1e6], ['mil', 1e6], ['million', 1e6], ['millions', 1e6],
  ['b', 1e9], ['bn', 1e9], ['bil', 1e9], ['billion', 1e9], ['billions', 1e9], ['mrd', 1e9], ['milliard', 1e9],
  ['t', 1e12], ['tn', 1e12], ['trillion', 1e12],
]); // prettier-ignore

// A number with optional thousands groups ("10,000", "10.000", "10 000") and decimals, then a scale.
const NUMBER = String.raw`(\d+(?:[.,' ]\d{3})*(?:[.,]\d+)?)\s*(${[...SCALE_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})?\.?`;
const RANGE = new RegExp(`^${NUMBER}\\s*(?:-|to|until|bis|a)\\s*${NUMBER}$`);
const AT_LEAST = new RegExp(
  `^(?:at least|min|minimum|from|>=)\\s*${NUMBER}$|^${NUMBER}\\s*(?:\\+|or more|and more|and above|and up|plus|or above)$`,
);
const MORE_THAN = new RegExp(`^(?:more than|over|above|greater than|>)\\s*${NUMBER}$`);
const UP_TO = new RegExp(`^(?:up to|max|maximum|<=)\\s*${NUMBER}$`);
const LESS_THAN = new RegExp(`^(?:less than|fewer than|under|below|<)\\s*${NUMBER}$`);
const ABOUT = new RegExp(
  `^(?:approx|approximately|about|around|ca|circa|roughly|est|estimated|~)?\\.?\\s*${NUMBER}$`,
);

/**
 * The value of digits as written in a CRM export: "," or "." followed by exactly three digits
 * groups thousands ("10,000", European "10.000"); otherwise it is the decimal mark ("2.5",
 * "1,5"). So "2.500" reads as 2500, which is what size and revenue columns mean in practice.
 */
export const parseDigits = (digits: string): number => {
  const compact = digits.replace(/[' ]/g, '');
  const grouped = /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*(?:(?!\1)[.,]\d+)?$/.exec(compact);
  if (grouped) {
    const separator = grouped[1] as string;
    return Number(compact.split(separator).join('').replace(',', '.'));
  }
  return Number(compact.replace(',', '.'));
};

const valueOf = (digits: string | undefined, scale: string | undefined, fallbackScale?: string): number =>
  parseDigits(digits ?? '') * (SCALE_WORDS.get(scale ?? fallbackScale ?? '') ?? 1);

const build = (min: number, max: number | undefined, scale: RangeScale): NumericRange | undefined => {
  const round = scale === 'count' ? Math.round : (n: number) => n;
  const low = round(min);
  const high = max === undefined ? undefined : round(max);
  if (!Number.isFinite(low) || low < 0 || (high !== undefined && (!Number.isFinite(high) || high < low)))
    return undefined;
  return high === undefined ? { min: low } : { min: low, max: high };
};

/**
 * Reads a folded quantity text (lower case, currency and unit words already removed) as an
 * inclusive range: "201-500", "1k-5k", "10,000+", "more than 500", "<10", "~50", "1-5 billion"
 * (a scale written once applies to both bounds when that keeps them in order). For counts, "more than n" starts at n + 1 and
 * "less than n" ends at n - 1; for amounts the bound itself is kept. Undefined when the text is
 * anything else. Shared by `parseCompanySize` and `parseRevenue`.
 */
export const parseRangeText = (text: string, scale: RangeScale): NumericRange | undefined => {
  const step = scale === 'count' ? 1 : 0;
  let m = RANGE.exec(text);
  if (m) {
    // A scale written once ("1-5 billion") applies to both bounds, unless that would put the low
    // bound at or above the high one ("501-1k" is 501 to 1,000, "1-1k" is 1 to 1,000).
    const high = valueOf(m[3], m[4]);
    const shared = valueOf(m[1], m[2], m[4]);
    return build(shared < high ? shared : valueOf(m[1], m[2]), high, scale);
  }
  if ((m = AT_LEAST.exec(text))) return build(valueOf(m[1] ?? m[3], m[2] ?? m[4]), undefined, scale);
  if ((m = MORE_THAN.exec(text))) return build(valueOf(m[1], m[2]) + step, undefined, scale);
  if ((m = UP_TO.exec(text))) return build(step, valueOf(m[1], m[2]), scale);
  if ((m = LESS_THAN.exec(text))) return build(step, valueOf(m[1], m[2]) - step, scale);
  if ((m = ABOUT.exec(text))) return build(valueOf(m[1], m[2]), valueOf(m[1], m[2]), scale);
  return undefined;
};
