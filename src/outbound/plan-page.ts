import type { Lead } from '../domain/lead.js';
import type { CampaignConfig } from './campaign-config.js';
import { emailVerified } from './find-contacts.js';
import type { LookedUpAccount } from './look-up-account.js';
import type { CampaignAccount, CampaignContact, CampaignMessage } from './outbound-store.js';
import { planProspects, type AccountCandidate } from './plan-prospects.js';
import { renderStep } from './render-step.js';

/** How a first message is written (`renderStep`, or a model's rewrite of it). */
export type MessageWriter = (
  ...args: Parameters<typeof renderStep>
) => CampaignMessage | { readonly problem: string } | Promise<CampaignMessage | { readonly problem: string }>;

/** A person left out, with why. */
export interface SkippedContact {
  readonly domain: string;
  readonly who: string;
  readonly reason: string;
}

/** One page of a prepare, ready to store at once: accounts, contacts (chosen or skipped), first messages. */
export interface PreparedPage {
  readonly accounts: CampaignAccount[];
  readonly contacts: CampaignContact[];
  readonly messages: CampaignMessage[];
  readonly skippedContacts: SkippedContact[];
}

/** What planning a page knows of its people: the stored leads and each address's standing. */
export interface PageStanding {
  /** Lead ids of each account (stored before, and found now). */
  readonly leadIds: ReadonlyMap<string, readonly string[]>;
  readonly leads: ReadonlyMap<string, Lead>;
  readonly suppressed: ReadonlySet<string>;
  readonly owners: ReadonlyMap<string, { readonly owner?: string }>;
}

const nameOf = (lead: Pick<Lead, 'person'>): string | undefined => {
  const name = [lead.person.firstName?.value, lead.person.lastName?.value]
    .filter((p) => p !== undefined)
    .join(' ');
  return name === '' ? undefined : name;
};

const candidateOf = (found: LookedUpAccount, standing: PageStanding): AccountCandidate => ({
  domain: found.target.domain,
  verdict: found.verdict.verdict,
  reasons: found.verdict.reasons,
  contacts: (standing.leadIds.get(found.target.domain) ?? []).flatMap((id) => {
    const lead = standing.leads.get(id);
    if (lead === undefined) return [];
    const email = lead.person.email?.value;
    const owner = email === undefined ? undefined : standing.owners.get(email.toLowerCase())?.owner;
    return [
      {
        lead,
        standing: {
          ...(email === undefined ? {} : { email }),
          ...(lead.person.phone === undefined ? {} : { phone: lead.person.phone.value }),
          optedOut: lead.consent.optedOutAt !== undefined,
          suppressed: email !== undefined && standing.suppressed.has(email),
          ...(owner === undefined ? {} : { ownedBy: owner }),
          emailVerified: emailVerified(lead),
          smsConsent: lead.consent.sms === true,
        },
      },
    ];
  }),
});

/**
 * A page of looked-up accounts planned: each account reached or skipped (with the plan's
 * reason), one contact per persona chosen and everyone else recorded as skipped with why, and
 * each chosen contact's first message written from stored facts by `write` (a message that
 * cannot be written skips its contact).
 */
export const planPage = async (
  ids: { readonly campaignId: string; readonly newId: () => string; readonly newToken: () => string },
  config: CampaignConfig,
  found: readonly LookedUpAccount[],
  standing: PageStanding,
  at: string,
  write: MessageWriter = renderStep,
): Promise<PreparedPage> => {
  const page: PreparedPage = { accounts: [], contacts: [], messages: [], skippedContacts: [] };
  for (const f of found) {
    const domain = f.target.domain;
    for (const p of f.problems) page.skippedContacts.push({ domain, who: 'a listed person', reason: p });
    const plan = planProspects(config, [candidateOf(f, standing)]);
    const reached = plan.accounts[0];
    page.accounts.push({
      domain,
      status: reached === undefined ? 'skipped' : 'reached',
      ...(reached === undefined ? { reason: plan.skippedAccounts[0]?.reason ?? 'not reached' } : {}),
      company: f.company,
    });
    const contact = (lead: Lead, status: CampaignContact['status'], extra: Partial<CampaignContact>) => {
      const name = nameOf(lead);
      const zone = f.timeZones.get(lead.person.email?.value.toLowerCase() ?? '');
      const made: CampaignContact = {
        id: ids.newId(),
        campaignId: ids.campaignId,
        domain,
        leadId: lead.id,
        ...(lead.person.email === undefined ? {} : { email: lead.person.email.value.toLowerCase() }),
        ...(name === undefined ? {} : { name }),
        ...(zone === undefined ? {} : { timeZone: zone }),
        status,
        token: ids.newToken(),
        createdAt: at,
        updatedAt: at,
        ...extra,
      };
      return made;
    };
    for (const s of plan.skippedContacts) {
      const lead = standing.leads.get(s.leadId);
      if (lead !== undefined) page.contacts.push(contact(lead, 'skipped', { reason: s.reason }));
      const who = lead === undefined ? s.leadId : (nameOf(lead) ?? s.leadId);
      page.skippedContacts.push({ domain, who, reason: s.reason });
    }
    for (const chosen of reached?.contacts ?? []) {
      const lead = standing.leads.get(chosen.leadId);
      if (lead === undefined) continue;
      const c = contact(lead, 'active', { persona: chosen.persona });
      const message = await write(
        config,
        0,
        lead,
        c,
        { id: ids.newId(), dueAt: at, createdAt: at },
        f.company,
      );
      if ('problem' in message) {
        page.contacts.push({ ...c, status: 'skipped', reason: message.problem });
        page.skippedContacts.push({ domain, who: c.name ?? c.id, reason: message.problem });
        continue;
      }
      page.contacts.push(c);
      page.messages.push(message);
    }
  }
  return page;
};
