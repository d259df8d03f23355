import { randomBytes, randomUUID } from 'node:crypto';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { InboundMessage } from '../channels/channel-message.js';
import type { ChannelsConfig } from '../channels/channels-config.js';
import { dialogueFor, slotsForLead, type ConverseDeps } from '../channels/converse/converse-deps.js';
import type { CampaignDeps } from '../outbound/campaign-deps.js';
import type { CampaignLlm } from '../outbound/llm-campaign.js';
import { handleReply, matchReply, type ReplyOutcome } from '../outbound/handle-reply.js';

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
 * The campaign side of the service's inbound email: given the conversation's deps (their email
 * sender, clock, criteria and calendars), a function that hands a message to `handleReply` when
 * it answers a campaign message or comes from a campaign contact (unless it is threaded to one of
 * the agent's own conversations), and returns undefined for mail about no campaign (it then goes
 * to the conversations). An interested reply is handed to the
 * same agent the service's conversations use, set up for the contact's lead. Undefined when no
 * email sender is configured.
 */
export const campaignReplyRouter = (
  store: StoreHandle,
  converse: ConverseDeps,
  llm?: CampaignLlm,
): ((message: InboundMessage) => Promise<ReplyOutcome | undefined>) | undefined => {
  const sender = converse.senders.email;
  if (sender === undefined) return undefined;
  // Handling a reply sends no campaign message (only the agent's answers), so the path alone will do.
  const unsubscribeUrl =
    campaignUnsubscribeUrl(converse.config) ?? ((token: string) => `/v1/unsubscribe/${token}`);
  return async (message) => {
    if (message.channel !== 'email') return undefined;
    const matched = await matchReply({ store: store.outbound }, message);
    if (matched === undefined) return undefined;
    // Matched by address alone, yet threaded to one of the agent's own conversations: the
    // prospect is answering that conversation, not the campaign.
    if (matched.answered === undefined && (await converse.links.byMessageIds(message.replyTo)) !== undefined)
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
      ...(llm === undefined ? {} : { llm }),
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
        },
      },
      message,
    );
  };
};
