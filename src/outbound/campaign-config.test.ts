import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { parseCampaign } from './campaign-config.js';

const EXAMPLE = readFileSync(new URL('../../examples/campaigns/saas-revops.yaml', import.meta.url), 'utf8');

const problems = (text: string): string => {
  try {
    parseCampaign(text, 'campaign.yaml');
  } catch (error) {
    if (isAppError(error, 'CONFIG_INVALID')) return error.message;
    throw error;
  }
  return '';
};

describe('campaign files', () => {
  it('reads the example with its defaults filled in', () => {
    const campaign = parseCampaign(EXAMPLE, 'saas-revops.yaml');
    expect(campaign).toMatchObject({
      name: 'RevOps leaders at mid-market SaaS',
      mode: 'review',
      channel: 'email',
      timeZone: 'Europe/Berlin',
      limits: { perDay: 40, perDomainPerDay: 2, minGapSeconds: 90 },
      allowUnverifiedEmail: false,
    });
    expect(campaign.sequence.map((s) => s.afterDays)).toEqual([0, 4]);
    expect(parseCampaign(EXAMPLE.replace(/^limits:.*$/m, ''), 'x.yaml').limits).toEqual({
      perDay: 50,
      perDomainPerDay: 3,
      minGapSeconds: 60,
    });
  });

  it('says where each problem is: file, line, field and the expected form', () => {
    const broken = EXAMPLE.replace('timeZone: Europe/Berlin', 'timeZone: Mars/Olympus')
      .replace("quietHours: { from: '18:00', to: '08:30' }", "quietHours: { from: '6pm', to: '08:30' }")
      .replace('minSeniority: director', 'minSeniority: boss');
    const message = problems(broken);
    expect(message).toMatch(/campaign\.yaml:17: timeZone: an IANA time zone/);
    expect(message).toMatch(/campaign\.yaml:19: quietHours\.from: a time of day as HH:MM/);
    expect(message).toMatch(/campaign\.yaml:10: personas\[0\]\.minSeniority/);
  });

  it('refuses a first message that waits, an email without a subject and an SMS with one', () => {
    expect(problems(EXAMPLE.replace('  - afterDays: 0', '  - afterDays: 2'))).toMatch(/afterDays: 0/);
    expect(problems(EXAMPLE.replace("    subject: '{{company.name}} and lead routing'\n", ''))).toMatch(
      /sequence\[0\]\.subject: the first email needs a subject/,
    );
    expect(problems(EXAMPLE.replace('channel: email', 'channel: sms'))).toMatch(/an SMS has no subject/);
  });
});
