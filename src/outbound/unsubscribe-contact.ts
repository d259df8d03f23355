import { AppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { OutboundStore } from './outbound-store.js';

/**
 * The one-click unsubscribe (RFC 8058) behind every campaign email's link: the contact's address
 * goes on the suppression list (for every campaign), their pending messages are cancelled and
 * they leave the sequence, and it is logged. Idempotent; an unknown token is NOT_FOUND.
 */
export const unsubscribeContact = async (
  deps: { readonly store: OutboundStore; readonly clock: Clock },
  token: string,
): Promise<{ readonly email?: string; readonly campaignId: string }> => {
  const contact = await deps.store.contactByToken(token);
  if (contact === undefined)
    throw new AppError('NOT_FOUND', {
      message: 'this unsubscribe link is not known (it may have been mistyped)',
    });
  if (contact.email !== undefined)
    await deps.store.suppress(contact.email, 'unsubscribed with the link', `campaign:${contact.campaignId}`);
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
