import { countriesOf, countryOf, hasPossibleLength, isNonGeographic, planOf, typeOf } from './phone-plan.js';
import type { Plan, PhoneType } from './phone-plan.js';

export type { PhoneType } from './phone-plan.js';

/** The library's answer for a number, without asking the library. */
export type PhoneVerdict =
  | { readonly ok: true; readonly e164: string; readonly country: string; readonly type: PhoneType }
  | { readonly ok: false; readonly problem: string };

const invalid = (problem: string): PhoneVerdict => ({ ok: false, problem });
// The texts phone.ts gives for the library's ParseError codes.
const UNKNOWN_CODE = invalid('unknown country calling code');
const TOO_SHORT = invalid('is too short to be a phone number');
const TOO_LONG = invalid('is too long to be a phone number');
// libphonenumber-js constants.js: MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN.
const MIN_NATIONAL = 2;
const MAX_NATIONAL = 17;

/**
 * libphonenumber-js's extractNationalNumber: drops a national prefix ("0" in "+44 (0)20 …")
 * unless what is left could not be a number of the plan. `undefined` when the plan's
 * national_prefix_transform_rule would rewrite the digits (AR, BR, JP, …): left to the library.
 */
export const nationalNumberOf = (plan: Plan, number: string): string | undefined => {
  const prefix = number === '' ? null : (plan.nationalPrefix?.exec(number) ?? null);
  if (prefix === null) return number;
  const lastGroup = prefix.length - 1;
  if (plan.transformsPrefix && lastGroup > 0 && prefix[lastGroup]) return undefined;
  const stripped = number.slice(prefix[0].length);
  if (stripped === number) return number;
  // In some plans the prefix digit also starts valid numbers (RU 8 800 …): keep a viable number.
  if (plan.national.test(number) && !plan.national.test(stripped)) return number;
  if (plan.lengths !== undefined) {
    const country = countryOf(plan.callingCode, stripped)?.[0] ?? plan;
    if (!hasPossibleLength(country, stripped)) return number;
  }
  return stripped;
};

/**
 * The verdict on the digits after a calling code, read with `selected`'s plan (the calling
 * code's main country for international input, the default country for national input).
 */
export const judgeNationalDigits = (
  selected: Plan,
  digits: string,
  defaultCountry: string | undefined,
): PhoneVerdict | undefined => {
  const national = nationalNumberOf(selected, digits);
  if (national === undefined) return undefined;
  if (national.length < MIN_NATIONAL) return TOO_SHORT;
  if (national.length > MAX_NATIONAL) return TOO_LONG;
  const found = countryOf(selected.callingCode, national);
  const plan = found?.[0] ?? selected;
  const type = found?.[1] ?? typeOf(plan, national);
  if (type === undefined) {
    const where = found?.[0].country ?? defaultCountry ?? `+${selected.callingCode}`;
    return invalid(`is not a valid ${where} number`);
  }
  return { ok: true, e164: `+${selected.callingCode}${national}`, country: plan.country, type };
};

/**
 * Resolves the digits of an international number (without "+" or "00") to the verdict
 * libphonenumber-js (max metadata) gives — valid with its country and type, or why not — at a
 * fraction of the cost: patterns are compiled once per country instead of on every call.
 * Returns `undefined` when it cannot be sure (non-geographic numbers such as +800, national
 * prefixes that rewrite digits), so the caller falls back to the library.
 */
export const resolveE164 = (digits: string): PhoneVerdict | undefined => {
  if (digits.startsWith('0')) return UNKNOWN_CODE;
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const code = digits.slice(0, length);
    const countries = countriesOf(code);
    if (countries === undefined) {
      if (isNonGeographic(code)) return undefined;
      continue;
    }
    const main = countries[0] === undefined ? undefined : planOf(countries[0]);
    return main === undefined ? undefined : judgeNationalDigits(main, digits.slice(length), undefined);
  }
  return UNKNOWN_CODE;
};
