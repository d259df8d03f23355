import type { InboundMessage } from '../channels/channel-message.js';
import { addReferral } from './add-referral.js';
import type { CampaignDeps } from './campaign-deps.js';
import { RUNNER } from './campaign-deps.js';
import { checkPause } from './check-pause.js';
import { optOutLeadOf } from './unsubscribe-contact.js';
import type { ClassifiedReply, ReplyClass } from './classify-reply.js';
import { classifyReplyWith } from './classify-reply-with-llm.js';
import type { CampaignContact, CampaignMessage, CampaignRecord, CampaignReply } from './outbound-store.js';
import {
  continueConversation,
  deliverAnswer,
  handOver,
  handsOver,
  tookAlready,
  waitForPerson,
} from './hand-over.js';
import { writeFollowUp } from './write-follow-up.js';

/** What a reply led to. */
export interface ReplyOutcome {
  readonly campaignId: string;
  readonly contactId: string;
  /** `conversation` when it continued a hand-over to the agent. */
  readonly class: ReplyClass | 'conversation';
  /** What the campaign did, in a sentence. */
  readonly action: string;
  /** Set for a redelivered message: nothing was done twice. */
  readonly duplicate?: boolean;
}

const DAY_MS = 86_400_000;

/** The campaign message a reply answers (by its threading ids), else the newest contact at the sender's address. */
export const matchReply = async (
  deps: Pick<CampaignDeps, 'store'>,
  message: InboundMessage,
): Promise<{ contact: CampaignContact; answered?: CampaignMessage } | undefined> => {
  for (const id of message.replyTo) {
    const answered = await deps.store.messageByChannelId(id);
    if (answered === undefined) continue;
    const contact = await deps.store.getContact(answered.contactId);
    if (contact !== undefined) return { contact, answered };
  }
  const address = message.bounce?.recipient ?? message.from;
  // A text has no thread: the newest campaign contact texted at the sender's number.
  const [contact] =
    message.channel === 'sms'
      ? await deps.store.contactsByPhone(address)
      : await deps.store.contactsByEmail(address);
  return contact === undefined ? undefined : { contact };
};

/**
 * Handles a message that came back to a campaign: a reply, an automatic notice or a bounce. It
 * is matched to the message it answers (or the contact at its address), classified, stored, and
 * acted on: a bounce stops the contact and suppresses the address (and may pause the campaign);
 * an unsubscribe suppresses the address everywhere; out of office moves the pending messages to
 * after the return date; not now writes a follow-up for its date; wrong person creates the
 * referred contact; not interested stops; interested and questions go to the conversational
 * agent, whose replies are sent in the same thread; later replies continue that conversation.
 * Undefined when the message is not about any campaign. A redelivered message does nothing twice.
 */
export const handleReply = async (
  deps: CampaignDeps,
  message: InboundMessage,
): Promise<ReplyOutcome | undefined> => {
  const matched = await matchReply(deps, message);
  if (matched === undefined) return undefined;
  const { contact, answered } = matched;
  const campaign = await deps.store.getCampaign(contact.campaignId);
  if (campaign === undefined) return undefined;
  const base = { campaignId: campaign.id, contactId: contact.id };
  if (
    contact.status === 'handed_over' &&
    contact.conversationId !== undefined &&
    deps.conversation !== undefined
  ) {
    if (!(await tookAlready(deps, contact.conversationId, message)))
      return { ...base, class: 'conversation', action: await continueConversation(deps, contact, message) };
    // Taken already: what the first attempt could not send (the relay refused it) goes now, once.
    const delivery = await deliverAnswer(deps, contact.conversationId, message);
    const action = delivery.sent > 0 ? "already handled; the agent's answer sent now" : 'already handled';
    return { ...base, class: 'conversation', action, duplicate: true };
  }
  const classified = await classifyReplyWith(deps.llm, message, contact.timeZone ?? campaign.config.timeZone);
  const reply: CampaignReply = {
    id: deps.newId(),
    campaignId: campaign.id,
    contactId: contact.id,
    ...(answered === undefined ? {} : { messageId: answered.id }),
    channelMessageId: message.messageId,
    class: classified.class,
    evidence: classified.evidence,
    ...(classified.followUpOn === undefined ? {} : { followUpOn: classified.followUpOn }),
    text: message.text,
    receivedAt: message.receivedAt,
    ...(classified.classifiedBy === undefined ? {} : { classifiedBy: classified.classifiedBy }),
  };
  if (handsOver(deps, contact, classified)) {
    // The reply is stored with the conversation it opens, in one transaction (`handOver`).
    const action = await handOver(deps, campaign, contact, message, reply, answered);
    return action === undefined
      ? { ...base, class: classified.class, action: 'already handled', duplicate: true }
      : { ...base, class: classified.class, action };
  }
  const stored = await deps.store.addReply(reply);
  if (!stored) return { ...base, class: classified.class, action: 'already handled', duplicate: true };
  const action = await act(deps, campaign, contact, classified, message);
  await deps.store.addAudit({
    campaignId: campaign.id,
    action: `reply: ${classified.class}`,
    actor: RUNNER,
    recipient: contact.email ?? contact.id,
    at: message.receivedAt,
    detail: `${action} ("${classified.evidence}")`,
  });
  return { ...base, class: classified.class, action };
};

const act = async (
  deps: CampaignDeps,
  campaign: CampaignRecord,
  contact: CampaignContact,
  reply: ClassifiedReply,
  message: InboundMessage,
): Promise<string> => {
  const stop = async (reason: string): Promise<void> => {
    await deps.store.cancelPending(contact.id, reason);
    await deps.store.updateContact(contact.id, { status: 'stopped', reason });
  };
  const address = contact.email ?? message.from;
  switch (reply.class) {
    case 'bounce': {
      await stop(`bounced (${reply.evidence})`);
      await deps.store.suppress(address, `bounced: ${reply.evidence}`, `campaign:${campaign.id}`);
      const paused = await checkPause(deps, campaign.id);
      return paused === undefined
        ? 'stopped and suppressed'
        : `stopped and suppressed; campaign paused: ${paused}`;
    }
    case 'unsubscribe':
      await stop('unsubscribed');
      // The address written to and the one that asked (a texted STOP comes from the phone): both
      // suppressed before the lead's consent says so, which is what others wait on.
      for (const asked of new Set([address, message.from]))
        await deps.store.suppress(asked, 'asked to unsubscribe', `campaign:${campaign.id}`);
      await optOutLeadOf(deps, contact, message.receivedAt);
      return 'unsubscribed: suppressed everywhere';
    case 'not_interested':
      await stop('not interested');
      return 'stopped: not interested';
    case 'out_of_office': {
      const back =
        reply.followUpOn === undefined
          ? Date.parse(message.receivedAt) + 7 * DAY_MS
          : Date.parse(`${reply.followUpOn}T00:00:00Z`) + DAY_MS;
      const dueAt = new Date(back).toISOString();
      const moved = await deps.store.reschedulePending(contact.id, dueAt);
      if (moved === 0) await writeFollowUp(deps, campaign, contact, dueAt);
      await deps.store.updateContact(contact.id, {
        reason: `out of office until ${reply.followUpOn ?? 'unknown'}: next message after ${dueAt.slice(0, 10)}`,
      });
      return `rescheduled after ${dueAt.slice(0, 10)}`;
    }
    case 'not_now': {
      const dueAt =
        reply.followUpOn === undefined
          ? new Date(Date.parse(message.receivedAt) + 90 * DAY_MS).toISOString()
          : `${reply.followUpOn}T00:00:00.000Z`;
      await deps.store.cancelPending(contact.id, 'not now: a follow-up is written for the date they gave');
      const written = await writeFollowUp(deps, campaign, contact, dueAt);
      await deps.store.updateContact(contact.id, { reason: `not now: follow up on ${dueAt.slice(0, 10)}` });
      return written === undefined
        ? `follow-up scheduled for ${dueAt.slice(0, 10)}`
        : `follow-up not written: ${written}`;
    }
    case 'wrong_person': {
      await stop('wrong person');
      const referred = await addReferral(deps, campaign, contact, reply, message.receivedAt);
      return referred;
    }
    case 'interested':
    case 'question':
      return waitForPerson(deps, contact);
  }
};
