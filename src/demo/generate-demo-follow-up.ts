import type { DemoEvent, DemoOutcome } from './demo-data.js';
import type { SeededRandom } from '../domain/seeded-random.js';

/** What a lead's behaviour while it is being worked is generated from. */
export interface DemoFollowUpInput {
  readonly leadRef: string;
  /** Latent interest in [0, 1]. */
  readonly interest: number;
  readonly createdMs: number;
  readonly nowMs: number;
  /** This lead's outcomes, in time order. */
  readonly outcomes: readonly DemoOutcome[];
}

const DAY_MS = 86_400_000;
/** Leads younger than this have no outcome yet: an engaged one is still being worked. */
const STILL_WORKED_DAYS = 30;
const PRICING_URLS = ['/pricing', '/pricing?plan=enterprise', '/pricing#faq'];
const THREADS = ['Re: your demo', 'Re: pricing for your team', 'Re: next steps'];

/**
 * When the lead is being worked, from when to when: an accepted lead from its acceptance until
 * its deal closed (or today, when it is still open); an engaged lead too young to have an outcome
 * from its arrival until today. Undefined when nobody is working it (rejected, never worked,
 * closed without an opportunity, or not engaged).
 */
const workedBetween = (input: DemoFollowUpInput): readonly [number, number] | undefined => {
  const accepted = input.outcomes.find((o) => o.type === 'accepted');
  if (accepted !== undefined) {
    const opportunity = input.outcomes.some((o) => o.type === 'opportunity_created');
    const closed = input.outcomes.find((o) => o.type === 'won' || o.type === 'lost');
    const start = Date.parse(accepted.occurredAt);
    // An accepted lead that never became an opportunity went quiet within a few weeks.
    if (!opportunity) return [start, Math.min(input.nowMs, start + 21 * DAY_MS)];
    return [start, closed === undefined ? input.nowMs : Date.parse(closed.occurredAt)];
  }
  const young = input.createdMs >= input.nowMs - STILL_WORKED_DAYS * DAY_MS;
  return young && input.interest > 0.5 ? [input.createdMs, input.nowMs] : undefined;
};

/**
 * Appends the behaviour of a lead while sales works it: return visits to pricing, email replies
 * and clicks in the sales thread, at a rate that grows with its interest, and often a demo for
 * the buying committee. Drawn from its own
 * random stream after the outcomes, so it changes neither the outcomes nor what the hidden rules
 * and the model's training saw (both stop at the first outcome). It is what keeps a lead in an
 * open deal, or a new one being worked, showing intent today.
 */
export const generateDemoFollowUp = (rng: SeededRandom, input: DemoFollowUpInput, out: DemoEvent[]): void => {
  const span = workedBetween(input);
  if (span === undefined) return;
  const [start, end] = span;
  const weeks = (end - start) / (7 * DAY_MS);
  if (weeks <= 0) return;
  const u = input.interest;
  const at = (): string => new Date(Math.floor(start + rng.next() * (end - start))).toISOString();
  const drafts: DemoEvent[] = [];
  const add = (type: DemoEvent['type'], properties: DemoEvent['properties'], n: number): void => {
    for (let i = 0; i < n; i++) drafts.push({ leadRef: input.leadRef, type, occurredAt: at(), properties });
  };
  const count = (perWeek: number): number => Math.floor(perWeek * weeks + rng.next());
  add('pricing_page_view', { url: rng.pick(PRICING_URLS) }, count(0.6 * u));
  add('email_reply', { campaign: rng.pick(THREADS), sentiment: 'positive' }, count(0.3 * u));
  add('email_click', { campaign: rng.pick(THREADS), url: '/pricing' }, count(0.4 * u));
  // A deal in progress brings in the buying committee, who ask for a demo of their own.
  if (rng.chance(0.3 + 0.4 * u)) add('demo_request', { url: '/demo', form: 'Team demo' }, 1);
  drafts.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  out.push(...drafts);
};
