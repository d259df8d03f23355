import { AppError } from '../../domain/app-error.js';
import type { InboundMessage } from '../channel-message.js';
import type { ConverseDeps } from './converse-deps.js';
import { rememberOptOut } from './remember-on-lead.js';

/** Feedback types that are not a person marking the message as spam (RFC 5965 §7.3). */
const NOT_COMPLAINTS = new Set(['not-spam', 'auth-failure']);

const UNSUBSCRIBE_PATH = /\/v1\/channels\/email\/unsubscribe\/([^/?#]+)/;

/**
 * The conversation a feedback report is about: the one holding the original's Message-ID (an
 * email the agent sent), else the one the unsubscribe link in its List-Unsubscribe names (our
 * link, checked by making it again), else the newest email conversation with the recipient.
 */
const conversationOf = async (
  deps: Pick<ConverseDeps, 'links' | 'unsubscribeUrl'>,
  complaint: NonNullable<InboundMessage['complaint']>,
): Promise<{ readonly id: string; readonly by: string } | undefined> => {
  if (complaint.originalMessageId !== undefined) {
    const id = await deps.links.byMessageIds([complaint.originalMessageId]);
    if (id !== undefined) return { id, by: 'Message-ID' };
  }
  const token = UNSUBSCRIBE_PATH.exec(complaint.unsubscribeUrl ?? '')?.[1];
  const named = token === undefined ? undefined : decodeURIComponent(token);
  const id = named?.slice(0, Math.max(0, named.lastIndexOf('.')));
  if (id !== undefined && id !== '' && deps.unsubscribeUrl?.(id) === complaint.unsubscribeUrl)
    return { id, by: 'unsubscribe link' };
  if (complaint.recipient === undefined) return undefined;
  const latest = await deps.links.latestByAddress('email', complaint.recipient);
  return latest === undefined ? undefined : { id: latest.conversationId, by: 'recipient' };
};

/** What became of a feedback report about the agent's own email. */
export interface ComplaintOutcome {
  readonly outcome: 'complaint';
  readonly conversationId?: string;
  readonly action: string;
}

/**
 * A mailbox provider's feedback report (RFC 5965) saying the prospect marked one of the agent's
 * own emails as spam. A complaint is an opt-out: it is remembered on the lead's consent (no
 * email, texts or calls, for good — `rememberOptOut`) and the conversation ends there
 * (`opted_out`; one that ended already keeps its ending), whoever holds it; the report is never a turn of the conversation. A `not-spam`
 * or `auth-failure` report changes nothing. Idempotent: a report delivered again finds the lead
 * opted out and the conversation ended.
 */
export const endOnComplaint = async (
  deps: Pick<ConverseDeps, 'links' | 'unsubscribeUrl' | 'conversations' | 'leads'>,
  message: InboundMessage,
  complaint: NonNullable<InboundMessage['complaint']>,
): Promise<ComplaintOutcome> => {
  const found = await conversationOf(deps, complaint);
  if (found === undefined)
    return { outcome: 'complaint', action: 'a feedback report about no conversation: nothing to end' };
  const base = { outcome: 'complaint' as const, conversationId: found.id };
  if (NOT_COMPLAINTS.has(complaint.feedbackType))
    return { ...base, action: `${complaint.feedbackType} is not a spam complaint: nothing changed` };
  const link = await deps.links.link(found.id);
  const lead = link === undefined ? undefined : await deps.leads.getLead(link.leadId);
  if (lead !== undefined) await rememberOptOut(deps, lead, message.receivedAt);
  const record = await deps.conversations.load(found.id);
  if (record === undefined)
    throw new AppError('NOT_FOUND', { message: `conversation ${found.id} of a feedback report is gone` });
  // A conversation that ended already (booked, handed to a person) keeps how it ended.
  if (record.state.status !== 'ended')
    await deps.conversations.save(
      { ...record.state, status: 'ended', ending: { kind: 'opted_out' } },
      record.version,
      [],
    );
  return {
    ...base,
    action: `marked as spam (${complaint.feedbackType}, matched by ${found.by}): the lead is opted out and the conversation ended`,
  };
};
