import type { InboundMessage } from '../channel-message.js';
import type { ConverseDeps } from './converse-deps.js';
import { endOnComplaint, type ComplaintOutcome } from './end-on-complaint.js';
import { takeTurn, type TurnResult } from './take-turn.js';

/** What became of an inbound email or SMS. */
export type Received =
  | { readonly outcome: 'answered'; readonly turn: TurnResult }
  | { readonly outcome: 'duplicate'; readonly conversationId: string }
  | { readonly outcome: 'bounce'; readonly conversationId?: string }
  | { readonly outcome: 'unmatched'; readonly reason: string }
  | ComplaintOutcome;

/**
 * The conversation an inbound message belongs to: the one holding a message it answers
 * (In-Reply-To, then References), else the newest on its channel with the sender's address
 * (texts have no threads; some mail programs drop the headers).
 */
export const threadOf = async (
  deps: Pick<ConverseDeps, 'links'>,
  message: InboundMessage,
): Promise<string | undefined> =>
  (await deps.links.byMessageIds(message.replyTo)) ??
  (await deps.links.latestByAddress(message.channel, message.from))?.conversationId;

/**
 * A delivery failure report: the conversation with the failed recipient (by the report's
 * Final-Recipient, else by threading) ends, handed to a person, when the failure is permanent —
 * nothing more is sent to an address that does not exist.
 */
const bounced = async (
  deps: ConverseDeps,
  message: InboundMessage,
  bounce: NonNullable<InboundMessage['bounce']>,
): Promise<Received> => {
  const conversationId =
    (bounce.recipient === undefined
      ? undefined
      : (await deps.links.latestByAddress('email', bounce.recipient))?.conversationId) ??
    (await deps.links.byMessageIds(message.replyTo));
  if (conversationId === undefined || !bounce.permanent)
    return { outcome: 'bounce', ...(conversationId === undefined ? {} : { conversationId }) };
  const record = await deps.conversations.load(conversationId);
  if (record !== undefined && record.state.status !== 'ended') {
    const reason = `email bounced${bounce.status === undefined ? '' : ` (${bounce.status})`}`;
    await deps.conversations.save(
      { ...record.state, status: 'ended', ending: { kind: 'handoff', reason } },
      record.version,
      [],
    );
  }
  return { outcome: 'bounce', conversationId };
};

/**
 * Takes an email or SMS from a prospect: threads it to its conversation, recognises a message
 * already taken (a provider's retry, a job redone after a crash) by its channel id, and steps
 * the conversation. Delivery failure reports are not answered (a permanent one ends the
 * conversation). The caller delivers the replies.
 */
export const receiveInbound = async (deps: ConverseDeps, message: InboundMessage): Promise<Received> => {
  if (message.bounce !== undefined) return bounced(deps, message, message.bounce);
  // A spam complaint (a feedback report) is no prospect's message, but an opt-out: it ends the conversation.
  if (message.complaint !== undefined) return endOnComplaint(deps, message, message.complaint);
  const conversationId = await threadOf(deps, message);
  if (conversationId === undefined)
    return {
      outcome: 'unmatched',
      reason: `no conversation with ${message.from} or the messages it answers`,
    };
  if (await deps.links.hasMessage(conversationId, message.messageId))
    return { outcome: 'duplicate', conversationId };
  const turn = await takeTurn(deps, conversationId, { text: message.text, messageId: message.messageId });
  return { outcome: 'answered', turn };
};
