import type { StoredMessage } from '../../conversation/conversation-store.js';
import type { ConversationState, Ending } from '../../conversation/dialogue/conversation-state.js';
import { understandContextFor } from '../../conversation/dialogue/step-conversation.js';
import { understandMessage } from '../../conversation/understand/understand-message.js';
import { replyToProspect, type Reply } from '../../conversation/reply-to-prospect.js';
import { AppError, isAppError } from '../../domain/app-error.js';
import type { Lead } from '../../domain/lead.js';
import type { NewJob } from '../../jobs/job-queue.js';
import { isoNow } from '../../domain/clock.js';
import type { ConversationLink } from '../channel-store.js';
import type { ConverseDeps } from './converse-deps.js';
import { CONVERSE_JOB, dialogueFor } from './converse-deps.js';
import { rememberFacts, rememberOptOut } from './remember-on-lead.js';
import { resumeJobFor } from './resume-paused.js';

/** What a prospect's message led to: the agent's replies (none while a person holds it), and how it ended. */
export interface TurnResult {
  readonly conversationId: string;
  readonly replies: readonly string[];
  readonly status: 'active' | 'paused' | 'ended';
  readonly ending?: Ending;
  /** True when a person has taken the conversation over: the message waits for them. */
  readonly heldByPerson: boolean;
}

/** The link of a conversation, or NOT_FOUND naming it. */
export const linkOf = async (
  deps: Pick<ConverseDeps, 'links'>,
  conversationId: string,
): Promise<ConversationLink> => {
  const link = await deps.links.link(conversationId);
  if (link === undefined)
    throw new AppError('NOT_FOUND', {
      message: `conversation ${conversationId} does not exist or is not joined to a channel`,
      details: { conversationId },
    });
  return link;
};

/** How many times a turn is redone when the slot it booked was booked by another conversation first. */
const BOOKING_RACES = 3;

/**
 * The agent's step over the calendars as stored now: when another conversation booked the
 * picked slot between this turn's read and its write, the store refuses it (`slotTaken`) and
 * the turn is redone over the calendars read again, which offers the next free slots.
 */
const stepWithFreshCalendars = async (
  deps: ConverseDeps,
  lead: Lead,
  timeZone: string,
  conversationId: string,
  message: { readonly text: string; readonly messageId?: string },
  jobsAfter: (state: ConversationState) => NewJob[],
): Promise<Reply> => {
  for (let race = 1; ; race++) {
    const dialogue = await dialogueFor(deps, lead, timeZone);
    try {
      return await replyToProspect(
        {
          store: deps.conversations,
          dialogue,
          jobsAfter,
          ...(deps.understand === undefined ? {} : { understand: deps.understand }),
          ...(deps.phrase === undefined ? {} : { phrase: deps.phrase }),
        },
        conversationId,
        message,
      );
    } catch (error) {
      if (!isAppError(error, 'CONFLICT') || error.details['slotTaken'] !== true || race >= BOOKING_RACES)
        throw error;
    }
  }
};

/**
 * One prospect message in a conversation the service holds: when a person took it over the
 * message is only stored (they answer; an opt-out still ends it and is remembered); otherwise the agent steps (`replyToProspect`), what the
 * prospect said is kept on the lead and the lead re-decided, and an opt-out is remembered on the
 * lead at once so that no channel writes to them again.
 */
export const takeTurn = async (
  deps: ConverseDeps,
  conversationId: string,
  message: { readonly text: string; readonly messageId?: string },
): Promise<TurnResult> => {
  const link = await linkOf(deps, conversationId);
  const lead = await deps.leads.getLead(link.leadId);
  if (lead === undefined)
    throw new AppError('NOT_FOUND', {
      message: `lead ${link.leadId} of conversation ${conversationId} is gone`,
    });
  const record = await deps.conversations.load(conversationId);
  if (record === undefined)
    throw new AppError('NOT_FOUND', { message: `conversation ${conversationId} is gone` });
  const at = isoNow(deps.clock);
  if (link.takenOverBy !== undefined) {
    // A person answers now, but an opt-out is still honoured at once.
    const intents = understandMessage(
      message.text,
      understandContextFor(record.state, deps.clock.now()),
    ).intents;
    const optedOut = intents.some((i) => i.value === 'opt_out');
    const state: ConversationState = optedOut
      ? { ...record.state, status: 'ended', ending: { kind: 'opted_out' } }
      : record.state;
    if (optedOut) await rememberOptOut(deps, lead, at);
    await deps.conversations.save(state, record.version, [
      {
        direction: 'inbound',
        text: message.text,
        at,
        ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
      },
    ]);
    return {
      conversationId,
      replies: [],
      status: state.status,
      ...(state.ending === undefined ? {} : { ending: state.ending }),
      heldByPerson: true,
    };
  }
  // The jobs the turn's outcome needs are stored with it (one transaction): an out-of-office
  // reply's resumption when the prospect is back, and a chat booking's invitation by email (the
  // chat confirms on screen; an email reply carries the invitation itself).
  const jobsAfter = (state: ConversationState): NewJob[] => {
    const resume = resumeJobFor(state, deps.clock.now());
    const invite =
      state.ending?.kind === 'booked' && link.channel === 'chat' && deps.senders.email !== undefined;
    return [
      ...(resume === undefined ? [] : [resume]),
      ...(invite
        ? [{ kind: CONVERSE_JOB, leadId: lead.id, payload: { type: 'invite', conversationId } }]
        : []),
    ];
  };
  const step = await stepWithFreshCalendars(
    deps,
    lead,
    record.state.timeZone,
    conversationId,
    message,
    jobsAfter,
  );
  if (step.ending?.kind === 'opted_out') await rememberOptOut(deps, lead, at);
  else await rememberFacts(deps, lead, step.facts, at);
  return {
    conversationId,
    replies: step.replies,
    status: step.state.status,
    ...(step.ending === undefined ? {} : { ending: step.ending }),
    heldByPerson: false,
  };
};

/** The transcript after message `after` (0 for all). */
export const messagesAfter = async (
  deps: Pick<ConverseDeps, 'conversations'>,
  conversationId: string,
  after: number,
): Promise<StoredMessage[]> =>
  (await deps.conversations.transcript(conversationId)).filter((m) => m.seq > after);
