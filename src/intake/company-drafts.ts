import type { CompanyFacts, LeadDraft } from '../domain/lead.js';
import type { CompanyDraft } from '../domain/lead-store.js';
import { mergeFacts } from './merge-leads.js';

/**
 * The companies a batch of lead drafts speaks of, one per registrable domain, keyed by it: each
 * lead's company facts (with their provenance) merged field by field in batch order, so that
 * accounts can be scored across the people who work there. Leads without a company domain
 * (free-mail, no website) name no company that could be told apart from another.
 */
export const companyDrafts = (drafts: readonly LeadDraft[]): CompanyDraft[] => {
  const byDomain = new Map<string, CompanyFacts>();
  for (const { company } of drafts) {
    const domain = company.domain?.value;
    if (domain === undefined) continue;
    const seen = byDomain.get(domain);
    byDomain.set(domain, seen === undefined ? company : mergeFacts(seen, company));
  }
  return [...byDomain].map(([key, facts]) => ({ key, ...facts }));
};
