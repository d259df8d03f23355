import type { ConversationState, SlotFact, SlotSpec } from './conversation-state.js';
import type { DialogueDeps } from './step-conversation.js';
import { nextMove, type Move } from './next-move.js';
import { PHRASES } from './phrases.js';

/** What a conversation starts from. */
export interface ConversationStart {
  readonly id: string;
  readonly leadId: string;
  readonly channel: string;
  readonly timeZone: string;
  readonly slots: readonly SlotSpec[];
  /** What is already known (from the lead's facts or an earlier conversation): never asked again. */
  readonly known?: Readonly<Record<string, SlotFact>>;
  /** The prospect's first name, for the greeting. */
  readonly firstName?: string;
}

/**
 * Opens a conversation: a greeting and the first question not already answered — or, when
 * everything is known, straight to the decision's next move.
 */
export const startConversation = (start: ConversationStart, deps: DialogueDeps): Move => {
  const state: ConversationState = {
    id: start.id,
    leadId: start.leadId,
    channel: start.channel,
    timeZone: start.timeZone,
    slots: start.slots,
    answers: start.known ?? {},
    asks: {},
    offers: 0,
    inbound: 0,
    status: 'active',
    followUps: [],
    injectionAttempts: 0,
  };
  const decision = deps.decide(state.leadId, state.answers);
  const move = nextMove({ ...state, verdict: decision.verdict }, decision, false, deps, deps.clock.now());
  return { ...move, replies: [PHRASES.opening(start.firstName), ...move.replies] };
};

/**
 * Resumes a conversation paused by an out-of-office reply once its return date has come: the
 * question that was pending is asked again (a new day, so not "twice in a row"), or the slots.
 */
export const resumeConversation = (state: ConversationState, deps: DialogueDeps): Move => {
  if (state.status !== 'paused') return { state, replies: [] };
  const today = new Date(deps.clock.now()).toISOString().slice(0, 10);
  if (state.pausedUntil !== undefined && today < state.pausedUntil) return { state, replies: [] };
  const { pausedUntil: _until, lastAsked: _last, offered: _offered, ...rest } = state;
  const active: ConversationState = { ...rest, status: 'active' };
  const decision = deps.decide(active.leadId, active.answers);
  const move = nextMove(
    { ...active, verdict: decision.verdict },
    decision,
    state.offered !== undefined,
    deps,
    deps.clock.now(),
  );
  return { ...move, replies: [PHRASES.welcomeBack, ...move.replies] };
};
