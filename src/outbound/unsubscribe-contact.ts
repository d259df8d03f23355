import { rememberOptOut } from '../channels/converse/remember-on-lead.js';
import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { CampaignContact, OutboundStore } from './outbound-store.js';

/**
 * The contact's lead, when it has one, opted out on its consent (no email, texts or calls, kept
 * for good by the merge): someone who asked a campaign to stop is not written to by the
 * conversational agent, another campaign or a rep's sequence either.
 */
export const optOutLeadOf = async (
  deps: { readonly leads: LeadStore },
  contact: Pick<CampaignContact, 'leadId'>,
  at: string,
): Promise<void> => {
  const lead = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
  if (lead !== undefined) await rememberOptOut(deps, lead, at);
};

/**
 * The one-click unsubscribe (RFC 8058) behind every campaign email's link: the contact's address
 * goes on the suppression list (for every campaign), their lead's consent records the opt-out,
 * their pending messages are cancelled and they leave the sequence, and it is logged. Idempotent;
 * an unknown token is NOT_FOUND.
 */
export const unsubscribeContact = async (
  deps: { readonly store: OutboundStore; readonly leads: LeadStore; readonly clock: Clock },
  token: string,
): Promise<{ readonly email?: string; readonly campaignId: string }> => {
  const contact = await deps.store.contactByToken(token);
  if (contact === undefined)
    throw new AppError('NOT_FOUND', {
      message: 'this unsubscribe link is not known (it may have been mistyped)',
    });
  if (contact.email !== undefined)
    await deps.store.suppress(contact.email, 'unsubscribed with the link', `campaign:${contact.campaignId}`);
  await optOutLeadOf(deps, contact, isoNow(deps.clock));
  await deps.store.cancelPending(contact.id, 'unsubscribed');
  if (contact.status !== 'stopped' || contact.reason !== 'unsubscribed') {
    await deps.store.updateContact(contact.id, { status: 'stopped', reason: 'unsubscribed' });
    await deps.store.addAudit({
      campaignId: contact.campaignId,
      action: 'unsubscribed',
      actor: contact.email ?? contact.id,
      ...(contact.email === undefined ? {} : { recipient: contact.email }),
      at: isoNow(deps.clock),
      detail: 'the unsubscribe link',
    });
  }
  return { campaignId: contact.campaignId, ...(contact.email === undefined ? {} : { email: contact.email }) };
};
