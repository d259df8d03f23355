import { describe, expect, it } from 'vitest';
import type { JobFunction, Seniority } from '../domain/lead.js';
import type { Provenance } from '../domain/provenance.js';
import type { ContactStanding } from './contact-rules.js';
import { planProspects, type ProspectCandidate } from './plan-prospects.js';

const at: Provenance = {
  source: 'enrichment',
  at: '2026-11-20T00:00:00.000Z',
  provider: 'apollo',
  confidence: 0.9,
};
const ok: ContactStanding = {
  email: 'x@bigco.example',
  optedOut: false,
  suppressed: false,
  emailVerified: true,
  smsConsent: false,
};

const person = (
  id: string,
  jobFunction: JobFunction,
  seniority: Seniority,
  standing: Partial<ContactStanding> = {},
): ProspectCandidate => ({
  lead: {
    id,
    person: {
      jobFunction: { value: jobFunction, provenance: at },
      seniority: { value: seniority, provenance: at },
    },
  },
  standing: { ...ok, ...standing },
});

const campaign = {
  channel: 'email',
  allowUnverifiedEmail: false,
  personas: [
    { name: 'Revenue leader', functions: ['sales', 'operations'], minSeniority: 'director' },
    { name: 'Founder', functions: ['executive'], minSeniority: 'c_level' },
  ],
} as const satisfies Parameters<typeof planProspects>[0];

describe('planProspects', () => {
  it('reaches the most senior fitting contact per persona in qualified accounts, and says why of everyone else', () => {
    const plan = planProspects(campaign, [
      {
        domain: 'bigco.example',
        verdict: 'qualified',
        reasons: ['3 engaged contacts'],
        contacts: [
          person('director', 'sales', 'director'),
          person('vp', 'sales', 'vp'),
          person('ceo', 'executive', 'c_level'),
          person('eng', 'engineering', 'vp'),
          person('manager', 'sales', 'manager'),
        ],
      },
      {
        domain: 'tiny.example',
        verdict: 'not_qualified',
        reasons: ['Company of 4 people, below the 50 the profile asks'],
        contacts: [person('a', 'sales', 'vp')],
      },
      {
        domain: 'blocked.example',
        verdict: 'qualified',
        reasons: [],
        contacts: [
          person('out', 'sales', 'vp', { optedOut: true }),
          person('owned', 'sales', 'director', { ownedBy: 'Dana Kim' }),
          person('unverified', 'executive', 'founder', { emailVerified: false }),
        ],
      },
    ]);
    expect(plan.accounts).toEqual([
      {
        domain: 'bigco.example',
        contacts: [
          { leadId: 'vp', persona: 'Revenue leader' },
          { leadId: 'ceo', persona: 'Founder' },
        ],
      },
    ]);
    expect(plan.skippedAccounts).toEqual([
      { domain: 'tiny.example', reason: 'not qualified: Company of 4 people, below the 50 the profile asks' },
      { domain: 'blocked.example', reason: 'no contact fits a persona and may be written to' },
    ]);
    expect(plan.skippedContacts).toEqual([
      { domain: 'bigco.example', leadId: 'director', reason: 'a more senior contact fills that persona' },
      { domain: 'bigco.example', leadId: 'eng', reason: 'fits no persona' },
      { domain: 'bigco.example', leadId: 'manager', reason: 'fits no persona' },
      { domain: 'blocked.example', leadId: 'out', reason: 'opted out of contact' },
      { domain: 'blocked.example', leadId: 'owned', reason: 'already an open lead owned by Dana Kim' },
      {
        domain: 'blocked.example',
        leadId: 'unverified',
        reason: 'the email address is not verified (the campaign does not allow unverified addresses)',
      },
    ]);
  });
});
