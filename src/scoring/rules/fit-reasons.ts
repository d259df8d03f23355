import type { CitedFact } from '../../domain/decision.js';
import type { Fact } from '../../domain/provenance.js';
import { formatCount } from '../../domain/format-count.js';

const SENIORITY_WORDS: Readonly<Record<string, string>> = {
  founder: 'Founder or owner',
  c_level: 'C-level buyer',
  vp: 'VP-level buyer',
  director: 'Director-level buyer',
  manager: 'Manager',
  senior: 'Senior individual contributor',
  entry: 'Entry-level title',
  intern: 'Intern or student',
};

const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  customer_success: 'customer success',
  it: 'IT',
  hr: 'HR',
};

const EMAIL_WORDS: Readonly<Record<string, string>> = {
  corporate: 'Uses a work email address',
  free: 'Uses a free-mail address',
  role: 'Uses a shared (role) mailbox',
  disposable: 'Uses a disposable email address',
  education: 'Uses a student or school email address',
};

/** "VP-level buyer". */
export const seniorityWords = (seniority: string): string => SENIORITY_WORDS[seniority] ?? seniority;

/** "sales", "IT". */
export const functionWords = (fn: string): string => FUNCTION_WORDS[fn] ?? fn.replace(/_/g, ' ');

/** "Uses a free-mail address". */
export const emailWords = (type: string): string => EMAIL_WORDS[type] ?? `Email address of type ${type}`;

/** "50–5,000", "50 or more", "up to 200". */
export const rangeWords = (min: number | undefined, max: number | undefined): string =>
  min !== undefined && max !== undefined
    ? `${formatCount(min)}–${formatCount(max)}`
    : min !== undefined
      ? `${formatCount(min)} or more`
      : `up to ${formatCount(max ?? 0)}`;

/** A fact cited by a reason: its field, value and provenance. */
export const cite = (field: string, fact: Fact<unknown>): CitedFact => ({
  field,
  value: fact.value,
  provenance: fact.provenance,
});

/** "200-person", "201–500-person", "10,000+ person". */
export const sizeWords = (range: { readonly min: number; readonly max?: number }): string =>
  range.max === undefined
    ? `${formatCount(range.min)}+ person`
    : range.min === range.max
      ? `${formatCount(range.min)}-person`
      : `${formatCount(range.min)}–${formatCount(range.max)}-person`;
