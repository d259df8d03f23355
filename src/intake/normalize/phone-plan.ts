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

// Positions in libphonenumber-js's metadata format v4 (see its source/metadata.js). The
// version is pinned in package.json; the phone-*.test.ts files compare answers with the library.
const CALLING_CODE = 0;
const IDD_PREFIX = 1;
const NATIONAL_PATTERN = 2;
const POSSIBLE_LENGTHS = 3;
const NATIONAL_PREFIX = 5;
const NATIONAL_PREFIX_FOR_PARSING = 7;
const NATIONAL_PREFIX_TRANSFORM_RULE = 8;
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

/** One country's numbering plan, with its patterns compiled once. */
export interface Plan {
  readonly country: string;
  readonly callingCode: string;
  readonly national: RegExp;
  /** Possible lengths of a national significant number, ascending; absent in old metadata. */
  readonly lengths: readonly number[] | undefined;
  readonly leadingDigits: RegExp | undefined;
  readonly iddPrefix: RegExp | undefined;
  /** `national_prefix_for_parsing`, or the national prefix, anchored at the start. */
  readonly nationalPrefix: RegExp | undefined;
  /** Set when a national prefix match may rewrite the number rather than just drop digits. */
  readonly transformsPrefix: boolean;
  readonly fixedLine: TypeRule | undefined;
  /** `undefined`: no mobile data; `null`: mobile equals fixed line (pattern removed as duplicate). */
  readonly mobile: TypeRule | null | undefined;
  readonly others: readonly (readonly [TypeRule, PhoneType])[];
}

type RawPlan = readonly unknown[];
type RawType = readonly [string, (readonly number[])?] | undefined;
const countries = metadata.countries as unknown as Readonly<Record<string, RawPlan>>;
const callingCodes = metadata.country_calling_codes as unknown as Readonly<Record<string, readonly string[]>>;
const nonGeographic = (metadata as unknown as { nonGeographic?: Readonly<Record<string, unknown>> })
  .nonGeographic;

const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`);
const start = (source: string | undefined): RegExp | undefined =>
  source === undefined ? undefined : new RegExp(`^(?:${source})`);
const optional = (raw: unknown): string | undefined =>
  typeof raw === 'string' && raw !== '' ? raw : undefined;

const compile = (country: string, raw: RawPlan): Plan => {
  const types = (raw[TYPES] || []) as readonly (RawType | 0)[];
  const lengths = (raw[POSSIBLE_LENGTHS] || undefined) as readonly number[] | undefined;
  // The metadata writes 0 for an absent entry, and "" for a pattern removed as a duplicate; a
  // type without lengths of its own takes the plan's (libphonenumber-js metadata.js, Type).
  const rule = (typeRaw: RawType | 0): TypeRule | undefined =>
    typeRaw && typeRaw[0] !== '' ? { pattern: whole(typeRaw[0]), lengths: typeRaw[1] || lengths } : undefined;
  const mobileRaw = types[1];
  return {
    country,
    callingCode: raw[CALLING_CODE] as string,
    national: whole(raw[NATIONAL_PATTERN] as string),
    lengths,
    leadingDigits: start(optional(raw[LEADING_DIGITS])),
    iddPrefix: start(optional(raw[IDD_PREFIX])),
    nationalPrefix: start(optional(raw[NATIONAL_PREFIX_FOR_PARSING]) ?? optional(raw[NATIONAL_PREFIX])),
    transformsPrefix: optional(raw[NATIONAL_PREFIX_TRANSFORM_RULE]) !== undefined,
    fixedLine: rule(types[0]),
    mobile: !mobileRaw ? undefined : mobileRaw[0] === '' ? null : rule(mobileRaw),
    others: OTHER_TYPES.flatMap(([index, type]) => {
      const compiled = rule(types[index]);
      return compiled === undefined ? [] : [[compiled, type] as const];
    }),
  };
};

const plans = new Map<string, Plan>();

/** The compiled plan of an ISO country (or `undefined` for unknown ones and "001"). */
export const planOf = (country: string): Plan | undefined => {
  let plan = plans.get(country);
  if (plan === undefined) {
    const raw = countries[country];
    if (raw === undefined) return undefined;
    plan = compile(country, raw);
    plans.set(country, plan);
  }
  return plan;
};

/** The countries sharing a calling code, the main one first; `undefined` if none does. */
export const countriesOf = (code: string): readonly string[] | undefined => callingCodes[code];

/** Whether a calling code belongs to a non-geographic entity (+800, +882, …). */
export const isNonGeographic = (code: string): boolean => nonGeographic?.[code] !== undefined;

const matches = (rule: TypeRule | null | undefined, national: string): boolean =>
  rule != null &&
  (rule.lengths === undefined || rule.lengths.includes(national.length)) &&
  rule.pattern.test(national);

/** libphonenumber's getNumberType, on precompiled patterns. */
export const typeOf = (plan: Plan, national: string): PhoneType | undefined => {
  if (!plan.national.test(national)) return undefined;
  if (matches(plan.fixedLine, national)) {
    return plan.mobile === undefined || plan.mobile === null || matches(plan.mobile, national)
      ? 'fixed_line_or_mobile'
      : 'fixed_line';
  }
  for (const [typeRule, type] of plan.others) if (matches(typeRule, national)) return type;
  return undefined;
};

/**
 * libphonenumber's getCountryByCallingCode: the country of a national number among those that
 * share its calling code, with the type when it had to be computed to choose.
 */
export const countryOf = (code: string, national: string): [Plan, PhoneType | undefined] | undefined => {
  const candidates = callingCodes[code];
  if (candidates === undefined) return undefined;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only !== undefined) {
    const plan = planOf(only);
    return plan === undefined ? undefined : [plan, undefined];
  }
  for (const country of candidates) {
    const plan = planOf(country);
    if (plan === undefined) continue;
    if (plan.leadingDigits !== undefined) {
      if (plan.leadingDigits.test(national)) return [plan, undefined];
    } else {
      const type = typeOf(plan, national);
      if (type !== undefined) return [plan, type];
    }
  }
  return undefined;
};

/** libphonenumber's checkNumberLength, reduced to "could this length be a number here?". */
export const hasPossibleLength = (plan: Plan, national: string): boolean => {
  const lengths = plan.lengths;
  if (lengths === undefined) return true;
  const length = national.length;
  const shortest = lengths[0] ?? 0;
  if (length < shortest) return false;
  // Longer than every possible length counts as possible ("TOO_LONG" is not rejected there).
  return length === shortest || length > (lengths[lengths.length - 1] ?? 0) || lengths.includes(length);
};
