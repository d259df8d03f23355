import { z } from 'zod';
import { JOB_FUNCTIONS, SENIORITIES } from '../domain/lead.js';

const JobFunction = z.enum(JOB_FUNCTIONS, { error: `expected a function: ${JOB_FUNCTIONS.join(', ')}` });

/**
 * One seat of the buying committee: a person of at least `minSeniority`, in one of the named
 * functions (any function when none is named). `label` is how reasons name the seat.
 */
export const CommitteeRole = z
  .object({
    label: z.string().min(1).optional(),
    function: z.union([JobFunction, z.array(JobFunction).min(1, 'list at least one function')]).optional(),
    minSeniority: z.enum(SENIORITIES, { error: `expected a seniority: ${SENIORITIES.join(', ')}` }),
  })
  .strict();
export type CommitteeRole = z.output<typeof CommitteeRole>;

/**
 * The playbook's ideal buying committee for account scoring: the seats an account should have
 * filled by distinct people, and how many engaged contacts an account needs to be qualified.
 */
export const Committee = z
  .object({
    roles: z.array(CommitteeRole).min(1, 'list at least one role'),
    minEngaged: z.number().int().min(1).default(2),
  })
  .strict();
export type Committee = z.output<typeof Committee>;

/**
 * The committee used when a criteria file has none: someone who can sign (VP or above, any
 * function), a manager-level champion who runs the evaluation, and a technical evaluator from
 * IT or engineering — the three seats most B2B purchases need filled.
 */
export const DEFAULT_COMMITTEE: Committee = Object.freeze({
  roles: Object.freeze([
    { label: 'economic buyer', minSeniority: 'vp' },
    { label: 'champion', minSeniority: 'manager' },
    { label: 'technical evaluator', function: ['it', 'engineering'], minSeniority: 'senior' },
  ]) as Committee['roles'],
  minEngaged: 2,
}) as Committee;
