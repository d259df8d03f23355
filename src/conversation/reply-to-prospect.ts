import { AppError, isAppError } from '../domain/app-error.js';
import { isoNow } from '../domain/clock.js';
import type { NewJob } from '../jobs/job-queue.js';
import type { ConversationStore, TranscriptMessage } from './conversation-store.js';
import type { ConversationState } from './dialogue/conversation-state.js';
import type { PhraseOutcome, PhraseRequest } from './dialogue/phrase-with-llm.js';
import { startConversation, type ConversationStart } from './dialogue/start-conversation.js';
import {
  stepConversation,
  understandContextFor,
  type DialogueDeps,
  type InboundMessage,
  type StepResult,
} from './dialogue/step-conversation.js';
import type { UnderstandContext, Understanding } from './understand/understanding.js';

/** What a channel needs to hold conversations: the store, the engine's deps, and optionally an LLM reader. */
export interface ConversationDeps {
  readonly store: ConversationStore;
  readonly dialogue: DialogueDeps;
  /** Reads a message before the step (e.g. `understandWithLlm` bound to a client); offline when absent. */
  readonly understand?: (text: string, context: UnderstandContext) => Promise<Understanding>;
  /** Phrases the question a turn ends on (e.g. `phraseWithLlm` bound to a client); the template when absent. */
  readonly phrase?: (request: PhraseRequest) => Promise<PhraseOutcome>;
  /**
   * The jobs a turn's outcome needs (a paused conversation's resumption, a booking's
   * invitation), stored with the turn in one transaction.
   */
  readonly jobsAfter?: (state: ConversationState) => readonly NewJob[];
}

/**
 * A turn as the channel sees it: the new state, what to send, what was learned, how it ended —
 * and, when a phraser is configured, whether its phrasing of the question was sent or why not.
 */
export type Reply = StepResult & { readonly phrasing?: PhraseOutcome['llm'] };

const MAX_ATTEMPTS = 3;

const outbound = (replies: readonly string[], at: string): TranscriptMessage[] =>
  replies.map((text) => ({ direction: 'outbound', text, at }));

/** What the conversation knows that a phrasing may mention: the answers as the prospect gave them. */
const knownOf = (state: ConversationState): string[] =>
  Object.values(state.answers).flatMap((f) =>
    f.raw !== undefined ? [f.raw] : typeof f.value === 'string' ? [f.value] : [],
  );

/** The replies with the question they end on phrased by `deps.phrase`, when there is one. */
const phrased = async (
  deps: ConversationDeps,
  state: ConversationState,
  replies: readonly string[],
  context: { readonly lastMessage?: string; readonly known?: readonly string[] },
): Promise<{ readonly replies: readonly string[]; readonly phrasing?: PhraseOutcome['llm'] }> => {
  const slot = state.slots.find((s) => s.name === state.lastAsked);
  if (deps.phrase === undefined || state.status !== 'active' || slot === undefined) return { replies };
  if (replies.at(-1) !== slot.question) return { replies };
  const outcome = await deps.phrase({
    slot,
    known: [...(context.known ?? []), ...knownOf(state)],
    ...(context.lastMessage === undefined ? {} : { lastMessage: context.lastMessage }),
  });
  return { replies: [...replies.slice(0, -1), outcome.text], phrasing: outcome.llm };
};

/** Opens a conversation, stores it with its opening messages, and returns them to send. */
export const openConversation = async (
  deps: ConversationDeps,
  start: ConversationStart,
): Promise<{ readonly state: ConversationState; readonly replies: readonly string[] }> => {
  const opened = startConversation(start, deps.dialogue);
  const { replies } = await phrased(deps, opened.state, opened.replies, {
    known: start.firstName === undefined ? [] : [start.firstName],
  });
  await deps.store.save(opened.state, 0, outbound(replies, isoNow(deps.dialogue.clock)));
  return { state: opened.state, replies };
};

/**
 * Handles one prospect message end to end: loads the conversation, reads the message (with the
 * LLM reader when configured), steps, and stores the new state with the message and the replies
 * in one write over the version it loaded. When another worker stored a turn in between, the
 * turn is redone from the newer state (up to three times), so no message is lost or answered twice.
 */
export const replyToProspect = async (
  deps: ConversationDeps,
  conversationId: string,
  message: Omit<InboundMessage, 'understanding'>,
): Promise<Reply> => {
  for (let attempt = 1; ; attempt++) {
    const record = await deps.store.load(conversationId);
    if (record === undefined)
      throw new AppError('NOT_FOUND', {
        message: `conversation ${conversationId} does not exist; open it first`,
        details: { conversationId },
      });
    const now = deps.dialogue.clock.now();
    const understanding =
      deps.understand === undefined || record.state.status === 'ended'
        ? undefined
        : await deps.understand(message.text, understandContextFor(record.state, now));
    const step = stepConversation(
      record.state,
      understanding === undefined ? message : { ...message, understanding },
      deps.dialogue,
    );
    const { replies, phrasing } = await phrased(deps, step.state, step.replies, {
      lastMessage: message.text,
    });
    const at = new Date(now).toISOString();
    const inbound: TranscriptMessage = {
      direction: 'inbound',
      text: message.text,
      at,
      ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
    };
    try {
      await deps.store.save(
        step.state,
        record.version,
        [inbound, ...outbound(replies, at)],
        deps.jobsAfter?.(step.state) ?? [],
      );
      return phrasing === undefined ? { ...step, replies } : { ...step, replies, phrasing };
    } catch (error) {
      // A slot another conversation booked meanwhile is the caller's to redo with fresh calendars.
      if (!isAppError(error, 'CONFLICT') || error.details['slotTaken'] === true || attempt >= MAX_ATTEMPTS)
        throw error;
    }
  }
};
