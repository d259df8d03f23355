import type { InboundMessage } from '../channels/channel-message.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import { RUNNER } from './campaign-deps.js';
import type { CampaignContact, CampaignMessage, OutboundStore } from './outbound-store.js';
import { recordComplaint } from './record-complaint.js';

/** What a feedback report led to. */
export interface FeedbackOutcome {
  readonly campaignId: string;
  readonly contactId: string;
  readonly class: 'complaint';
  readonly action: string;
  readonly duplicate?: boolean;
}

/** Feedback types that are not a person marking the message as spam: logged, not counted. */
const NOT_COMPLAINTS = new Set(['not-spam', 'auth-failure']);

const TOKEN = /\/v1\/unsubscribe\/([^/?#]+)/;

/**
 * The campaign contact (and message) a report is about: by the original's Message-ID (our
 * sent message's id), else by the token in its unsubscribe link (our header), else by the
 * recipient who complained (the newest campaign contact at that address).
 */
const matchReport = async (
  store: OutboundStore,
  complaint: NonNullable<InboundMessage['complaint']>,
): Promise<{ contact: CampaignContact; message?: CampaignMessage; by: string } | undefined> => {
  if (complaint.originalMessageId !== undefined) {
    const message = await store.messageByChannelId(complaint.originalMessageId);
    const contact = message === undefined ? undefined : await store.getContact(message.contactId);
    if (contact !== undefined && message !== undefined) return { contact, message, by: 'Message-ID' };
  }
  const token = TOKEN.exec(complaint.unsubscribeUrl ?? '')?.[1];
  if (token !== undefined) {
    const contact = await store.contactByToken(decodeURIComponent(token));
    if (contact !== undefined) return { contact, by: 'unsubscribe link' };
  }
  if (complaint.recipient !== undefined) {
    const [contact] = await store.contactsByEmail(complaint.recipient);
    if (contact !== undefined) return { contact, by: 'recipient' };
  }
  return undefined;
};

/**
 * A mailbox provider's feedback report (RFC 5965 ARF, read by `readEmail` into `complaint`) about
 * a campaign message, as it arrives at the service's SMTP listener or inbound-mail webhook: matched
 * to the campaign message it is about (`matchReport`), and recorded as a spam complaint
 * (`recordComplaint`: the address suppressed, the contact stopped, the lead opted out, an audit line naming the report
 * — and counted toward the complaint rate that pauses the campaign). A `not-spam` or `auth-failure`
 * report is only logged. A report delivered again (its Message-ID already logged) does nothing
 * twice. Undefined when the mail is no feedback report or is about no campaign message.
 */
export const recordFeedbackReport = async (
  deps: { readonly store: OutboundStore; readonly leads: LeadStore; readonly clock: Clock },
  message: InboundMessage,
): Promise<FeedbackOutcome | undefined> => {
  const complaint = message.complaint;
  if (complaint === undefined) return undefined;
  const matched = await matchReport(deps.store, complaint);
  if (matched === undefined) return undefined;
  const { contact } = matched;
  const base = { campaignId: contact.campaignId, contactId: contact.id, class: 'complaint' as const };
  const reportLine = `feedback report (${complaint.feedbackType}) ${message.messageId} from ${message.from} (matched by ${matched.by})`;
  const logged = await deps.store.audit(contact.campaignId);
  if (logged.some((a) => a.detail?.includes(` ${message.messageId} `) === true))
    return { ...base, action: 'already recorded', duplicate: true };
  if (NOT_COMPLAINTS.has(complaint.feedbackType)) {
    await deps.store.addAudit({
      campaignId: contact.campaignId,
      action: 'feedback report',
      actor: RUNNER,
      recipient: contact.email ?? complaint.recipient ?? contact.id,
      ...(matched.message === undefined ? {} : { messageId: matched.message.id }),
      at: message.receivedAt,
      detail: reportLine,
    });
    return { ...base, action: `logged: ${complaint.feedbackType} is not a spam complaint` };
  }
  const address = contact.email ?? complaint.recipient;
  if (address === undefined) return { ...base, action: 'no address to suppress' };
  const { paused } = await recordComplaint(
    deps,
    contact.campaignId,
    address,
    `feedback loop: ${message.from}`,
    {
      ...(matched.message === undefined ? {} : { messageId: matched.message.id }),
      detail: reportLine,
    },
  );
  return {
    ...base,
    action:
      paused === undefined
        ? 'complaint recorded: suppressed and stopped'
        : `complaint recorded: suppressed and stopped; campaign paused: ${paused}`,
  };
};
