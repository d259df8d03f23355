import type { CampaignConfig } from './campaign-config.js';

/** What the campaign knows of a contact before writing to them. */
export interface ContactStanding {
  readonly email?: string;
  readonly phone?: string;
  /** Opted out anywhere: any campaign, the conversation, an unsubscribe link, an SMS STOP. */
  readonly optedOut: boolean;
  /** On the suppression list (by address or by the whole domain). */
  readonly suppressed: boolean;
  /** Already an open lead with a rep as owner. */
  readonly ownedBy?: string;
  /** A provider (or the contact) confirmed the address. */
  readonly emailVerified: boolean;
  /** For SMS: the contact agreed to texts. */
  readonly smsConsent: boolean;
}

/**
 * Why a contact must not be written to, or undefined when they may be: opted out anywhere,
 * suppressed, an open lead a rep owns, no address for the channel, an unverified email (unless
 * the campaign allows it), or SMS without consent. The first reason that applies is the one given.
 */
export const contactBlock = (
  contact: ContactStanding,
  campaign: Pick<CampaignConfig, 'channel' | 'allowUnverifiedEmail'>,
): string | undefined => {
  if (contact.optedOut) return 'opted out of contact';
  if (contact.suppressed) return 'on the suppression list';
  if (contact.ownedBy !== undefined) return `already an open lead owned by ${contact.ownedBy}`;
  if (campaign.channel === 'sms') {
    if (contact.phone === undefined) return 'no phone number';
    if (!contact.smsConsent) return 'no consent to text messages';
    return undefined;
  }
  if (contact.email === undefined) return 'no email address';
  if (!contact.emailVerified && !campaign.allowUnverifiedEmail)
    return 'the email address is not verified (the campaign does not allow unverified addresses)';
  return undefined;
};

/** What a campaign has sent and what came back. */
export interface CampaignHealth {
  readonly sent: number;
  readonly bounced: number;
  readonly complaints: number;
}

/**
 * Whether a campaign must pause on its own: once `minSent` messages are out, a bounce rate or a
 * complaint rate at or over its threshold pauses it, with the figures in the reason.
 */
export const pauseReason = (health: CampaignHealth, pause: CampaignConfig['pause']): string | undefined => {
  if (health.sent < pause.minSent) return undefined;
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const bounceRate = health.bounced / health.sent;
  if (bounceRate >= pause.bounceRate)
    return `${health.bounced} of ${health.sent} messages bounced (${pct(bounceRate)}, the limit is ${pct(pause.bounceRate)})`;
  const complaintRate = health.complaints / health.sent;
  if (complaintRate >= pause.complaintRate)
    return `${health.complaints} of ${health.sent} messages were marked as spam (${pct(complaintRate)}, the limit is ${pct(pause.complaintRate)})`;
  return undefined;
};
