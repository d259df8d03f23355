import { isSupportedCountry } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { resolveE164 } from './phone-e164.js';
import type { PhoneVerdict } from './phone-e164.js';
import { splitPhoneExtension } from './phone-extension.js';
import { parsePhoneWithLibrary } from './phone-library.js';
import { resolveNational } from './phone-national.js';
import type { PhoneType } from './phone-plan.js';

export type { PhoneType } from './phone-plan.js';

/** The outcome of `normalizePhone`. */
export type PhoneResult =
  | {
      readonly ok: true;
      /** E.164, without the extension: `+14155550123`. */
      readonly e164: string;
      /** ISO 3166-1 alpha-2; absent for non-geographic numbers (+800, +882, …). */
      readonly country?: string;
      readonly type?: PhoneType;
      /** Digits after "ext.", "x", "#" or ";ext=", when the input had them. */
      readonly extension?: string;
    }
  | { readonly ok: false; readonly problem: string };

const invalid = (problem: string): PhoneResult => ({ ok: false, problem });

// Punctuation people put between digits; removed before looking for an E.164 shape.
const SEPARATORS = /[\s().\-/\u00a0\u2010-\u2015]/g;
const INTERNATIONAL = /^(?:\+|00)(\d{4,17})$/;
const NATIONAL = /^\d{3,17}$/;
const DIGIT = /\d/;
// libphonenumber-js parse.js: MAX_INPUT_STRING_LENGTH; longer input is its own error.
const MAX_INPUT = 250;

// The library costs 10–30 µs a call; inputs it has to see (national formats, extensions) often
// repeat within one import (a switchboard number), so memoize, with a cap for unique streams.
const MEMO_CAP = 20_000;
const memo = new Map<string, PhoneResult>();

const countryCode = (code: string | undefined): CountryCode | undefined =>
  code !== undefined && isSupportedCountry(code as CountryCode, metadata) ? (code as CountryCode) : undefined;

const slowPath = (text: string, compact: string, defaultCountry: string | undefined): PhoneResult => {
  const upper = defaultCountry?.trim().toUpperCase();
  const country = countryCode(upper);
  const key = `${upper ?? ''}|${text}`;
  let result = memo.get(key);
  if (result !== undefined) return result;
  if (!/\d/.test(compact)) result = invalid('has no digits');
  else if (compact.startsWith('00')) {
    // "00" is the international prefix nearly everywhere; the library only knows it per country.
    result = parsePhoneWithLibrary(`+${text.slice(text.indexOf('00') + 2)}`, country);
  } else if (!compact.startsWith('+') && country === undefined) {
    result = invalid(
      upper === undefined || upper === ''
        ? 'no country code and no default country'
        : `no country code, and the default country ${JSON.stringify(defaultCountry)} is not known`,
    );
  } else result = parsePhoneWithLibrary(text, country);
  if (memo.size >= MEMO_CAP) memo.clear();
  memo.set(key, result);
  return result;
};

const withExtension = (verdict: PhoneVerdict, extension: string | undefined): PhoneResult =>
  verdict.ok && extension !== undefined ? { ...verdict, extension } : verdict;

/** The library's verdict without the library, or `undefined` when only the library can tell. */
const fastPath = (text: string, defaultCountry: string | undefined): PhoneResult | undefined => {
  if (text.length > MAX_INPUT) return undefined;
  let compact = text.replace(SEPARATORS, '');
  let extension: string | undefined;
  if (!INTERNATIONAL.test(compact) && !NATIONAL.test(compact)) {
    const split = splitPhoneExtension(text);
    if (split === undefined) return undefined;
    compact = split.number.replace(SEPARATORS, '');
    extension = split.extension;
  }
  const international = INTERNATIONAL.exec(compact)?.[1];
  // slowPath gives the library what follows the first "00" as international: the same digits
  // only if that "00" is where the digits start.
  if (compact.startsWith('00') && (international === undefined || text.indexOf('00') !== text.search(DIGIT)))
    return undefined;
  if (international !== undefined) {
    const verdict = resolveE164(international);
    return verdict === undefined ? undefined : withExtension(verdict, extension);
  }
  const country = defaultCountry?.trim().toUpperCase();
  if (country === undefined || country === '' || !NATIONAL.test(compact)) return undefined;
  const verdict = resolveNational(compact, country);
  return verdict === undefined ? undefined : withExtension(verdict, extension);
};

/**
 * Normalizes a phone number to E.164 with its country and type (libphonenumber-js, max
 * metadata, so types and validity are exact). Accepts "+1 (415) 555-0123", "0044 20 7946 0958",
 * "tel:+1-415-555-0123", "+44 (0)20 7946 0958 x87", and national forms such as
 * "020 7946 0958" when `defaultCountry` (ISO alpha-2) says where they are from. Never throws.
 * Common shapes take a fast path that gives the library's answer, valid or not, without its
 * cost (see `resolveE164` and `resolveNational`); the rest go to the library.
 */
export const normalizePhone = (raw: string, defaultCountry?: string): PhoneResult => {
  let text = raw.trim();
  if (text.length > 4 && text.slice(0, 4).toLowerCase() === 'tel:') text = text.slice(4).trim();
  if (text === '') return invalid('is empty');
  const fast = fastPath(text, defaultCountry);
  if (fast !== undefined) return fast;
  const compact = text.replace(SEPARATORS, '');
  return slowPath(text, compact, defaultCountry);
};
