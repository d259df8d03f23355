import type { Decision, Reason, Verdict } from '../domain/decision.js';
import type { Clock } from '../domain/clock.js';
import type { LoadedCriteria, Ruleset } from '../criteria/load-criteria.js';
import { choosePlaybook, type LeadFacts } from './choose-playbook.js';
import { checkDisqualifiers } from './rules/check-disqualifiers.js';
import { findMissing } from './rules/find-missing.js';
import { scoreFit } from './rules/score-fit.js';
import { scoreIntent, type ActivityFacts } from './rules/score-intent.js';

/** The rules engine's version, recorded on every decision it makes. */
export const RULES_ENGINE = 'leadsift-rules@1';

/** A decision before it is stored (it gets an id and its lead's id then). */
export type DecisionDraft = Omit<Decision, 'id' | 'leadId'>;

type FitGrade = Decision['fit']['grade'];
type IntentGrade = Decision['intent']['grade'];

const fitGrade = (score: number, g: Ruleset['grades']['fit']): FitGrade =>
  score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';

const intentGrade = (score: number, g: Ruleset['grades']['intent']): IntentGrade =>
  score >= g['1'] ? 1 : score >= g['2'] ? 2 : score >= g['3'] ? 3 : 4;

const byWeight = (a: Reason, b: Reason): number => Math.abs(b.effect) - Math.abs(a.effect);

/**
 * The verdict from what the rules found: a hard disqualifier decides, then a missing required
 * fact, then whether any threshold was short. Leads and accounts are judged by the same order.
 */
export const verdictOf = (
  disqualified: readonly unknown[],
  missing: readonly unknown[],
  short: readonly unknown[],
): Verdict =>
  disqualified.length > 0
    ? 'not_qualified'
    : missing.length > 0
      ? 'needs_info'
      : short.length === 0
        ? 'qualified'
        : 'not_qualified';

/** Why a lead that is neither disqualified nor missing facts was not qualified. */
const shortfalls = (ruleset: Ruleset, score: number, fit: FitGrade, intent: IntentGrade): Reason[] => {
  const v = ruleset.verdicts;
  const out: Reason[] = [];
  if (fit > v.minFitGrade)
    out.push({
      text: `Fit grade ${fit} is below the ${v.minFitGrade} this path requires`,
      kind: 'fit',
      effect: 0,
      facts: [],
    });
  if (intent > v.minIntentGrade)
    out.push({
      text: `Intent grade ${intent} is below the ${v.minIntentGrade} this path requires`,
      kind: 'intent',
      effect: 0,
      facts: [],
    });
  if (score < v.minScore)
    out.push({
      text: `Score below the ${v.minScore} this path requires`,
      kind: 'fit',
      effect: 0,
      facts: [],
    });
  return out;
};

/**
 * Decide on a lead with the rules of its playbook: fit and intent scored apart, graded (fit A–D,
 * intent 1–4) and combined into a 0–100 score; a hard disqualifier makes it `not_qualified`, a
 * missing required fact `needs_info`; otherwise it is `qualified` when the score and both grades
 * reach the playbook's minimums, so that neither fit alone nor intent alone qualifies.
 * Deterministic: the same lead, activities, criteria and clock give the same decision.
 */
export const decideWithRules = (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  lead: LeadFacts,
  activities: readonly ActivityFacts[],
): DecisionDraft => {
  const now = deps.clock.now();
  const ruleset = choosePlaybook(criteria, lead, activities);
  const fit = scoreFit(ruleset.fit, lead);
  const intent = scoreIntent(ruleset.intent, activities, now);
  const grades = {
    fit: fitGrade(fit.score, ruleset.grades.fit),
    intent: intentGrade(intent.score, ruleset.grades.intent),
  };
  const score = Math.round(
    ruleset.verdicts.fitWeight * fit.score + (1 - ruleset.verdicts.fitWeight) * intent.score,
  );
  const disqualified = checkDisqualifiers(ruleset.disqualifiers, lead, activities);
  const missing = findMissing(ruleset.required, lead);
  const short = shortfalls(ruleset, score, grades.fit, grades.intent);
  const verdict = verdictOf(disqualified, missing, short);
  const missingReasons: Reason[] = missing.map((m) => ({
    text: `Missing ${m.field}${m.how === 'ask' ? ': ask' : ': enrich'}`,
    kind: 'missing',
    effect: 0,
    facts: [],
  }));
  const reasons = [
    ...disqualified,
    ...(verdict === 'not_qualified' && disqualified.length === 0 ? short : []),
    ...missingReasons,
    ...[...fit.reasons, ...intent.reasons].sort(byWeight),
  ];
  return {
    verdict,
    score,
    grade: `${grades.fit}${grades.intent}`,
    fit: { score: fit.score, grade: grades.fit },
    intent: { score: intent.score, grade: grades.intent },
    playbook: ruleset.playbook,
    reasons,
    missing,
    versions: { engine: RULES_ENGINE, criteria: criteria.version },
    decidedAt: new Date(now).toISOString(),
  };
};
