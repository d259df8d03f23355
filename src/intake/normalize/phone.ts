import { isSupportedCountry, ParseError, parsePhoneNumberWithError } from 'libphonenumber-js/core';
import type { CountryCode } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { resolveE164 } from './phone-e164.js';
import type { PhoneType } from './phone-e164.js';

export type { PhoneType } from './phone-e164.js';

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
const INTERNATIONAL = /^(?:\+|00)(\d{6,15})$/;

const PARSE_PROBLEMS: Readonly<Record<string, string>> = {
  INVALID_COUNTRY: 'unknown country calling code',
  NOT_A_NUMBER: 'is not a phone number',
  TOO_SHORT: 'is too short to be a phone number',
  TOO_LONG: 'is too long to be a phone number',
};

const parseWithLibrary = (text: string, country: CountryCode | undefined): PhoneResult => {
  try {
    const phone = parsePhoneNumberWithError(
      text,
      country === undefined ? {} : { defaultCountry: country },
      metadata,
    );
    if (!phone.isValid()) {
      return invalid(`is not a valid ${phone.country ?? `+${phone.countryCallingCode}`} number`);
    }
    const type = phone.getType()?.toLowerCase() as PhoneType | undefined;
    return {
      ok: true,
      e164: phone.number,
      ...(phone.country === undefined ? {} : { country: phone.country }),
      ...(type === undefined ? {} : { type }),
      ...(phone.ext === undefined ? {} : { extension: phone.ext }),
    };
  } catch (error) {
    if (error instanceof ParseError) return invalid(PARSE_PROBLEMS[error.message] ?? error.message);
    throw error;
  }
};

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
    result = parseWithLibrary(`+${text.slice(text.indexOf('00') + 2)}`, country);
  } else if (!compact.startsWith('+') && country === undefined) {
    result = invalid(
      upper === undefined || upper === ''
        ? 'no country code and no default country'
        : `no country code, and the default country ${JSON.stringify(defaultCountry)} is not known`,
    );
  } else result = parseWithLibrary(text, country);
  if (memo.size >= MEMO_CAP) memo.clear();
  memo.set(key, result);
  return result;
};

/**
 * Normalizes a phone number to E.164 with its country and type (libphonenumber-js, max
 * metadata, so types and validity are exact). Accepts "+1 (415) 555-0123", "0044 20 7946 0958",
 * "tel:+1-415-555-0123", and national forms such as "020 7946 0958" when `defaultCountry`
 * (ISO alpha-2) says where they are from. Never throws. Numbers already in international form
 * take a fast path that gives the library's answer without its cost (see `resolveE164`).
 */
export const normalizePhone = (raw: string, defaultCountry?: string): PhoneResult => {
  let text = raw.trim();
  if (text.length > 4 && text.slice(0, 4).toLowerCase() === 'tel:') text = text.slice(4).trim();
  if (text === '') return invalid('is empty');
  const compact = text.replace(SEPARATORS, '');
  const international = INTERNATIONAL.exec(compact);
  const fast = international?.[1] === undefined ? undefined : resolveE164(international[1]);
  if (fast !== undefined) return { ok: true, e164: fast.e164, country: fast.country, type: fast.type };
  return slowPath(text, compact, defaultCountry);
};
