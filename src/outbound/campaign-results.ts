import type { ConversationStore } from '../conversation/conversation-store.js';
import { REPLY_CLASSES, type ReplyClass } from './classify-reply.js';
import type { OutboundStore } from './outbound-store.js';

/** A campaign's results, as the CLI, the API and the dashboard show them. */
export interface CampaignResults {
  readonly campaignId: string;
  readonly name: string;
  readonly status: string;
  readonly mode: string;
  readonly pauseReason?: string;
  readonly accounts: { readonly targeted: number; readonly qualified: number; readonly reached: number };
  readonly contacts: {
    readonly found: number;
    readonly inSequence: number;
    readonly skipped: number;
    /** How many were skipped for each reason (for SMS: no consent on record, declined, opted out…). */
    readonly skippedFor: Readonly<Record<string, number>>;
    readonly referred: number;
  };
  readonly messages: {
    readonly sent: number;
    readonly awaitingApproval: number;
    readonly queued: number;
    readonly failed: number;
  };
  /** Contacts who replied, of those written to; and each class's count and share of those written to. */
  readonly replies: {
    readonly contacts: number;
    readonly rate: number;
    readonly byClass: Readonly<Record<ReplyClass, { readonly count: number; readonly rate: number }>>;
  };
  readonly suppressed: number;
  /** Contacts whose conversation with the agent qualified them (or booked). */
  readonly qualifiedLeads: number;
  readonly meetingsBooked: number;
  /**
   * Hours from each booked contact's first message to the meeting itself (the booked slot's
   * start, not the moment it was booked): the median, and each.
   */
  readonly hoursToMeeting: { readonly median?: number; readonly each: readonly number[] };
}

const countBy = (keys: readonly string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

const share = (n: number, of: number): number => (of === 0 ? 0 : Math.round((1000 * n) / of) / 1000);

/**
 * A campaign's results from its store: accounts targeted, qualified and reached (a message sent),
 * contacts found, messages sent, reply rate by class (contacts replying of contacts written to),
 * qualified leads and meetings booked by the conversational agent, and the time from the first
 * message to the meeting (the booked slot's start).
 */
export const campaignResults = async (
  deps: { readonly store: OutboundStore; readonly conversations: ConversationStore },
  campaignId: string,
): Promise<CampaignResults | undefined> => {
  const campaign = await deps.store.getCampaign(campaignId);
  if (campaign === undefined) return undefined;
  const [accounts, contacts, messages, replies] = await Promise.all([
    deps.store.listAccounts(campaignId),
    deps.store.listContacts(campaignId),
    deps.store.listMessages(campaignId),
    deps.store.listReplies(campaignId),
  ]);
  const sent = messages.filter((m) => m.status === 'sent');
  const firstSent = new Map<string, number>();
  for (const m of sent) {
    const at = Date.parse(m.sentAt ?? m.createdAt);
    firstSent.set(m.contactId, Math.min(firstSent.get(m.contactId) ?? Infinity, at));
  }
  const reachedDomains = new Set(sent.map((m) => m.domain));
  const written = firstSent.size;
  const repliedBy = new Map<ReplyClass, Set<string>>(REPLY_CLASSES.map((c) => [c, new Set()]));
  for (const r of replies) repliedBy.get(r.class)?.add(r.contactId);
  const byClass = Object.fromEntries(
    REPLY_CLASSES.map((c) => [
      c,
      { count: repliedBy.get(c)?.size ?? 0, rate: share(repliedBy.get(c)?.size ?? 0, written) },
    ]),
  ) as Record<ReplyClass, { count: number; rate: number }>;
  const repliers = new Set(replies.map((r) => r.contactId));
  let qualifiedLeads = 0;
  let meetingsBooked = 0;
  const hours: number[] = [];
  for (const c of contacts) {
    if (c.conversationId === undefined) continue;
    const record = await deps.conversations.load(c.conversationId);
    if (record === undefined) continue;
    const kind = record.state.ending?.kind;
    if (record.state.verdict === 'qualified' || kind === 'booked') qualifiedLeads++;
    if (record.state.ending?.kind !== 'booked') continue;
    meetingsBooked++;
    // To the meeting's start: a call booked today for next Tuesday is a meeting next Tuesday.
    const first = firstSent.get(c.id);
    const meeting = Date.parse(record.state.ending.slot.start);
    if (first !== undefined && Number.isFinite(meeting))
      hours.push(Math.round((meeting - first) / 36_000) / 100);
  }
  const sorted = [...hours].sort((a, b) => a - b);
  const median = sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
  const emails = contacts.flatMap((c) => (c.email === undefined ? [] : [c.email]));
  const suppressed = await deps.store.suppressed(emails);
  return {
    campaignId,
    name: campaign.name,
    status: campaign.status,
    mode: campaign.config.mode,
    ...(campaign.pauseReason === undefined ? {} : { pauseReason: campaign.pauseReason }),
    accounts: {
      targeted: accounts.length,
      qualified: accounts.filter((a) => a.status === 'reached').length,
      reached: reachedDomains.size,
    },
    contacts: {
      found: contacts.length,
      inSequence: contacts.filter((c) => c.status === 'active').length,
      skipped: contacts.filter((c) => c.status === 'skipped').length,
      skippedFor: countBy(
        contacts.flatMap((c) => (c.status === 'skipped' ? [c.reason ?? 'no reason given'] : [])),
      ),
      referred: contacts.filter((c) => c.referredBy !== undefined).length,
    },
    messages: {
      sent: sent.length,
      awaitingApproval: messages.filter((m) => m.status === 'awaiting_approval').length,
      queued: messages.filter((m) => m.status === 'queued').length,
      failed: messages.filter((m) => m.status === 'failed').length,
    },
    replies: { contacts: repliers.size, rate: share(repliers.size, written), byClass },
    suppressed: suppressed.size,
    qualifiedLeads,
    meetingsBooked,
    hoursToMeeting: { ...(median === undefined ? {} : { median }), each: hours },
  };
};
