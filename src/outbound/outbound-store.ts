import type { ConversationLink } from '../channels/channel-store.js';
import type { TranscriptMessage } from '../conversation/conversation-store.js';
import type { ConversationState } from '../conversation/dialogue/conversation-state.js';
import type { CitedFact } from '../domain/decision.js';
import type { CompanyFacts } from '../domain/lead.js';
import type { CampaignConfig } from './campaign-config.js';
import type { ReplyClass } from './classify-reply.js';
import type { CampaignHealth } from './contact-rules.js';
import type { LlmAuthorship } from './llm-authorship.js';

/** `active` sends; `paused` sends nothing until resumed (by a person, or on its own after bounces). */
export type CampaignStatus = 'draft' | 'active' | 'paused';

/** A stored campaign: its validated file, its status and why it paused. */
export interface CampaignRecord {
  readonly id: string;
  readonly name: string;
  readonly config: CampaignConfig;
  readonly status: CampaignStatus;
  readonly pauseReason?: string;
  readonly preparedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A target account after pre-qualification: reached, or skipped with the reason; `failed` when it
 * could not be looked up (a vendor outage): the next prepare looks it up again.
 */
export interface CampaignAccount {
  readonly domain: string;
  readonly status: 'reached' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly company: CompanyFacts;
}

/**
 * Where a contact is: `active` in the sequence; `skipped` never written to (with the reason);
 * `stopped` by their reply, an unsubscribe or a bounce; `handed_over` to the conversational
 * agent; `finished` the sequence without a reply.
 */
export type ContactStatus = 'active' | 'skipped' | 'stopped' | 'handed_over' | 'finished';

/** A person the campaign found in an account. */
export interface CampaignContact {
  readonly id: string;
  readonly campaignId: string;
  readonly domain: string;
  readonly leadId?: string;
  readonly email?: string;
  readonly name?: string;
  readonly persona?: string;
  readonly status: ContactStatus;
  readonly reason?: string;
  readonly timeZone?: string;
  /** The secret in the contact's unsubscribe link. */
  readonly token: string;
  /** The contact whose reply named this one (a referral). */
  readonly referredBy?: string;
  readonly conversationId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * A message's life: `awaiting_approval` (review mode) → `queued` → `sent`; or `rejected` by a
 * person, `cancelled` because the contact replied or stopped, `failed` when the channel refused it.
 */
export type MessageStatus = 'awaiting_approval' | 'queued' | 'sent' | 'rejected' | 'cancelled' | 'failed';

/** One message of the sequence to one contact. */
export interface CampaignMessage {
  readonly id: string;
  readonly campaignId: string;
  readonly contactId: string;
  /** Its place in the campaign's sequence (0: the first message). */
  readonly step: number;
  readonly to: string;
  readonly domain: string;
  readonly timeZone?: string;
  readonly subject?: string;
  readonly text: string;
  /** The stored facts the text was written from, with their provenance. */
  readonly facts: readonly CitedFact[];
  /** Written by a language model, or the template with the reason its text was not used (absent: no model configured). */
  readonly writtenBy?: LlmAuthorship;
  readonly status: MessageStatus;
  readonly dueAt: string;
  /** Who approved (or rejected) it; `autonomous` when the campaign sent it on its own. */
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly channelMessageId?: string;
  readonly sentAt?: string;
  readonly error?: string;
  readonly createdAt: string;
}

/** A reply to a campaign message, as classified. */
export interface CampaignReply {
  readonly id: string;
  readonly campaignId: string;
  readonly contactId: string;
  readonly messageId?: string;
  readonly channelMessageId: string;
  readonly class: ReplyClass;
  readonly evidence: string;
  readonly followUpOn?: string;
  readonly text: string;
  readonly receivedAt: string;
  /** Classified by a language model, or offline with the reason its class was not used (absent: no model configured). */
  readonly classifiedBy?: LlmAuthorship;
}

/** One line of the audit log: what happened to which message, who did it, when. */
export interface AuditEntry {
  readonly campaignId: string;
  readonly action: string;
  readonly actor: string;
  readonly messageId?: string;
  readonly recipient?: string;
  readonly detail?: string;
  readonly at: string;
}

/** A change to a contact. */
export type ContactPatch = Partial<
  Pick<CampaignContact, 'status' | 'reason' | 'conversationId' | 'leadId' | 'timeZone'>
>;

/**
 * A reply handed to the conversational agent, written at once: the reply (which marks it
 * handled), its audit line, the contact handed over, and the new conversation — its state, the
 * transcript (the campaign message answered, the prospect's reply, the agent's answer not sent
 * yet) and its link to the channel, whose outbox sends the answer.
 */
export interface HandOverWrite {
  readonly reply: CampaignReply;
  readonly audit: AuditEntry;
  /** Why the contact's pending campaign messages are cancelled, and the contact's new reason. */
  readonly reason: string;
  readonly conversation: {
    readonly state: ConversationState;
    readonly messages: readonly TranscriptMessage[];
  };
  readonly link: ConversationLink;
}

/**
 * Where campaigns live (the port; `kyselyOutboundStore` implements it on SQLite and PostgreSQL).
 * Every change a person or the runner makes to a message is written with its audit line in one
 * transaction, so the log never misses a send or an approval.
 */
export interface OutboundStore {
  createCampaign(
    campaign: { id: string; name: string; config: CampaignConfig },
    actor: string,
  ): Promise<void>;
  getCampaign(id: string): Promise<CampaignRecord | undefined>;
  listCampaigns(): Promise<CampaignRecord[]>;
  /** Sets the status (with the reason for a pause) and logs who did it. */
  setStatus(id: string, status: CampaignStatus, reason: string | undefined, actor: string): Promise<void>;
  /** Stores the prepared accounts, contacts and first messages at once, and marks the campaign prepared. */
  savePrepared(
    campaignId: string,
    prepared: {
      readonly accounts: readonly CampaignAccount[];
      readonly contacts: readonly CampaignContact[];
      readonly messages: readonly CampaignMessage[];
    },
  ): Promise<void>;
  /**
   * Stores one page of a prepare in one transaction: its accounts (a `failed` one replaces an
   * earlier failure) with the contacts and first messages of each. An account already reached or
   * skipped (by an earlier run, or a concurrent one) is kept as it is and this page's contacts
   * and messages for it are dropped, so a prepare run again never writes anyone twice. Returns
   * the domains written.
   */
  savePreparedPage(
    campaignId: string,
    page: {
      readonly accounts: readonly CampaignAccount[];
      readonly contacts: readonly CampaignContact[];
      readonly messages: readonly CampaignMessage[];
    },
  ): Promise<Set<string>>;
  /** Of these domains, the accounts a prepare finished (reached or skipped), with the reason of each skip. */
  preparedAccounts(
    campaignId: string,
    domains: readonly string[],
  ): Promise<Map<string, { readonly status: 'reached' | 'skipped'; readonly reason?: string }>>;
  /** Marks the campaign prepared (every target reached or skipped) and logs `detail`. */
  markPrepared(campaignId: string, detail: string): Promise<void>;
  listAccounts(campaignId: string): Promise<CampaignAccount[]>;
  /**
   * The stored firmographics of these accounts of a campaign, by domain (a domain it has no
   * account for is left out): what a message written after the prepare (a follow-up, a
   * referral's) fills the lead's missing company facts from, without reading every account.
   */
  accountFacts(campaignId: string, domains: readonly string[]): Promise<Map<string, CompanyFacts>>;
  listContacts(campaignId: string): Promise<CampaignContact[]>;
  getContact(id: string): Promise<CampaignContact | undefined>;
  contactByToken(token: string): Promise<CampaignContact | undefined>;
  /** Contacts (any campaign) written to at this address, newest first. */
  contactsByEmail(email: string): Promise<CampaignContact[]>;
  /** Contacts (any campaign) a message was addressed to at this number (E.164), newest first. */
  contactsByPhone(phone: string): Promise<CampaignContact[]>;
  addContact(contact: CampaignContact): Promise<void>;
  updateContact(id: string, patch: ContactPatch): Promise<void>;
  addMessages(messages: readonly CampaignMessage[]): Promise<void>;
  getMessage(id: string): Promise<CampaignMessage | undefined>;
  listMessages(
    campaignId: string,
    filter?: {
      readonly status?: MessageStatus;
      readonly contactId?: string;
      /** Only messages sent after this instant (ISO 8601): a round's recent sends, not the campaign's history. */
      readonly sentAfter?: string;
    },
  ): Promise<CampaignMessage[]>;
  messageByChannelId(channelMessageId: string): Promise<CampaignMessage | undefined>;
  /**
   * A person approves (→ queued) or rejects a message awaiting approval; CONFLICT when it is not
   * awaiting approval any more (someone decided first, or the contact replied).
   */
  decideMessage(id: string, decision: 'approve' | 'reject', actor: string): Promise<CampaignMessage>;
  /** Records a send (with who approved it) in the audit log. */
  markSent(id: string, sent: { readonly channelMessageId: string; readonly sentAt: string }): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Cancels a contact's messages not yet sent; returns how many. */
  cancelPending(contactId: string, reason: string): Promise<number>;
  /** Moves a contact's messages not yet sent to `dueAt`; returns how many. */
  reschedulePending(contactId: string, dueAt: string): Promise<number>;
  /**
   * Hands a reply over to a new conversation in one transaction (see `HandOverWrite`): the
   * contact's pending messages cancelled, the contact `handed_over` to it. False, with nothing
   * written, when this reply was already recorded (a redelivery).
   */
  handOver(write: HandOverWrite): Promise<boolean>;
  /** Stores a reply; false when this channel message was already recorded (a redelivery). */
  addReply(reply: CampaignReply): Promise<boolean>;
  listReplies(campaignId: string): Promise<CampaignReply[]>;
  /**
   * What the pause check counts, by counting in the store (a sending round asked for it and
   * read the campaign's every message, reply and audit line): `sent` is the messages sent plus
   * those the receiving server refused outright (failed with an error starting "bounced"),
   * `bounced` the bounce replies plus those refusals, `complaints` the audit's complaint lines.
   */
  campaignHealth(campaignId: string): Promise<CampaignHealth>;
  /** Adds an address (or `@domain`) to the suppression list; never removed by the runner. */
  suppress(address: string, reason: string, source: string): Promise<void>;
  /** Which of these addresses are suppressed, by address or by their domain. */
  suppressed(addresses: readonly string[]): Promise<Set<string>>;
  /** Leads stored with these addresses: their id and the rep who owns them when routed to one. */
  leadsByEmail(emails: readonly string[]): Promise<Map<string, { leadId: string; owner?: string }>>;
  /** Ids of the stored leads at these company domains (the people already known in each account). */
  leadIdsAtDomains(domains: readonly string[]): Promise<Map<string, string[]>>;
  audit(campaignId: string): Promise<AuditEntry[]>;
  addAudit(entry: AuditEntry): Promise<void>;
}
