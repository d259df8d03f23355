import { judgeNationalDigits, nationalNumberOf, resolveE164 } from './phone-e164.js';
import type { PhoneVerdict } from './phone-e164.js';
import { planOf } from './phone-plan.js';
import type { Plan } from './phone-plan.js';

const tooLong = (plan: Plan, national: string): boolean => {
  const longest = plan.lengths?.[plan.lengths.length - 1];
  return longest !== undefined && national.length > longest;
};

/**
 * libphonenumber-js's extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: whether
 * national digits are really an international number that lost its "+" ("14155550123" in the
 * US). `undefined` when the national prefix of the plan is beyond the fast path.
 */
const lostItsPlus = (plan: Plan, digits: string): boolean | undefined => {
  if (!digits.startsWith(plan.callingCode)) return false;
  const full = nationalNumberOf(plan, digits);
  const shorter = nationalNumberOf(plan, digits.slice(plan.callingCode.length));
  if (full === undefined || shorter === undefined) return undefined;
  return (!plan.national.test(full) && plan.national.test(shorter)) || tooLong(plan, full);
};

/**
 * Resolves the digits of a number written the national way ("020 7946 0958") in `country`
 * (ISO alpha-2, upper case) to the verdict libphonenumber-js gives with that default country:
 * the national prefix stripped as the plan says, the country possibly another one sharing the
 * calling code. Returns `undefined` when it cannot be sure — the digits start with the
 * country's international prefix (the library would read them as international), or its
 * national prefix rewrites digits — so the caller falls back to the library.
 */
export const resolveNational = (digits: string, country: string): PhoneVerdict | undefined => {
  const plan = planOf(country);
  if (plan === undefined || plan.iddPrefix?.test(digits) === true) return undefined;
  const international = lostItsPlus(plan, digits);
  if (international === undefined) return undefined;
  return international ? resolveE164(digits) : judgeNationalDigits(plan, digits, country);
};
