import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { Decision, Reason, Verdict } from '../domain/decision.js';
import type { LeadFacts } from '../scoring/choose-playbook.js';
import type { DecisionDraft } from '../scoring/decide-with-rules.js';
import { decideLead } from '../scoring/qualify-file.js';
import type { ActivityFacts } from '../scoring/rules/score-intent.js';
import type { LeadRecordScorer } from '../scoring/model/score-lead-record.js';

/** How a re-evaluation moved a lead: the verdict's direction and the sentence saying why. */
export interface VerdictChange {
  readonly direction: 'up' | 'down' | 'same';
  readonly from: { readonly verdict: Verdict; readonly score: number; readonly decidedAt: string };
  readonly reason: Reason;
}

/** A new decision and, when there was an earlier one that differs, how and why it moved. */
export interface Reevaluation {
  /** The new decision; when it moved, its first reason says why. */
  readonly decision: DecisionDraft;
  readonly change?: VerdictChange;
}

const RANK: Readonly<Record<Verdict, number>> = { not_qualified: 0, needs_info: 1, qualified: 2 };

/** What a change is measured from: the lead's previous decision. */
export type PreviousDecision = Pick<Decision, 'verdict' | 'score' | 'decidedAt' | 'fit' | 'intent'>;
type Previous = PreviousDecision;

/** The part that moved most, in words: intent decaying or rising, fit changing. */
const driver = (before: Previous, after: DecisionDraft, fresh: number, lastEvent?: string): string => {
  const di = after.intent.score - before.intent.score;
  const df = after.fit.score - before.fit.score;
  if (di !== 0 && Math.abs(di) >= Math.abs(df)) {
    if (di < 0 && fresh === 0)
      return `intent fell from ${before.intent.score} to ${after.intent.score} as its events aged (${lastEvent === undefined ? 'no event recorded' : `nothing new since ${lastEvent.slice(0, 10)}`})`;
    const news = fresh === 0 ? '' : ` with ${fresh} new event${fresh === 1 ? '' : 's'}`;
    return `intent ${di < 0 ? 'fell' : 'rose'} from ${before.intent.score} to ${after.intent.score}${news}`;
  }
  if (df !== 0) return `fit moved from ${before.fit.score} to ${after.fit.score} as its facts changed`;
  return 'the criteria or facts changed';
};

/**
 * How a new decision moved from the previous one, and the sentence saying why — undefined when
 * neither verdict nor score moved. Any path that decides a lead again can put `reason` first.
 */
export const describeChange = (
  previous: PreviousDecision,
  decision: DecisionDraft,
  activities: readonly Pick<ActivityFacts, 'occurredAt'>[],
): VerdictChange | undefined => {
  if (previous.verdict === decision.verdict && previous.score === decision.score) return undefined;
  const since = Date.parse(previous.decidedAt);
  const fresh = activities.filter((a) => Date.parse(a.occurredAt) > since).length;
  const lastEvent = activities
    .map((a) => a.occurredAt)
    .sort()
    .at(-1);
  const rank = RANK[decision.verdict] - RANK[previous.verdict];
  const direction = rank > 0 ? 'up' : rank < 0 ? 'down' : 'same';
  const scores = `score ${previous.score} → ${decision.score}`;
  const head =
    direction === 'same'
      ? `Still ${decision.verdict}, ${scores}`
      : `Verdict moved ${direction} from ${previous.verdict} to ${decision.verdict} (${scores})`;
  const why = driver(previous, decision, fresh, lastEvent);
  const reason: Reason = {
    text: `${head}: ${why}`,
    kind: why.startsWith('fit') ? 'fit' : 'intent',
    effect: decision.score - previous.score,
    facts: [],
  };
  return {
    direction,
    from: { verdict: previous.verdict, score: previous.score, decidedAt: previous.decidedAt },
    reason,
  };
};

/**
 * Decide on a lead again at the clock's time — the rules (and the model, when a scorer is given)
 * on its facts and events, so that intent has decayed for the time that passed — and compare
 * with its previous decision: a verdict may move down as well as up. When the verdict or score
 * moved, the new decision's first reason says from what and why ("Verdict moved down from
 * qualified to not_qualified (score 71 → 43): intent fell from 61 to 12 as its events aged …").
 */
export const reevaluateLead = (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  lead: LeadFacts & { readonly raw: Readonly<Record<string, string>> },
  activities: readonly ActivityFacts[],
  previous?: Previous,
  scorer?: LeadRecordScorer,
): Reevaluation => {
  const decision = decideLead(deps, criteria, lead, activities, scorer);
  if (previous === undefined) return { decision };
  const change = describeChange(previous, decision, activities);
  if (change === undefined) return { decision };
  return { decision: { ...decision, reasons: [change.reason, ...decision.reasons] }, change };
};

/**
 * A re-evaluation of a lead with an open opportunity (`opened`: when it opened): when the verdict
 * or score moved, its first reason says so — the opportunity is what an AE works on, and a lead
 * behind it that cooled (or warmed) is worth a look ("… — its opportunity open since 2026-01-20
 * is affected: review it with its owner"). Unchanged otherwise.
 */
export const withOpportunity = (reevaluation: Reevaluation, opened: string | undefined): Reevaluation => {
  const { decision, change } = reevaluation;
  if (change === undefined || opened === undefined) return reevaluation;
  const reason: Reason = {
    ...change.reason,
    text: `${change.reason.text} — its opportunity open since ${opened.slice(0, 10)} is affected: review it with its owner`,
  };
  return {
    decision: { ...decision, reasons: [reason, ...decision.reasons.slice(1)] },
    change: { ...change, reason },
  };
};
