import { z } from 'zod';
import { EMAIL_TYPES, JOB_FUNCTIONS, SENIORITIES } from '../domain/lead.js';
import { INDUSTRY_IDS } from '../intake/normalize/industry-taxonomy.js';
import { REGION_COUNTRIES } from './regions.js';

/** Points a rule adds to (or, negative, removes from) a score out of 100. */
export const Points = z
  .number()
  .min(-100, 'points must be between -100 and 100')
  .max(100, 'points must be between -100 and 100');

/**
 * An ISO 3166 alpha-2 country code, upper case, or a region name (EU, DACH, NORDICS, EMEA, …;
 * see `regions.ts`), which stands for its countries.
 */
export const CountryCode = z
  .string()
  .refine((c) => /^[A-Z]{2}$/.test(c) || REGION_COUNTRIES[c] !== undefined, {
    message: `expected a two-letter ISO country code in capitals, such as US or DE, or a region: ${Object.keys(REGION_COUNTRIES).join(', ')}`,
  });

const Industry = z.enum(INDUSTRY_IDS as [string, ...string[]], {
  error: `expected an industry of the taxonomy (${INDUSTRY_IDS.join(', ')})`,
});

/** Points when a value is among `include`. */
const membership = <T extends z.ZodType>(item: T) =>
  z.object({ include: z.array(item).min(1, 'list at least one value'), points: Points }).strict();

/** Points when a number falls in [min, max] (either end may be open). */
const Range = z
  .object({
    min: z.number().nonnegative().optional(),
    max: z.number().nonnegative().optional(),
    points: Points,
  })
  .strict()
  .refine((r) => r.min !== undefined || r.max !== undefined, 'give min, max or both')
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');

/** Points per level: `{ vp: 20, director: 15, intern: -20 }`. */
const levels = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.partialRecord(z.enum(values, { error: `expected a ${what}: ${values.join(', ')}` }), Points);

/**
 * Fit: who the buyer is and what the company is, each rule worth points. Absent rules score
 * nothing; a fact the rule needs but the lead lacks scores nothing either (and may be required).
 */
export const FitRules = z
  .object({
    industries: membership(Industry).optional(),
    employees: Range.optional(),
    /** Annual revenue in US dollars. */
    revenue: Range.optional(),
    countries: membership(CountryCode).optional(),
    seniority: levels(SENIORITIES, 'seniority').optional(),
    functions: levels(JOB_FUNCTIONS, 'function').optional(),
    technologies: membership(z.string().min(1)).optional(),
    emailTypes: levels(EMAIL_TYPES, 'email type').optional(),
  })
  .strict();
export type FitRules = z.output<typeof FitRules>;
