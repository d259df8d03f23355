import { randomBytes, randomUUID } from 'node:crypto';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { ChannelSender, InboundMessage } from '../channels/channel-message.js';
import type { ChannelsConfig } from '../channels/channels-config.js';
import {
  dialogueFor,
  slotsForLead,
  type CampaignReplyOutcome,
  type ConverseDeps,
} from '../channels/converse/converse-deps.js';
import { RUNNER, type CampaignDeps } from '../outbound/campaign-deps.js';
import { recordFeedbackReport } from '../outbound/feedback-report.js';
import { rememberSmsOptOut } from '../outbound/sms-consent.js';
import { describePlaybooks, type CampaignLlm } from '../outbound/llm-campaign.js';
import { handleReply, matchReply, type ReplyOutcome } from '../outbound/handle-reply.js';
import type { CampaignContact } from '../outbound/outbound-store.js';

/**
 * The one-click unsubscribe link of a campaign contact's token (the service's
 * `/v1/unsubscribe/:token`, under the conversations file's `email.unsubscribe.publicUrl`), or
 * undefined when the file names no public address.
 */
export const campaignUnsubscribeUrl = (config: ChannelsConfig): ((token: string) => string) | undefined => {
  const base = config.email?.unsubscribe?.publicUrl;
  return base === undefined
    ? undefined
    : (token) => `${base.replace(/\/+$/, '')}/v1/unsubscribe/${encodeURIComponent(token)}`;
};

/**
 * The campaign side of the service's inbound email and SMS: given the conversation's deps (their email
 * sender, clock, criteria and calendars), a function that hands a message to `handleReply` when
 * it answers a campaign message or comes from a campaign contact (unless it is threaded to one of
 * the agent's own conversations), and returns undefined for mail about no campaign (it then goes
 * to the conversations). An interested reply is handed to the
 * same agent the service's conversations use, set up for the contact's lead, and answered on the
 * channel the reply came by. A text is matched to the campaign contact texted at its number (unless
 * the agent opened a conversation with that number since: `textedSince`); a
 * STOP texted back suppresses the number and records the opt-out in the lead's consent. A
 * feedback report (a spam complaint, RFC 5965) is recorded against the campaign message it names
 * (`recordFeedbackReport`); a delivery delay notice (a DSN that is not final) is only logged.
 * Undefined when neither an email nor an SMS sender is configured.
 */
export const campaignReplyRouter = (
  store: StoreHandle,
  converse: ConverseDeps,
  llm?: CampaignLlm,
): ((message: InboundMessage) => Promise<CampaignReplyOutcome | undefined>) | undefined => {
  const { email, sms } = converse.senders;
  if (email === undefined && sms === undefined) return undefined;
  // Handling a reply sends no campaign message (only the agent's answers), so the path alone will do.
  const unsubscribeUrl =
    campaignUnsubscribeUrl(converse.config) ?? ((token: string) => `/v1/unsubscribe/${token}`);
  const route = async (message: InboundMessage, sender: ChannelSender): Promise<ReplyOutcome | undefined> => {
    const matched = await matchReply({ store: store.outbound }, message);
    if (matched === undefined) return undefined;
    // Matched by address alone, yet threaded to one of the agent's own conversations: the
    // prospect is answering that conversation, not the campaign.
    if (matched.answered === undefined && (await converse.links.byMessageIds(message.replyTo)) !== undefined)
      return undefined;
    if (message.channel === 'sms' && (await textedSince(store, converse, matched.contact, message.from)))
      return undefined;
    const base: CampaignDeps = {
      store: store.outbound,
      leads: store.leads,
      clock: converse.clock,
      newId: randomUUID,
      newToken: () => randomBytes(16).toString('base64url'),
      sender,
      unsubscribeUrl,
      // With `--llm`: replies classified by the model (checked), follow-ups and referrals written by it.
      ...(llm === undefined
        ? {}
        : { llm: { playbookDescription: describePlaybooks(converse.criteria), ...llm } }),
    };
    const { contact } = matched;
    const lead = contact.leadId === undefined ? undefined : await store.leads.getLead(contact.leadId);
    const campaign = await store.outbound.getCampaign(contact.campaignId);
    if (lead === undefined || campaign === undefined) return handleReply(base, message);
    const timeZone = contact.timeZone ?? campaign.config.timeZone;
    const [dialogue, { slots }] = await Promise.all([
      dialogueFor(converse, lead, timeZone),
      slotsForLead(converse, lead),
    ]);
    return handleReply(
      {
        ...base,
        conversation: {
          deps: {
            store: converse.conversations,
            dialogue,
            ...(converse.understand === undefined ? {} : { understand: converse.understand }),
            ...(converse.phrase === undefined ? {} : { phrase: converse.phrase }),
          },
          slots,
          // The agent's answers go through the conversations' outbox (retried, never twice).
          links: converse.links,
          // What the prospect tells the agent is kept on the lead and re-decides it, as in the service's conversations.
          requalify: converse.requalify,
        },
      },
      message,
    );
  };
  return async (message) => {
    // A feedback report is about a message we sent, whoever sends the report.
    if (message.complaint !== undefined)
      return recordFeedbackReport(
        { store: store.outbound, leads: store.leads, clock: converse.clock },
        message,
      );
    const sender = message.channel === 'sms' ? sms : message.channel === 'email' ? email : undefined;
    if (sender === undefined) return undefined;
    if (message.bounce?.permanent === false) return delayed(store, message);
    const outcome = await route(message, sender);
    if (message.channel === 'sms' && outcome?.class === 'unsubscribe' && outcome.duplicate !== true) {
      const contact = await store.outbound.getContact(outcome.contactId);
      if (contact !== undefined)
        await rememberSmsOptOut(
          { store: store.outbound, leads: store.leads },
          contact,
          message.from,
          'texted STOP to a campaign',
          message.receivedAt,
        );
    }
    return outcome;
  };
};

/**
 * Whether the agent opened a conversation of its own with this number after the campaign last
 * texted the contact (not the campaign's hand-over): texts have no threads, so the newer
 * conversation is the one being answered.
 */
const textedSince = async (
  store: StoreHandle,
  converse: ConverseDeps,
  contact: CampaignContact,
  phone: string,
): Promise<boolean> => {
  const link = await converse.links.latestByAddress('sms', phone);
  if (link === undefined || link.conversationId === contact.conversationId) return false;
  const sent = (await store.outbound.listMessages(contact.campaignId, { contactId: contact.id }))
    .flatMap((m) => (m.sentAt === undefined ? [] : [m.sentAt]))
    .sort();
  const last = sent[sent.length - 1];
  return last === undefined || link.createdAt > last;
};

/**
 * A delivery delay notice (a DSN whose failure is not final, `Action: delayed` or a 4.x.x status)
 * about a campaign message: logged, and nothing else — the receiving server keeps trying, so it
 * is no bounce (as a send refused for now is none either).
 */
const delayed = async (
  store: StoreHandle,
  message: InboundMessage,
): Promise<CampaignReplyOutcome | undefined> => {
  const matched = await matchReply({ store: store.outbound }, message);
  if (matched === undefined) return undefined;
  const { contact } = matched;
  await store.outbound.addAudit({
    campaignId: contact.campaignId,
    action: 'delivery delayed',
    actor: RUNNER,
    recipient: contact.email ?? message.bounce?.recipient ?? contact.id,
    ...(matched.answered === undefined ? {} : { messageId: matched.answered.id }),
    at: message.receivedAt,
    detail: `${message.bounce?.status ?? 'no status'} in ${message.messageId}: not final, so not a bounce`,
  });
  return {
    campaignId: contact.campaignId,
    contactId: contact.id,
    class: 'delayed',
    action: 'logged: the receiving server keeps trying',
  };
};
