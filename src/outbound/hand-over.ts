import type { InboundMessage } from '../channels/channel-message.js';
import { deliverPending, type Delivery } from '../channels/converse/deliver-pending.js';
import { rememberFacts, rememberOptOut } from '../channels/converse/remember-on-lead.js';
import type { ConversationStore, TranscriptMessage } from '../conversation/conversation-store.js';
import { openConversation, replyToProspect } from '../conversation/reply-to-prospect.js';
import type { ConversationFact, Ending } from '../conversation/dialogue/conversation-state.js';
import { AppError } from '../domain/app-error.js';
import type { CampaignDeps } from './campaign-deps.js';
import { RUNNER } from './campaign-deps.js';
import { classifyReply } from './classify-reply.js';
import type { ClassifiedReply } from './classify-reply.js';
import type { CampaignContact, CampaignMessage, CampaignRecord, CampaignReply } from './outbound-store.js';
import { stageConversation } from './staged-conversation.js';
import { optOutLeadOf } from './unsubscribe-contact.js';

/** The conversation a campaign contact is handed over in: one per contact, so a redone hand-over finds it. */
export const handOverConversationId = (contactId: string): string => `campaign-${contactId}`;

/** Whether a reply goes to the conversational agent: interested or asking, with an agent and a lead to talk about. */
export const handsOver = (
  deps: Pick<CampaignDeps, 'conversation'>,
  contact: CampaignContact,
  reply: Pick<ClassifiedReply, 'class'>,
): boolean =>
  (reply.class === 'interested' || reply.class === 'question') &&
  deps.conversation !== undefined &&
  contact.leadId !== undefined;

/** Interested or asking, with no agent configured: the contact stops and waits for a person. */
export const waitForPerson = async (deps: CampaignDeps, contact: CampaignContact): Promise<string> => {
  await deps.store.cancelPending(contact.id, 'replied: handed to the conversational agent');
  await deps.store.updateContact(contact.id, { status: 'stopped', reason: 'replied: waiting for a person' });
  return 'waiting for a person (no conversational agent configured)';
};

const REASON = 'replied: in conversation with the agent';
const withoutRe = (subject: string | undefined): string | undefined =>
  subject?.replace(/^(?:re:\s*)+/i, '') || undefined;

/**
 * Interested or asking: the conversational agent takes over in a conversation of its own, linked
 * to the contact's lead and to the channel the reply came by. The agent opens it and answers the
 * reply; the transcript — the campaign message answered, the prospect's reply, the agent's
 * answer — is written with the reply (marking it handled), its audit line and the contact handed
 * over, in one transaction (`OutboundStore.handOver`). The answer then goes through the
 * conversation's outbox (`deliverPending`), in the campaign's thread (In-Reply-To the reply,
 * References the campaign message): a send that fails throws, and the redelivered reply finds the
 * conversation and sends what is still pending — never lost, never twice. Undefined when the
 * reply was handled already.
 */
export const handOver = async (
  deps: CampaignDeps,
  campaign: CampaignRecord,
  contact: CampaignContact,
  message: InboundMessage,
  reply: CampaignReply,
  answered: CampaignMessage | undefined,
): Promise<string | undefined> => {
  const agent = deps.conversation;
  if (agent === undefined || contact.leadId === undefined)
    throw new AppError('CONFLICT', {
      message: `contact ${contact.id} cannot be handed over: no agent or lead`,
    });
  const id = handOverConversationId(contact.id);
  const at = new Date(deps.clock.now()).toISOString();
  const staging = stageConversation(agent.deps.store, id, at);
  const talk = { ...agent.deps, store: staging.store };
  const channel = message.channel === 'sms' ? 'sms' : 'email';
  await openConversation(talk, {
    id,
    leadId: contact.leadId,
    channel,
    timeZone: contact.timeZone ?? campaign.config.timeZone,
    slots: agent.slots,
    ...(contact.name === undefined ? {} : { firstName: contact.name.split(' ')[0] as string }),
  });
  const first = await replyToProspect(talk, id, { text: message.text, messageId: message.messageId });
  const staged = staging.staged();
  if (staged === undefined) throw new AppError('INTERNAL', { message: `conversation ${id} was not opened` });
  const subject = withoutRe(answered?.subject) ?? withoutRe(message.subject);
  // The campaign message answered opens the transcript: the thread's References carry it.
  const campaignMessage: TranscriptMessage[] =
    answered?.channelMessageId === undefined
      ? []
      : [
          {
            direction: 'outbound',
            text: answered.text,
            at: answered.sentAt ?? answered.createdAt,
            messageId: answered.channelMessageId,
            author: `campaign ${campaign.id}`,
          },
        ];
  const written = await deps.store.handOver({
    reply,
    audit: {
      campaignId: campaign.id,
      action: `reply: ${reply.class}`,
      actor: RUNNER,
      recipient: contact.email ?? contact.id,
      at: message.receivedAt,
      detail: `handed over to the conversational agent in conversation ${id} ("${reply.evidence}")`,
    },
    reason: REASON,
    conversation: {
      state: staged.state,
      messages: [
        ...campaignMessage,
        ...staged.messages.filter((m) => m.direction === 'inbound'),
        ...staged.messages.filter((m) => m.direction === 'outbound'),
      ],
    },
    link: {
      conversationId: id,
      leadId: contact.leadId,
      channel,
      address: message.from,
      ...(subject === undefined ? {} : { subject }),
      openedBy: `campaign:${campaign.id}`,
      createdAt: at,
    },
  });
  if (!written) return undefined;
  await rememberOnLead(deps, contact, first, message.receivedAt);
  const delivery = await deliverAnswer(deps, id, message);
  return `handed over to the conversational agent${heldNote(delivery)}`;
};

const heldNote = (delivery: Delivery): string =>
  delivery.held === undefined ? '' : ` (its answer is held: ${delivery.held})`;

/**
 * Sends what the agent wrote in a contact's conversation and is not sent yet, through the
 * conversation's outbox on the channel the campaign replies by.
 */
export const deliverAnswer = async (
  deps: CampaignDeps,
  conversationId: string,
  message: Pick<InboundMessage, 'channel'>,
): Promise<Delivery> => {
  const agent = deps.conversation;
  if (agent === undefined) return { sent: 0, held: 'no conversational agent is configured' };
  return deliverPending(
    {
      links: agent.links,
      conversations: agent.deps.store,
      leads: deps.leads,
      // Replies in a thread the prospect answered: the campaign's own messages carry the unsubscribe link.
      senders: message.channel === 'sms' ? { sms: deps.sender } : { email: deps.sender },
    },
    conversationId,
  );
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

/**
 * A person took the conversation over (on the lead's page): the message is only stored, for them
 * to answer — unless it opts out, which ends the conversation there too.
 */
const keepForPerson = async (
  store: ConversationStore,
  conversationId: string,
  message: InboundMessage,
  person: string,
  optedOut: boolean,
): Promise<string> => {
  const record = await store.load(conversationId);
  if (record === undefined)
    throw new AppError('NOT_FOUND', { message: `conversation ${conversationId} is gone` });
  const state = optedOut
    ? { ...record.state, status: 'ended' as const, ending: { kind: 'opted_out' as const } }
    : record.state;
  await store.save(state, record.version, [
    { direction: 'inbound', text: message.text, at: message.receivedAt, messageId: message.messageId },
  ]);
  return optedOut
    ? `opted out: suppressed everywhere; the conversation ${person} took over is ended`
    : `kept for ${person}, who took the conversation over`;
};

/**
 * An opt-out in a later message ("unsubscribe", STOP, "remove me") is honoured whoever holds the
 * conversation: the contact stops, the address is suppressed for every campaign and the lead's
 * consent records it, at once and logged — not left to a person reading the transcript.
 */
const honourOptOut = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
  evidence: string,
): Promise<void> => {
  await deps.store.cancelPending(contact.id, 'unsubscribed');
  await deps.store.updateContact(contact.id, { status: 'stopped', reason: 'unsubscribed' });
  await deps.store.suppress(
    contact.email ?? message.from,
    'asked to unsubscribe in the conversation',
    `campaign:${contact.campaignId}`,
  );
  await optOutLeadOf(deps, contact, message.receivedAt);
  await deps.store.addAudit({
    campaignId: contact.campaignId,
    action: 'reply: unsubscribe',
    actor: RUNNER,
    recipient: contact.email ?? contact.id,
    at: message.receivedAt,
    detail: `opted out in the conversation ("${evidence}")`,
  });
};

/**
 * What a turn of a contact's conversation learned, kept on their lead as the service's own
 * conversation turns keep it (`takeTurn`): an opt-out the agent understood is remembered on the
 * lead's consent; otherwise the facts the prospect gave (role, company — budget, timeline and
 * the rest stay with the conversation, where the decision reads them) are written to the lead
 * with the prospect's provenance and the lead is re-decided (`requalify`), so a prospect who
 * says they have the budget and the authority moves along as one who said it in a chat would.
 */
const rememberOnLead = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  step: { readonly facts: readonly ConversationFact[]; readonly ending?: Ending },
  at: string,
): Promise<void> => {
  const lead = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
  if (lead === undefined) return;
  if (step.ending?.kind === 'opted_out') return rememberOptOut(deps, lead, at);
  const requalify = deps.conversation?.requalify;
  // Without a way to re-decide (a campaign run outside the service), the facts are still kept.
  await rememberFacts(
    { leads: deps.leads, requalify: requalify ?? (async () => undefined) },
    lead,
    step.facts,
    at,
  );
};

/**
 * A later message of a contact handed over: the conversation's next turn (the message and the
 * answer stored at once), what it learned kept on the lead and the lead re-decided
 * (`rememberOnLead`), the answer sent through its outbox in the thread — or, when a person took
 * the conversation over, the message stored for them.
 */
export const continueConversation = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
): Promise<string> => {
  if (deps.conversation === undefined || contact.conversationId === undefined) return 'no agent';
  const said = classifyReply(message, contact.timeZone);
  const optedOut = said.class === 'unsubscribe';
  if (optedOut) await honourOptOut(deps, contact, message, said.evidence);
  const link = await deps.conversation.links.link(contact.conversationId);
  if (link?.takenOverBy !== undefined)
    return keepForPerson(
      deps.conversation.deps.store,
      contact.conversationId,
      message,
      link.takenOverBy,
      optedOut,
    );
  const step = await replyToProspect(deps.conversation.deps, contact.conversationId, {
    text: message.text,
    messageId: message.messageId,
  });
  // The agent may understand an opt-out the campaign's reader did not: honoured the same way.
  if (step.ending?.kind === 'opted_out' && !optedOut)
    await honourOptOut(deps, contact, message, 'the agent understood an opt-out');
  else await rememberOnLead(deps, contact, step, message.receivedAt);
  const delivery = await deliverAnswer(deps, contact.conversationId, message);
  return (
    (step.ending === undefined
      ? 'the conversation continues'
      : `the conversation ended: ${step.ending.kind}`) + heldNote(delivery)
  );
};
