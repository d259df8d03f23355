import type { NumericRange } from '../../domain/lead.js';
import { boundedCache } from './bounded-cache.js';
import { parseRangeText } from './revenue-range-text.js';

/** ISO 4217 codes `parseRevenue` recognizes from symbols and codes. */
export type RevenueCurrency = 'USD' | 'EUR' | 'GBP' | 'JPY' | 'CHF' | 'CAD' | 'AUD' | 'INR';

/** A parsed annual revenue range, with the currency when the text named one. */
export interface RevenueRange extends NumericRange {
  readonly currency?: RevenueCurrency;
}

const CURRENCIES: ReadonlyArray<readonly [RegExp, RevenueCurrency]> = [
  [/us\$|\busd\b|\bdollars?\b/, 'USD'],
  [/c\$|\bcad\b/, 'CAD'],
  [/a\$|\baud\b/, 'AUD'],
  [/€|\beur\b|\beuros?\b/, 'EUR'],
  [/£|\bgbp\b|\bpounds?\b/, 'GBP'],
  [/¥|\bjpy\b|\byen\b/, 'JPY'],
  [/\bchf\b/, 'CHF'],
  [/₹|\binr\b|\brupees?\b/, 'INR'],
  [/\$/, 'USD'],
];
const CURRENCY_MARKS =
  /us\$|c\$|a\$|[$€£¥₹]|\b(?:usd|cad|aud|eur|euros?|gbp|pounds?|jpy|yen|chf|inr|rupees?|dollars?)\b/g;
const NOISE =
  /\b(?:annual|revenues?|turnover|sales|arr|per year|a year|yearly|p\.?a|approx(?:imately)?)\b|\/\s*(?:yr|year)\b|[()]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const SPACES = /\s+/g;

const parse = (raw: string): RevenueRange | undefined => {
  const lower = raw.toLowerCase();
  const currency = CURRENCIES.find(([pattern]) => pattern.test(lower))?.[1];
  const text = lower
    .replace(DASHES, '-')
    .replace(CURRENCY_MARKS, ' ')
    .replace(NOISE, ' ')
    .replace(SPACES, ' ')
    .trim();
  const range = parseRangeText(text, 'amount');
  if (range === undefined) return undefined;
  return Object.freeze(currency === undefined ? range : { ...range, currency });
};

/**
 * Parses an annual revenue as people write it: "$10M", "10 million", "1-5 billion",
 * "$10M-$50M", "USD 2.5bn", "500K", "1,234,567", "€5M", "over $1B". Numbers are returned as
 * written, in units of the currency: there is no exchange-rate conversion at this stage, so a
 * caller that needs US dollars must convert when `currency` is set and is not "USD" (no
 * currency usually means dollars in US-centric data). Columns whose unit is implied by the
 * header — Fortune's "revenue in millions" — are the caller's to scale. Memoized.
 */
export const parseRevenue: (raw: string) => RevenueRange | undefined = boundedCache(parse, 5_000);
