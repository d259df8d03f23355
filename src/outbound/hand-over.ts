import type { InboundMessage } from '../channels/channel-message.js';
import { openConversation, replyToProspect } from '../conversation/reply-to-prospect.js';
import type { CampaignDeps } from './campaign-deps.js';
import type { CampaignContact } from './outbound-store.js';

/** Interested or asking: the conversational agent takes over, its replies sent in the same thread. */
export const handOver = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
): Promise<string> => {
  await deps.store.cancelPending(contact.id, 'replied: handed to the conversational agent');
  if (deps.conversation === undefined || contact.leadId === undefined) {
    await deps.store.updateContact(contact.id, {
      status: 'stopped',
      reason: 'replied: waiting for a person',
    });
    return 'waiting for a person (no conversational agent configured)';
  }
  const id = deps.newId();
  const opened = await openConversation(deps.conversation.deps, {
    id,
    leadId: contact.leadId,
    channel: message.channel === 'sms' ? 'sms' : 'email',
    timeZone: contact.timeZone ?? 'UTC',
    slots: deps.conversation.slots,
    ...(contact.name === undefined ? {} : { firstName: contact.name.split(' ')[0] as string }),
  });
  await deps.store.updateContact(contact.id, {
    status: 'handed_over',
    conversationId: opened.state.id,
    reason: 'replied: in conversation with the agent',
  });
  const step = await replyToProspect(deps.conversation.deps, id, {
    text: message.text,
    messageId: message.messageId,
  });
  await answer(
    deps,
    message,
    [...opened.replies, ...step.replies],
    step.ending?.kind === 'booked' ? step.ending.invite : undefined,
  );
  return 'handed over to the conversational agent';
};

/** Whether the agent's conversation already took this message (a redelivery: it is not answered twice). */
export const tookAlready = async (
  deps: CampaignDeps,
  conversationId: string,
  message: InboundMessage,
): Promise<boolean> =>
  deps.conversation !== undefined &&
  (await deps.conversation.deps.store.transcript(conversationId)).some(
    (m) => m.direction === 'inbound' && m.messageId === message.messageId,
  );

/** A later message of a contact handed over: the conversation's next turn, answered in the thread. */
export const continueConversation = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
): Promise<string> => {
  if (deps.conversation === undefined || contact.conversationId === undefined) return 'no agent';
  const step = await replyToProspect(deps.conversation.deps, contact.conversationId, {
    text: message.text,
    messageId: message.messageId,
  });
  await answer(deps, message, step.replies, step.ending?.kind === 'booked' ? step.ending.invite : undefined);
  return step.ending === undefined
    ? 'the conversation continues'
    : `the conversation ended: ${step.ending.kind}`;
};

const answer = async (
  deps: CampaignDeps,
  message: InboundMessage,
  replies: readonly string[],
  invitation?: string,
) => {
  if (replies.length === 0) return;
  const subject =
    message.subject === undefined
      ? undefined
      : /^re:/i.test(message.subject)
        ? message.subject
        : `Re: ${message.subject}`;
  await deps.sender.send({
    to: message.from,
    text: replies.join('\n\n'),
    ...(subject === undefined ? {} : { subject }),
    inReplyTo: message.messageId,
    references: [...message.replyTo].reverse().concat(message.messageId),
    ...(invitation === undefined ? {} : { invitation }),
  });
};
