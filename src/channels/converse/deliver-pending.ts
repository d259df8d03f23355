import { isoNow, systemClock, type Clock } from '../../domain/clock.js';
import type { ConverseDeps } from './converse-deps.js';
import { linkOf } from './take-turn.js';

/** What a delivery did: how many messages went, and why the rest did not. */
export interface Delivery {
  readonly sent: number;
  readonly held?: string;
  /**
   * When an earlier attempt started sending these messages and stopped before it was recorded
   * (a crash after the mail server accepted them): the prospect may get them twice, under the
   * same Message-ID, which mail programs take as one message.
   */
  readonly maybeRepeatOf?: string;
}

/**
 * The Message-ID's local part of the email carrying a conversation's outbound messages `first` to
 * `last`: stable, so that the same email sent again after a crash carries the same Message-ID
 * (threads hold it once, and duplicate detection sees one message); an email that carries more
 * messages than the first attempt did gets its own.
 */
export const conversationMessageKey = (conversationId: string, first: number, last: number): string =>
  `lsc.${conversationId.replace(/[^A-Za-z0-9_-]/g, '_')}.${first}-${last}`;

/**
 * Sends a conversation's outbound messages that have not gone yet on its channel, as one
 * message (a turn's replies read as one email or text), and records the channel's id on each
 * (so a redone delivery sends only what is left). Email threads: the first message carries the subject, later ones answer the prospect's
 * last message, and a booked meeting's invitation goes with the message that confirms it.
 * Nothing goes to a lead who opted out, and nothing to chat (the browser reads the transcript).
 *
 * At least once, not exactly once: sending is recorded as started before the channel is called
 * and as done (with its id) after, so a crash in between sends it again — with the same
 * Message-ID (`conversationMessageKey` of its messages) and `maybeRepeatOf` on the result.
 */
export const deliverPending = async (
  // Only the outbox's parts: a campaign's hand-over delivers through it with its own sender.
  deps: Pick<ConverseDeps, 'links' | 'conversations' | 'leads' | 'senders' | 'unsubscribeUrl'> & {
    readonly clock?: Clock;
  },
  conversationId: string,
): Promise<Delivery> => {
  const link = await linkOf(deps, conversationId);
  if (link.channel === 'chat') return { sent: 0 };
  const sender = deps.senders[link.channel];
  if (sender === undefined) return { sent: 0, held: `no ${link.channel} channel is configured` };
  if (link.address === undefined) return { sent: 0, held: 'the conversation has no address' };
  const lead = await deps.leads.getLead(link.leadId);
  if (lead === undefined || lead.consent.optedOutAt !== undefined)
    return { sent: 0, held: 'the lead opted out' };
  const pending = await deps.links.pending(conversationId);
  if (pending.length === 0) return { sent: 0 };
  const [record, transcript] = await Promise.all([
    deps.conversations.load(conversationId),
    deps.conversations.transcript(conversationId),
  ]);
  const ending = record?.state.ending;
  // One turn's messages (a greeting and a question; an answer and the next question) go as one.
  const first = pending[0]?.seq ?? 0;
  const before = transcript.filter((m) => m.seq < first && m.messageId !== undefined);
  const lastInbound = before.filter((m) => m.direction === 'inbound').at(-1)?.messageId;
  const references = before.flatMap((m) => (m.messageId === undefined ? [] : [m.messageId])).slice(-10);
  const subject = link.subject ?? 'Your enquiry';
  const earlier = pending.find((m) => m.sendStartedAt !== undefined)?.sendStartedAt;
  await deps.links.markSending(
    conversationId,
    pending.map((m) => m.seq),
    isoNow(deps.clock ?? systemClock),
  );
  const result = await sender.send({
    to: link.address,
    text: pending.map((m) => m.text).join('\n\n'),
    messageKey: conversationMessageKey(conversationId, first, pending.at(-1)?.seq ?? first),
    ...(link.channel === 'email'
      ? {
          subject: before.length === 0 ? subject : `Re: ${subject}`,
          ...(lastInbound === undefined ? {} : { inReplyTo: lastInbound }),
          ...(references.length === 0 ? {} : { references }),
          ...(deps.unsubscribeUrl === undefined
            ? {}
            : { unsubscribeUrl: deps.unsubscribeUrl(conversationId) }),
        }
      : {}),
    ...(ending?.kind === 'booked' ? { invitation: ending.invite } : {}),
  });
  for (const message of pending) await deps.links.markSent(conversationId, message.seq, result.messageId);
  const sent = pending.length;
  return earlier === undefined ? { sent } : { sent, maybeRepeatOf: earlier };
};
