import type { Slot } from '../conversation/booking/free-slots.js';
import type { Channel } from './channel-message.js';

/** How a conversation reaches its prospect, and who holds it (the agent, or a person). */
export interface ConversationLink {
  readonly conversationId: string;
  readonly leadId: string;
  readonly channel: Channel;
  /** Email address or E.164 phone; absent for chat (the browser holds the session). */
  readonly address?: string;
  /** The email thread's subject. */
  readonly subject?: string;
  /** SHA-256 (hex) of the chat session's token: the only thing that opens it. */
  readonly sessionHash?: string;
  /** `agent` (a needs_info decision), `visitor` (the widget), or the API key that started it. */
  readonly openedBy: string;
  /** The person who took the conversation over; the agent no longer answers it. */
  readonly takenOverBy?: string;
  readonly takenOverAt?: string;
  readonly createdAt: string;
}

/** An outbound transcript message not yet handed to its channel. */
export interface PendingMessage {
  readonly seq: number;
  readonly text: string;
  readonly at: string;
  /** When an earlier delivery started sending it (it may have gone: the mail server took it, then a crash). */
  readonly sendStartedAt?: string;
}

/**
 * Where conversations meet their channels (the port; the store implements it, migration 008):
 * the links, threading by channel message ids, and which outbound messages are still to send.
 */
export interface ChannelStore {
  addLink(link: ConversationLink): Promise<void>;
  link(conversationId: string): Promise<ConversationLink | undefined>;
  /** The links of a lead, oldest first. */
  linksOfLead(leadId: string): Promise<ConversationLink[]>;
  bySession(sessionHash: string): Promise<ConversationLink | undefined>;
  /** The newest conversation on `channel` with this address (SMS has no threads; stray email). */
  latestByAddress(channel: Channel, address: string): Promise<ConversationLink | undefined>;
  /** The conversation holding a message with any of these channel ids (In-Reply-To, References). */
  byMessageIds(messageIds: readonly string[]): Promise<string | undefined>;
  /** Whether the conversation already holds a message with this channel id (a retried delivery). */
  hasMessage(conversationId: string, messageId: string): Promise<boolean>;
  /** Outbound messages without a channel id yet, oldest first. */
  pending(conversationId: string): Promise<PendingMessage[]>;
  /** Record that sending these messages starts now (the first attempt's time is kept). */
  markSending(conversationId: string, seqs: readonly number[], at: string): Promise<void>;
  /** Record the channel's id of a sent message. */
  markSent(conversationId: string, seq: number, messageId: string): Promise<void>;
  setTakeover(conversationId: string, by: string | undefined, at: string): Promise<void>;
  /** Conversations the agent opened unprompted on this channel since `since` (rate limits). */
  agentOpenedSince(channel: Channel, since: string): Promise<number>;
  /** Meetings booked by conversations that end after `since`, with their rep: those slots are taken. */
  bookedSince(since: string): Promise<Slot[]>;
}
