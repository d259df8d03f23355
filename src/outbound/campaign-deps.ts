import type { ChannelSender } from '../channels/channel-message.js';
import type { ChannelStore } from '../channels/channel-store.js';
import type { ConversationDeps } from '../conversation/reply-to-prospect.js';
import type { SlotSpec } from '../conversation/dialogue/conversation-state.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { CampaignLlm } from './llm-campaign.js';
import type { OutboundStore } from './outbound-store.js';

/** What running a campaign needs: the stores, a clock, the channel out, and the conversational agent. */
export interface CampaignDeps {
  readonly store: OutboundStore;
  readonly leads: LeadStore;
  readonly clock: Clock;
  readonly newId: () => string;
  /** The secret of a new contact's unsubscribe link (a referral's). */
  readonly newToken: () => string;
  /** The channel messages go out through (email: `createEmailSender`). */
  readonly sender: ChannelSender;
  /** The one-click unsubscribe address for a contact's token (the service's `/v1/unsubscribe/:token`). */
  readonly unsubscribeUrl: (token: string) => string;
  /**
   * The agent interested replies are handed to, and the channel store whose outbox sends its
   * answers (`deliverPending`); without it they wait for a person.
   */
  readonly conversation?: {
    readonly deps: ConversationDeps;
    readonly slots: readonly SlotSpec[];
    readonly links: ChannelStore;
    /**
     * Re-decides leads after the prospect answered in the conversation (the service's qualify
     * job, as its own conversations use); without it the facts are kept but nothing re-decides.
     */
    readonly requalify?: (leadIds: readonly string[], reason: string) => Promise<unknown>;
  };
  /** A language model writing the messages and classifying the replies (checked; ours otherwise). */
  readonly llm?: CampaignLlm;
}

/** Who the runner records as the actor of what it does on its own. */
export const RUNNER = 'leadsift';
