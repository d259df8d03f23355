import type { Lead } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { OutboundStore } from './outbound-store.js';
import { optOutLeadOf } from './unsubscribe-contact.js';

/**
 * Why a campaign text must not go to this lead now, or undefined when it may: consent is read
 * from the lead as stored at send time (`consent.sms`: the intake's `consent_sms` column, cleared
 * by a STOP anywhere), not as it was when the campaign was prepared. No consent on record is no
 * consent.
 */
export const smsWithheld = (lead: Pick<Lead, 'consent'> | undefined): string | undefined => {
  if (lead === undefined) return 'the contact has no stored lead to read SMS consent from';
  if (lead.consent.optedOutAt !== undefined) return `opted out on ${lead.consent.optedOutAt.slice(0, 10)}`;
  if (lead.consent.sms === false) return 'declined text messages';
  if (lead.consent.sms !== true) return 'no consent to text messages on record';
  return undefined;
};

/**
 * A contact who asked to stop texts (a STOP reply, or Twilio refusing a number that sent STOP to
 * ours, error 21610): the number is suppressed for every campaign, and the lead's consent records
 * the opt-out (no texts, no email: a STOP is an opt-out everywhere, as in the conversations).
 */
export const rememberSmsOptOut = async (
  deps: { readonly store: OutboundStore; readonly leads: LeadStore },
  contact: { readonly campaignId: string; readonly leadId?: string },
  phone: string,
  reason: string,
  at: string,
): Promise<void> => {
  await deps.store.suppress(phone, reason, `campaign:${contact.campaignId}`);
  await optOutLeadOf(deps, contact, at);
};
