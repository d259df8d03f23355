import { z } from 'zod';
import { ACTIVITY_TYPES } from '../domain/activity.js';
import { EMAIL_TYPES, JOB_FUNCTIONS, SENIORITIES } from '../domain/lead.js';
import { Committee } from './committee-schema.js';
import { CountryCode, FitRules } from './fit-rules.js';
import { IntentRules } from './intent-rules.js';
import { RoutingSection, unknownPlaybookIssues } from './routing-schema.js';

/** Hard disqualifiers: any one makes a lead `not_qualified`, whatever its score. */
export const Disqualifiers = z
  .object({
    /** Registrable domains of competitors: their people are never qualified. */
    competitorDomains: z
      .array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'expected a domain such as rival.com'))
      .default([]),
    /** Education email addresses or an intern/student title. */
    students: z.boolean().default(false),
    /** Free-mail or disposable addresses (for enterprise paths). */
    freeMail: z.boolean().default(false),
    countriesNotServed: z.array(CountryCode).default([]),
    /** An explicit "not interested" (an email reply or outcome saying so). */
    notInterested: z.boolean().default(true),
  })
  .strict();

/** Facts a decision may require; without them the verdict is `needs_info`. */
export const REQUIRABLE_FACTS = [
  'person.email',
  'person.phone',
  'person.title',
  'person.seniority',
  'person.jobFunction',
  'person.country',
  'company.name',
  'company.domain',
  'company.industry',
  'company.sizeBand',
  'company.revenue',
  'company.country',
  'company.technologies',
] as const;
export type RequirableFact = (typeof REQUIRABLE_FACTS)[number];

const RequiredFact = z.union([
  z.enum(REQUIRABLE_FACTS, { error: `expected a fact: ${REQUIRABLE_FACTS.join(', ')}` }),
  z
    .object({
      fact: z.enum(REQUIRABLE_FACTS, { error: `expected a fact: ${REQUIRABLE_FACTS.join(', ')}` }),
      how: z.enum(['ask', 'enrich']),
      question: z.string().min(1).optional(),
    })
    .strict(),
]);

const FIT_GRADES = ['A', 'B', 'C', 'D'] as const;

/** Fit grades A–C by minimum fit score (D below), intent grades 1–3 likewise (4 below). */
export const Grades = z
  .object({
    fit: z.object({ A: z.number(), B: z.number(), C: z.number() }).strict().default({ A: 70, B: 45, C: 20 }),
    intent: z
      .object({ '1': z.number(), '2': z.number(), '3': z.number() })
      .strict()
      .default({ '1': 60, '2': 30, '3': 10 }),
  })
  .strict()
  .refine((g) => g.fit.A >= g.fit.B && g.fit.B >= g.fit.C, 'fit grades must not increase from A to C')
  .refine(
    (g) => g.intent['1'] >= g.intent['2'] && g.intent['2'] >= g.intent['3'],
    'intent grades must not increase from 1 to 3',
  );

/**
 * How fit and intent make the 0–100 score, and what it takes to be qualified: a minimum score
 * and, so that neither fit alone nor intent alone qualifies, a minimum grade of each.
 */
export const Verdicts = z
  .object({
    fitWeight: z.number().min(0).max(1).default(0.6),
    minScore: z.number().min(0).max(100).default(60),
    minFitGrade: z.enum(FIT_GRADES).default('B'),
    minIntentGrade: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).default(3),
  })
  .strict();

/** When a playbook applies: every condition given must hold (lists mean "any of"). */
export const PlaybookWhen = z
  .object({
    sources: z.array(z.string().min(1)).optional(),
    events: z.array(z.enum(ACTIVITY_TYPES)).optional(),
    seniority: z.array(z.enum(SENIORITIES)).optional(),
    functions: z.array(z.enum(JOB_FUNCTIONS)).optional(),
    emailTypes: z.array(z.enum(EMAIL_TYPES)).optional(),
    minEmployees: z.number().nonnegative().optional(),
    maxEmployees: z.number().nonnegative().optional(),
  })
  .strict();

/** The sections a playbook may replace (each replaces the default section whole). */
const sections = {
  icp: z.string().min(1).optional(),
  fit: FitRules.optional(),
  intent: IntentRules.optional(),
  disqualifiers: Disqualifiers.optional(),
  required: z.array(RequiredFact).optional(),
  grades: Grades.optional(),
  verdicts: Verdicts.optional(),
};

export const Playbook = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a name such as enterprise-demo'),
    description: z.string().optional(),
    when: PlaybookWhen,
    ...sections,
  })
  .strict();

/**
 * A criteria file: what "qualified" means, in plain language (`icp`, which the LLM reads) and
 * as rules, with playbooks for the lead sources and personas that deserve their own path.
 */
export const Criteria = z
  .object({
    name: z.string().min(1),
    icp: z.string().min(1, 'describe the ideal customer in plain language'),
    fit: FitRules.default({}),
    intent: IntentRules.default({ halfLifeDays: 14, windowDays: 90, rules: [] }),
    disqualifiers: Disqualifiers.default({
      competitorDomains: [],
      students: false,
      freeMail: false,
      countriesNotServed: [],
      notInterested: true,
    }),
    required: z.array(RequiredFact).default([]),
    grades: Grades.default({ fit: { A: 70, B: 45, C: 20 }, intent: { '1': 60, '2': 30, '3': 10 } }),
    verdicts: Verdicts.default({ fitWeight: 0.6, minScore: 60, minFitGrade: 'B', minIntentGrade: 3 }),
    playbooks: z.array(Playbook).default([]),
    /** What a conversion model trained for these criteria must not learn from. */
    model: z
      .object({
        /**
         * Columns filled in after first contact (a rep's tags, a lead-quality rating, a stage):
         * known for past leads, never for a new one, so `leadsift train --criteria` excludes them.
         */
        postContact: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .optional(),
    /** Where decided leads go: reps, territories and rules (see `routing-schema.ts`). */
    routing: RoutingSection.optional(),
    /** The ideal buying committee accounts are scored against (see `committee-schema.ts`). */
    committee: Committee.optional(),
  })
  .strict()
  .refine((c) => new Set(c.playbooks.map((p) => p.name)).size === c.playbooks.length, {
    message: 'playbook names must be unique',
    path: ['playbooks'],
  })
  .superRefine((c, ctx) => {
    const playbooks = c.playbooks.map((p) => p.name);
    for (const issue of unknownPlaybookIssues(c.routing, playbooks))
      ctx.addIssue({ code: 'custom', ...issue });
  });
export type Criteria = z.output<typeof Criteria>;
export type Playbook = z.output<typeof Playbook>;
