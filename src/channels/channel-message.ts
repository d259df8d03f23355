/** The ways leadsift talks with a prospect. */
export const CHANNELS = ['email', 'sms', 'chat'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * A message a prospect sent, as every channel hands it to the conversation: who and where, the
 * new text only (quoted history and signatures removed), the channel's own id, and the ids it
 * answers (email's In-Reply-To and References), by which it is threaded.
 */
export interface InboundMessage {
  readonly channel: Channel;
  /** The sender: an email address (lower case), an E.164 phone number, or a chat session id. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
  /** The channel's id of this message (Message-ID, MessageSid, a chat message id). */
  readonly messageId: string;
  /** Ids of the messages this one answers, nearest first. */
  readonly replyTo: readonly string[];
  readonly subject?: string;
  readonly receivedAt: string;
  /** Sent by a machine (an auto-reply or out-of-office notice, by its headers), not typed by a person. */
  readonly automatic?: boolean;
  /** A delivery failure report about a message we sent, rather than a message from a person. */
  readonly bounce?: { readonly recipient?: string; readonly status?: string; readonly permanent: boolean };
  /**
   * A feedback report (RFC 5965 ARF): a mailbox provider saying its user marked a message we sent
   * as spam — about whom, and which message (its Message-ID and unsubscribe link) — not a reply.
   */
  readonly complaint?: {
    /** `abuse`, `fraud`, `virus`, `other`, `not-spam`, `auth-failure`. */
    readonly feedbackType: string;
    readonly recipient?: string;
    readonly originalMessageId?: string;
    readonly unsubscribeUrl?: string;
  };
}

/** A message to a prospect. */
export interface OutboundMessage {
  readonly to: string;
  readonly text: string;
  /** Email only. */
  readonly subject?: string;
  /** The message this one answers (threads it in the prospect's mail program). */
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  /** A meeting invitation (iCalendar text, METHOD:REQUEST), sent as a calendar part. */
  readonly invitation?: string;
  /** Email: the one-click unsubscribe address (RFC 8058), also shown in the text. */
  readonly unsubscribeUrl?: string;
  /**
   * Email: a stable local part for the Message-ID (letters, digits, `.`, `-`, `_`), so that the
   * same message sent again after a crash carries the same Message-ID; a fresh one when absent.
   */
  readonly messageKey?: string;
}

/** What a channel says of a message it sent. */
export interface SentMessage {
  readonly messageId: string;
  readonly sentAt: string;
}

/** A channel's way out: one message at a time. */
export interface ChannelSender {
  readonly channel: Channel;
  send(message: OutboundMessage): Promise<SentMessage>;
}
