import type { ConversationState, Ending, SlotSpec } from './conversation-state.js';
import type { DialogueDecision } from './decide-bant.js';
import { PHRASES } from './phrases.js';
import type { DialogueDeps } from './step-conversation.js';

/** The state after a move, what to say, and the ending when the move ends the conversation. */
export interface Move {
  readonly state: ConversationState;
  readonly replies: readonly string[];
  readonly ending?: Ending;
}

export const DEFAULT_MAX_ASKS = 2;

const ended = (state: ConversationState, ending: Ending, reply: string): Move => ({
  state: { ...state, status: 'ended', ending },
  replies: [reply],
  ending,
});

/**
 * The slot to ask next: the first unanswered one, in the playbook's order (then any the
 * decision says it misses), asked fewer than `maxAsks` times — and never the one just asked,
 * so an unclear answer moves the conversation on instead of repeating the question.
 */
export const nextSlot = (
  state: ConversationState,
  decision: DialogueDecision,
  maxAsks: number,
): SlotSpec | undefined => {
  const extra: SlotSpec[] = (decision.missing ?? [])
    .filter(
      (m) => m.how === 'ask' && m.question !== undefined && !state.slots.some((s) => s.name === m.field),
    )
    .map((m) => ({ name: m.field, kind: 'text', question: m.question ?? '' }));
  return [...state.slots, ...extra].find(
    (s) =>
      state.answers[s.name] === undefined &&
      (state.asks[s.name] ?? 0) < maxAsks &&
      s.name !== state.lastAsked,
  );
};

/** Offers meeting slots, or hands off when there are none. */
export const offerMeeting = (state: ConversationState, deps: DialogueDeps, now: number): Move => {
  const slots = deps.offerSlots(now);
  if (slots.length === 0)
    return ended(state, { kind: 'handoff', reason: 'no free slots to offer' }, PHRASES.noSlots);
  return {
    state: { ...state, offered: slots, offers: state.offers + 1, lastAsked: 'slot_pick' },
    replies: [PHRASES.offer(slots.map((slot) => deps.formatSlot(slot, state.timeZone)))],
  };
};

/**
 * What follows an answer: nurture when the decision says not qualified; a meeting when the
 * prospect asked for one or the lead qualified with nothing left to ask; otherwise the next
 * question; and a person when the questions ran out without a verdict. While slots are on
 * the table an unclear pick is asked once more, then a person takes over.
 */
export const nextMove = (
  state: ConversationState,
  decision: DialogueDecision,
  wantsMeeting: boolean,
  deps: DialogueDeps,
  now: number,
): Move => {
  if (decision.verdict === 'not_qualified')
    return ended(state, { kind: 'nurture', reason: decision.reason ?? 'not qualified' }, PHRASES.nurture);
  const maxAsks = deps.maxAsks ?? DEFAULT_MAX_ASKS;
  if (state.offered !== undefined) {
    if (state.offers >= maxAsks)
      return ended(state, { kind: 'handoff', reason: 'no slot picked' }, PHRASES.handoffStuck);
    return {
      state: { ...state, offers: state.offers + 1 },
      replies: [PHRASES.offerAgain(state.offered.length)],
    };
  }
  if (wantsMeeting) return offerMeeting(state, deps, now);
  const next = nextSlot(state, decision, maxAsks);
  if (next !== undefined)
    return {
      state: {
        ...state,
        // A question the decision added joins the slots, so that its answer is read.
        slots: state.slots.some((s) => s.name === next.name) ? state.slots : [...state.slots, next],
        lastAsked: next.name,
        asks: { ...state.asks, [next.name]: (state.asks[next.name] ?? 0) + 1 },
      },
      replies: [next.question],
    };
  if (decision.verdict === 'qualified') return offerMeeting(state, deps, now);
  const open = state.slots.filter((s) => state.answers[s.name] === undefined).map((s) => s.name);
  return ended(
    state,
    { kind: 'handoff', reason: `no answer about ${open.join(', ') || 'the decision'}` },
    PHRASES.handoffStuck,
  );
};
