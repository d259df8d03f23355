import { describe, expect, it } from 'vitest';
import { contactBlock, pauseReason, type ContactStanding } from './contact-rules.js';

const fine: ContactStanding = {
  email: 'sam@bigco.example',
  phone: '+4915112345678',
  optedOut: false,
  suppressed: false,
  emailVerified: true,
  smsConsent: false,
};
const email = { channel: 'email', allowUnverifiedEmail: false } as const;

describe('contactBlock', () => {
  it('lets a verified, unowned contact who never opted out be written to', () => {
    expect(contactBlock(fine, email)).toBeUndefined();
  });

  it('never writes to someone who opted out or is suppressed, or whom a rep owns, whatever else holds', () => {
    expect(contactBlock({ ...fine, optedOut: true, suppressed: true }, email)).toBe('opted out of contact');
    expect(contactBlock({ ...fine, suppressed: true }, { channel: 'sms', allowUnverifiedEmail: true })).toBe(
      'on the suppression list',
    );
    expect(contactBlock({ ...fine, ownedBy: 'Dana Kim' }, email)).toBe(
      'already an open lead owned by Dana Kim',
    );
  });

  it('asks for a verified address unless the campaign allows otherwise, and consent for texts', () => {
    expect(contactBlock({ ...fine, emailVerified: false }, email)).toMatch(/not verified/);
    expect(
      contactBlock({ ...fine, emailVerified: false }, { ...email, allowUnverifiedEmail: true }),
    ).toBeUndefined();
    const { email: _e, ...noEmail } = fine;
    expect(contactBlock(noEmail, email)).toBe('no email address');
    expect(contactBlock(fine, { channel: 'sms', allowUnverifiedEmail: false })).toBe(
      'no consent to text messages',
    );
    expect(
      contactBlock({ ...fine, smsConsent: true }, { channel: 'sms', allowUnverifiedEmail: false }),
    ).toBeUndefined();
  });
});

describe('pauseReason', () => {
  const pause = { bounceRate: 0.05, complaintRate: 0.003, minSent: 20 };
  it('waits for enough messages, then pauses on bounces or complaints with the figures', () => {
    expect(pauseReason({ sent: 19, bounced: 10, complaints: 5 }, pause)).toBeUndefined();
    expect(pauseReason({ sent: 40, bounced: 1, complaints: 0 }, pause)).toBeUndefined();
    expect(pauseReason({ sent: 40, bounced: 2, complaints: 0 }, pause)).toBe(
      '2 of 40 messages bounced (5.0 %, the limit is 5.0 %)',
    );
    expect(pauseReason({ sent: 400, bounced: 3, complaints: 2 }, pause)).toBe(
      '2 of 400 messages were marked as spam (0.5 %, the limit is 0.3 %)',
    );
  });
});
