import type { StoredMessage } from '../../conversation/conversation-store.js';
import { AppError, isAppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import type { ConversationLink } from '../channel-store.js';
import { CONVERSE_JOB, type ConverseDeps } from './converse-deps.js';
import type { ConversePayload } from './run-converse-job.js';
import { rememberOptOut } from './remember-on-lead.js';
import { linkOf } from './take-turn.js';

/**
 * A person takes a conversation over from the agent (or, with `by` undefined, hands it back):
 * from now on prospect messages are stored for them and the agent does not answer.
 */
export const setTakeover = async (
  deps: ConverseDeps,
  conversationId: string,
  by: string | undefined,
): Promise<ConversationLink> => {
  await linkOf(deps, conversationId);
  await deps.links.setTakeover(conversationId, by, isoNow(deps.clock));
  return linkOf(deps, conversationId);
};

/**
 * A person's message to the prospect: the conversation is taken over by them if it was not
 * already, the message joins the transcript, and on email or SMS a `converse` job stored in the
 * same transaction delivers it (chat reads the transcript). Not to a lead who opted out (CONFLICT).
 */
export const sendAsPerson = async (
  deps: ConverseDeps,
  conversationId: string,
  by: string,
  text: string,
): Promise<{
  readonly message: StoredMessage;
  readonly link: ConversationLink;
  /** True when a `converse` job will deliver it (email, SMS); chat reads the transcript. */
  readonly queued: boolean;
}> => {
  let link = await linkOf(deps, conversationId);
  const lead = await deps.leads.getLead(link.leadId);
  if (lead?.consent.optedOutAt !== undefined)
    throw new AppError('CONFLICT', {
      message: `lead ${link.leadId} opted out${lead === undefined ? '' : ` on ${lead.consent.optedOutAt?.slice(0, 10)}`}; nothing is sent to them`,
      details: { conversationId },
    });
  if (link.takenOverBy === undefined) link = await setTakeover(deps, conversationId, by);
  const record = await deps.conversations.load(conversationId);
  if (record === undefined)
    throw new AppError('NOT_FOUND', { message: `conversation ${conversationId} is gone` });
  // The message and its delivery job are stored in one transaction: no crash leaves it unsent.
  const payload: ConversePayload = { type: 'deliver', conversationId };
  const delivery = link.channel === 'chat' ? [] : [{ kind: CONVERSE_JOB, leadId: link.leadId, payload }];
  await deps.conversations.save(
    record.state,
    record.version,
    [{ direction: 'outbound', text, at: isoNow(deps.clock), author: by }],
    delivery,
  );
  const message = (await deps.conversations.transcript(conversationId)).at(-1);
  if (message === undefined) throw new AppError('INTERNAL', { message: 'the message was not stored' });
  return { message, link, queued: delivery.length > 0 };
};

/**
 * The prospect unsubscribed (a one-click link): remembered on the lead at once, so that no
 * channel writes to them again, and the conversation ends. Doing it twice changes nothing.
 */
export const optOutOf = async (deps: ConverseDeps, conversationId: string): Promise<void> => {
  const link = await linkOf(deps, conversationId);
  const lead = await deps.leads.getLead(link.leadId);
  if (lead !== undefined) await rememberOptOut(deps, lead, isoNow(deps.clock));
  for (let attempt = 0; attempt < 3; attempt++) {
    const record = await deps.conversations.load(conversationId);
    if (record === undefined || record.state.ending?.kind === 'opted_out') return;
    try {
      await deps.conversations.save(
        { ...record.state, status: 'ended', ending: { kind: 'opted_out' } },
        record.version,
        [],
      );
      return;
    } catch (error) {
      if (!isAppError(error, 'CONFLICT')) throw error;
    }
  }
};
