import metadata from 'libphonenumber-js/max/metadata';

/** Number types as libphonenumber-js names them, in snake case. */
export type PhoneType =
  | 'fixed_line'
  | 'mobile'
  | 'fixed_line_or_mobile'
  | 'toll_free'
  | 'premium_rate'
  | 'shared_cost'
  | 'voip'
  | 'personal_number'
  | 'pager'
  | 'uan'
  | 'voicemail';

/** A number resolved from its E.164 digits. */
export interface E164Match {
  readonly e164: string;
  readonly country: string;
  readonly type: PhoneType;
}

// Positions in libphonenumber-js's metadata format v4 (see its source/metadata.js). The
// version is pinned in package.json; phone-e164.test.ts compares every answer with the library.
const NATIONAL_PATTERN = 2;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const LEADING_DIGITS = 10;
const TYPES = 11;
// Index in the types array → type, in the order getNumberType tries the non-fixed-line types.
const OTHER_TYPES: readonly (readonly [number, PhoneType])[] = [
  [1, 'mobile'],
  [3, 'premium_rate'],
  [2, 'toll_free'],
  [9, 'shared_cost'],
  [8, 'voip'],
  [4, 'personal_number'],
  [7, 'pager'],
  [6, 'uan'],
  [5, 'voicemail'],
];

interface TypeRule {
  readonly pattern: RegExp;
  readonly lengths: readonly number[] | undefined;
}

interface Plan {
  readonly national: RegExp;
  readonly leadingDigits: RegExp | undefined;
  readonly nationalPrefix: RegExp | undefined;
  readonly fixedLine: TypeRule | undefined;
  /** `undefined`: no mobile data; `null`: mobile equals fixed line (pattern removed as duplicate). */
  readonly mobile: TypeRule | null | undefined;
  readonly others: readonly (readonly [TypeRule, PhoneType])[];
}

type RawPlan = readonly unknown[];
type RawType = readonly [string, (readonly number[])?] | undefined;
const countries = metadata.countries as unknown as Readonly<Record<string, RawPlan>>;
const callingCodes = metadata.country_calling_codes as unknown as Readonly<Record<string, readonly string[]>>;

const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`);
// The metadata writes 0 for an absent entry, and "" for a pattern removed as a duplicate.
const rule = (raw: RawType | 0): TypeRule | undefined =>
  raw ? { pattern: whole(raw[0]), lengths: raw[1] || undefined } : undefined;
const optional = (raw: unknown): string | undefined =>
  typeof raw === 'string' && raw !== '' ? raw : undefined;

const compile = (raw: RawPlan): Plan => {
  const types = (raw[TYPES] || []) as readonly (RawType | 0)[];
  const mobileRaw = types[1];
  const prefix = optional(raw[NATIONAL_PREFIX_FOR_PARSING]) ?? optional(raw[NATIONAL_PREFIX]);
  const leading = optional(raw[LEADING_DIGITS]);
  return {
    national: whole(raw[NATIONAL_PATTERN] as string),
    leadingDigits: leading === undefined ? undefined : new RegExp(`^(?:${leading})`),
    nationalPrefix: prefix === undefined ? undefined : new RegExp(`^(?:${prefix})`),
    fixedLine: types[0] && types[0][0] !== '' ? rule(types[0]) : undefined,
    mobile: !mobileRaw ? undefined : mobileRaw[0] === '' ? null : rule(mobileRaw),
    others: OTHER_TYPES.flatMap(([index, type]) => {
      const typeRaw = types[index];
      const compiled = typeRaw && typeRaw[0] !== '' ? rule(typeRaw) : undefined;
      return compiled === undefined ? [] : [[compiled, type] as const];
    }),
  };
};

const plans = new Map<string, Plan>();
const planOf = (country: string): Plan | undefined => {
  let plan = plans.get(country);
  if (plan === undefined) {
    const raw = countries[country];
    if (raw === undefined) return undefined;
    plan = compile(raw);
    plans.set(country, plan);
  }
  return plan;
};

const matches = (rule: TypeRule | null | undefined, national: string): boolean =>
  rule != null &&
  (rule.lengths === undefined || rule.lengths.includes(national.length)) &&
  rule.pattern.test(national);

/** libphonenumber's getNumberType, on precompiled patterns. */
const typeOf = (plan: Plan, national: string): PhoneType | undefined => {
  if (!plan.national.test(national)) return undefined;
  if (matches(plan.fixedLine, national)) {
    return plan.mobile === undefined || plan.mobile === null || matches(plan.mobile, national)
      ? 'fixed_line_or_mobile'
      : 'fixed_line';
  }
  for (const [typeRule, type] of plan.others) if (matches(typeRule, national)) return type;
  return undefined;
};

/** The country (and the type, when it had to be computed to choose) for a calling code. */
const resolveCountry = (code: string, national: string): [string, PhoneType | undefined] | undefined => {
  const candidates = callingCodes[code] ?? [];
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only !== undefined) return [only, undefined];
  for (const country of candidates) {
    const plan = planOf(country);
    if (plan === undefined) continue;
    if (plan.leadingDigits !== undefined) {
      if (plan.leadingDigits.test(national)) return [country, undefined];
    } else {
      const type = typeOf(plan, national);
      if (type !== undefined) return [country, type];
    }
  }
  return undefined;
};

/**
 * Resolves the digits of an international number (without "+") to a valid number, its country
 * and type, giving the same answer as libphonenumber-js (max metadata) at a fraction of the cost:
 * patterns are compiled once per country instead of on every call. Returns `undefined` whenever
 * it cannot be sure — invalid, non-geographic (+800), or a national number that starts like a
 * national prefix, which the library may strip — so the caller falls back to the library.
 */
export const resolveE164 = (digits: string): E164Match | undefined => {
  for (let length = 1; length <= 3; length++) {
    const code = digits.slice(0, length);
    if (callingCodes[code] === undefined) continue;
    const national = digits.slice(length);
    const resolved = resolveCountry(code, national);
    const plan = resolved === undefined || resolved[0] === '001' ? undefined : planOf(resolved[0]);
    if (resolved === undefined || plan === undefined) return undefined;
    if (plan.nationalPrefix?.test(national)) return undefined;
    const type = resolved[1] ?? typeOf(plan, national);
    return type === undefined ? undefined : { e164: `+${digits}`, country: resolved[0], type };
  }
  return undefined;
};
