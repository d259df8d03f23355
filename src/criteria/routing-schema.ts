import { z } from 'zod';
import { VERDICTS } from '../domain/decision.js';
import { CountryCode } from './fit-rules.js';

/** How a rule picks an account executive; a list tries each in turn until one finds a rep. */
export const ASSIGN_STRATEGIES = ['account-owner', 'territory', 'weighted', 'round-robin'] as const;
export type AssignStrategy = (typeof ASSIGN_STRATEGIES)[number];

const Name = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" or "-", such as emea');

/** A sales rep who can be assigned leads. */
export const RoutingRep = z
  .object({
    id: Name,
    name: z.string().min(1),
    email: z.email('expected an email address such as dana@example.com'),
    /** Territory names (of `routing.territories`) the rep covers. */
    territories: z.array(Name).optional(),
    /** Share of the `weighted` strategy: a rep of weight 2 gets twice the leads of weight 1. */
    weight: z.number().int('expected a whole number').positive('expected a weight of 1 or more').optional(),
    /** Inactive reps (on leave, gone) are skipped by every strategy. */
    active: z.boolean().optional(),
  })
  .strict();

const Strategy = z.enum(ASSIGN_STRATEGIES, {
  error: `expected a strategy: ${ASSIGN_STRATEGIES.join(', ')}`,
});

/** Where a rule sends a lead: exactly one of `assign`, `nurture`, `disqualify` or `review`. */
export const RoutingTarget = z
  .object({
    /** One strategy, or several tried in order: `[account-owner, territory, round-robin]`. */
    assign: z
      .preprocess(
        (v) => (typeof v === 'string' ? [v] : v),
        z.array(Strategy).min(1, 'list at least one strategy'),
      )
      .optional(),
    /** The reps `assign` chooses among (rep ids); all reps when absent. */
    reps: z.array(Name).min(1, 'list at least one rep').optional(),
    /** A nurture sequence's name. */
    nurture: z.string().min(1).optional(),
    disqualify: z.literal(true, { error: 'expected true' }).optional(),
    review: z.literal(true, { error: 'expected true' }).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const given = (['assign', 'nurture', 'disqualify', 'review'] as const).filter((k) => t[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', message: 'give exactly one of assign, nurture, disqualify or review' });
    if (t.reps !== undefined && t.assign === undefined)
      ctx.addIssue({ code: 'custom', message: 'reps go with assign', path: ['reps'] });
  });

/** When a routing rule applies: every condition given must hold (lists mean "any of"). */
export const RoutingWhen = z
  .object({
    verdicts: z.array(z.enum(VERDICTS, { error: `expected a verdict: ${VERDICTS.join(', ')}` })).optional(),
    /** Grades such as A1, or a fit letter alone (A means A1 to A4). */
    grades: z
      .array(z.string().regex(/^[A-D][1-4]?$/, 'expected a grade such as A1, or a fit letter A to D'))
      .optional(),
    /** Playbook names, `default` for leads no playbook matched. */
    playbooks: z.array(z.string().min(1)).optional(),
    territories: z.array(Name).optional(),
    minScore: z.number().min(0).max(100).optional(),
    maxScore: z.number().min(0).max(100).optional(),
  })
  .strict();

export const RoutingRule = z
  .object({
    name: Name.optional(),
    when: RoutingWhen.default({}),
    to: RoutingTarget,
  })
  .strict();

type Issue = { readonly path: PropertyKey[]; readonly message: string };

/** Repeated values in a list, each with the index of its repeat. */
const repeats = (values: readonly (string | undefined)[]): number[] =>
  values.flatMap((v, i) => (v !== undefined && values.indexOf(v) < i ? [i] : []));

/** Everything within `routing` that must refer to something defined in it. */
const referenceIssues = (r: {
  territories: Record<string, unknown>;
  reps: readonly z.output<typeof RoutingRep>[];
  rules: readonly z.output<typeof RoutingRule>[] | undefined;
}): Issue[] => {
  const territory = (name: string) => Object.hasOwn(r.territories, name);
  const repIds = new Set(r.reps.map((rep) => rep.id));
  const issues: Issue[] = [];
  for (const i of repeats(r.reps.map((rep) => rep.id)))
    issues.push({ path: ['reps', i, 'id'], message: 'rep ids must be unique' });
  for (const i of repeats(r.reps.map((rep) => rep.email.toLowerCase())))
    issues.push({ path: ['reps', i, 'email'], message: 'rep emails must be unique' });
  r.reps.forEach((rep, i) =>
    rep.territories?.forEach((t, j) => {
      if (!territory(t)) issues.push({ path: ['reps', i, 'territories', j], message: `no territory "${t}"` });
    }),
  );
  for (const i of repeats((r.rules ?? []).map((rule) => rule.name)))
    issues.push({ path: ['rules', i, 'name'], message: 'rule names must be unique' });
  (r.rules ?? []).forEach((rule, i) => {
    if (rule.name === 'default')
      issues.push({
        path: ['rules', i, 'name'],
        message: '"default" names the destination when no rule matches',
      });
    rule.when.territories?.forEach((t, j) => {
      if (!territory(t))
        issues.push({ path: ['rules', i, 'when', 'territories', j], message: `no territory "${t}"` });
    });
    rule.to.reps?.forEach((id, j) => {
      if (!repIds.has(id)) issues.push({ path: ['rules', i, 'to', 'reps', j], message: `no rep "${id}"` });
    });
  });
  return issues;
};

/**
 * The `routing` section: who gets a decided lead. Defaults (mode, rules, the default
 * destination) are applied when the criteria are resolved, not here, so that the criteria
 * version depends only on what the file says.
 */
export const RoutingSection = z
  .object({
    /** `assisted`: every route goes to the review queue, with the route it would have taken. */
    mode: z.enum(['autonomous', 'assisted'], { error: 'expected autonomous or assisted' }).optional(),
    /** Playbooks in assisted mode even when `mode` is autonomous. */
    assisted: z.array(z.string().min(1)).optional(),
    /** Territory name → countries and regions (EMEA, DACH, …). A lead is in the first that lists its country. */
    territories: z
      .record(Name, z.array(CountryCode).min(1, 'list at least one country or region'))
      .optional(),
    reps: z.array(RoutingRep).optional(),
    /** The first rule whose `when` holds routes the lead. */
    rules: z.array(RoutingRule).optional(),
    /** Where a lead goes when no rule matches (the review queue unless given). */
    default: RoutingTarget.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const issues = referenceIssues({ territories: r.territories ?? {}, reps: r.reps ?? [], rules: r.rules });
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });
export type RoutingSection = z.output<typeof RoutingSection>;
export type RoutingTarget = z.output<typeof RoutingTarget>;
export type RoutingWhen = z.output<typeof RoutingWhen>;
export type RoutingRep = z.output<typeof RoutingRep>;

/** The playbook names `routing` refers to (rules and `assisted`) that the criteria do not define. */
export const unknownPlaybookIssues = (
  routing: RoutingSection | undefined,
  playbooks: readonly string[],
): Issue[] => {
  if (routing === undefined) return [];
  const known = (name: string) => name === 'default' || playbooks.includes(name);
  const message = (name: string) => `no playbook "${name}"; expected ${['default', ...playbooks].join(', ')}`;
  const issues: Issue[] = [];
  routing.assisted?.forEach((p, j) => {
    if (!known(p)) issues.push({ path: ['routing', 'assisted', j], message: message(p) });
  });
  routing.rules?.forEach((rule, i) =>
    rule.when.playbooks?.forEach((p, j) => {
      if (!known(p))
        issues.push({ path: ['routing', 'rules', i, 'when', 'playbooks', j], message: message(p) });
    }),
  );
  return issues;
};
