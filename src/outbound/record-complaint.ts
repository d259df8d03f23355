import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import { checkPause } from './check-pause.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { OutboundStore } from './outbound-store.js';
import { optOutLeadOf } from './unsubscribe-contact.js';

/**
 * A spam complaint about a campaign message (a mailbox provider's feedback report, read from the
 * inbound mail by `recordFeedbackReport`; the sending service reporting one; or a person who saw
 * one): the address is suppressed, the contact stops, their lead's consent records the opt-out
 * (a complaint is one: no channel writes to them again), the complaint is logged — and counts toward the campaign's complaint rate, which may pause it.
 * Returns the pause reason when it paused the campaign.
 */
export const recordComplaint = async (
  deps: { readonly store: OutboundStore; readonly leads: LeadStore; readonly clock: Clock },
  campaignId: string,
  email: string,
  source: string,
  about: {
    /** The campaign message complained about, when the report names it. */
    readonly messageId?: string;
    /** What the audit line says (by default: a spam complaint). */
    readonly detail?: string;
  } = {},
): Promise<{ readonly paused?: string }> => {
  const address = email.toLowerCase();
  const contact = (await deps.store.contactsByEmail(address)).find((c) => c.campaignId === campaignId);
  if (contact === undefined)
    throw new AppError('NOT_FOUND', {
      message: `campaign ${campaignId} wrote to no one at ${address}`,
      details: { field: 'email' },
    });
  await deps.store.suppress(address, 'marked a campaign message as spam', `campaign:${campaignId}`);
  await deps.store.cancelPending(contact.id, 'complained');
  await deps.store.updateContact(contact.id, { status: 'stopped', reason: 'marked our message as spam' });
  await optOutLeadOf(deps, contact, isoNow(deps.clock));
  await deps.store.addAudit({
    campaignId,
    action: 'complaint',
    actor: source,
    recipient: address,
    ...(about.messageId === undefined ? {} : { messageId: about.messageId }),
    at: isoNow(deps.clock),
    detail: about.detail ?? 'a spam complaint',
  });
  const paused = await checkPause(deps, campaignId);
  return paused === undefined ? {} : { paused };
};
