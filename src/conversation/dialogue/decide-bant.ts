import type { Clock } from '../../domain/clock.js';
import type { MissingFact, Verdict } from '../../domain/decision.js';
import type { Budget, Timeline } from '../understand/understanding.js';
import type { SlotFact } from './conversation-state.js';

/** What the decision says after an answer: the verdict, what is still missing, and why. */
export interface DialogueDecision {
  readonly verdict: Verdict;
  readonly missing?: readonly MissingFact[];
  readonly reason?: string;
}

/** Re-decides a lead with the answers so far; the engine calls it after every message. */
export type DecideWithAnswers = (
  leadId: string,
  answers: Readonly<Record<string, SlotFact>>,
) => DialogueDecision;

/** How far out a purchase may be and still be worth a meeting now. */
export interface BantPolicy {
  readonly maxHorizonDays: number;
}

const DAY = 86_400_000;

/**
 * A plain BANT decision for conversations whose playbook has no rules of its own: no budget or
 * no timeline (or one beyond `maxHorizonDays`) is not qualified now — nurture, not a meeting;
 * all four known is qualified; anything else needs more information.
 */
export const decideBant =
  (clock: Clock, policy: BantPolicy = { maxHorizonDays: 365 }): DecideWithAnswers =>
  (_leadId, answers) => {
    const budget = answers.budget?.value as Budget | undefined;
    const timeline = answers.timeline?.value as Timeline | undefined;
    if (budget?.kind === 'none') return { verdict: 'not_qualified', reason: 'no budget yet' };
    if (timeline?.horizon === 'none') return { verdict: 'not_qualified', reason: 'no timeline' };
    const from = timeline?.from === undefined ? undefined : Date.parse(`${timeline.from}T00:00:00Z`);
    if (from !== undefined && from - clock.now() > policy.maxHorizonDays * DAY)
      return { verdict: 'not_qualified', reason: `buying more than ${policy.maxHorizonDays} days out` };
    const missing = (['need', 'timeline', 'authority', 'budget'] as const)
      .filter((slot) => answers[slot] === undefined)
      .map((field): MissingFact => ({ field, how: 'ask' }));
    return missing.length === 0 ? { verdict: 'qualified' } : { verdict: 'needs_info', missing };
  };
