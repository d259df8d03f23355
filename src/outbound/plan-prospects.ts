import type { Verdict } from '../domain/decision.js';
import { SENIORITIES, type Lead } from '../domain/lead.js';
import type { CampaignConfig } from './campaign-config.js';
import { contactBlock, type ContactStanding } from './contact-rules.js';

/** A person found in a target account (stored, or from the enrichment waterfall) and their standing. */
export interface ProspectCandidate {
  readonly lead: Pick<Lead, 'id' | 'person'>;
  readonly standing: ContactStanding;
}

/** A target account: its pre-qualification (firmographics and intent) and the people found in it. */
export interface AccountCandidate {
  readonly domain: string;
  readonly verdict: Verdict;
  /** The account decision's reasons, strongest first. */
  readonly reasons: readonly string[];
  readonly contacts: readonly ProspectCandidate[];
}

/** Who the campaign will write to in an account, and as which persona. */
export interface PlannedContact {
  readonly leadId: string;
  readonly persona: string;
}

/** The campaign's plan: contacts to reach per account, and everyone left out with the reason. */
export interface ProspectPlan {
  readonly accounts: readonly { readonly domain: string; readonly contacts: readonly PlannedContact[] }[];
  readonly skippedAccounts: readonly { readonly domain: string; readonly reason: string }[];
  readonly skippedContacts: readonly {
    readonly domain: string;
    readonly leadId: string;
    readonly reason: string;
  }[];
}

const rank = (seniority: string | undefined): number =>
  seniority === undefined ? SENIORITIES.length : (SENIORITIES as readonly string[]).indexOf(seniority);

type Persona = CampaignConfig['personas'][number];

const fits = (candidate: ProspectCandidate, persona: Persona): boolean => {
  const fn = candidate.lead.person.jobFunction?.value;
  const level = rank(candidate.lead.person.seniority?.value);
  return (
    fn !== undefined && persona.functions.includes(fn) && level !== -1 && level <= rank(persona.minSeniority)
  );
};

/**
 * Which people each target account's messages go to. An account is reached only when its
 * pre-qualification says `qualified`; otherwise it is skipped with its first reason. In a reached
 * account each persona gets one contact — the most senior who fits it and may be written to
 * (`contactBlock`: never anyone who opted out, is suppressed, is a rep's open lead, lacks a
 * verified address, …), a person filling one persona only. Everyone not chosen is listed with why.
 */
export const planProspects = (
  campaign: Pick<CampaignConfig, 'personas' | 'channel' | 'allowUnverifiedEmail'>,
  accounts: readonly AccountCandidate[],
): ProspectPlan => {
  const reached: { domain: string; contacts: PlannedContact[] }[] = [];
  const skippedAccounts: { domain: string; reason: string }[] = [];
  const skippedContacts: { domain: string; leadId: string; reason: string }[] = [];
  for (const account of accounts) {
    if (account.verdict !== 'qualified') {
      const why = account.reasons[0] ?? account.verdict.replace('_', ' ');
      skippedAccounts.push({ domain: account.domain, reason: `not qualified: ${why}` });
      continue;
    }
    const chosen = new Map<string, string>();
    const blocked = new Map<string, string>();
    for (const c of account.contacts) {
      const reason = contactBlock(c.standing, campaign);
      if (reason !== undefined) blocked.set(c.lead.id, reason);
    }
    for (const persona of campaign.personas) {
      const best = account.contacts
        .filter((c) => !blocked.has(c.lead.id) && !chosen.has(c.lead.id) && fits(c, persona))
        .sort((a, b) => rank(a.lead.person.seniority?.value) - rank(b.lead.person.seniority?.value))[0];
      if (best !== undefined) chosen.set(best.lead.id, persona.name);
    }
    for (const c of account.contacts) {
      if (chosen.has(c.lead.id)) continue;
      const reason =
        blocked.get(c.lead.id) ??
        (campaign.personas.some((p) => fits(c, p))
          ? 'a more senior contact fills that persona'
          : 'fits no persona');
      skippedContacts.push({ domain: account.domain, leadId: c.lead.id, reason });
    }
    if (chosen.size === 0) {
      skippedAccounts.push({
        domain: account.domain,
        reason: 'no contact fits a persona and may be written to',
      });
      continue;
    }
    reached.push({
      domain: account.domain,
      contacts: [...chosen].map(([leadId, persona]) => ({ leadId, persona })),
    });
  }
  return { accounts: reached, skippedAccounts, skippedContacts };
};
