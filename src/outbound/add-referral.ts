import { companyDomain } from '../accounts/account-key.js';
import type { LeadDraft } from '../domain/lead.js';
import { buildLeadDraft } from '../intake/build-lead-draft.js';
import type { InputField } from '../intake/input-fields.js';
import type { CampaignDeps } from './campaign-deps.js';
import type { ClassifiedReply } from './classify-reply.js';
import type { CampaignContact, CampaignRecord } from './outbound-store.js';
import { writeStep } from './render-step.js';

/** The referred person as a lead and a new contact of the campaign, with a first message when it can be written. */
export const addReferral = async (
  deps: CampaignDeps,
  campaign: CampaignRecord,
  contact: CampaignContact,
  reply: ClassifiedReply,
  at: string,
): Promise<string> => {
  const referral = reply.referral;
  if (referral?.email === undefined) return 'stopped: wrong person (no address for the person they named)';
  const email = referral.email.toLowerCase();
  const [first, ...rest] = (referral.name ?? '').split(/\s+/).filter((p) => p !== '');
  const fields: Partial<Record<InputField, string>> = {
    email,
    domain: companyDomain(email.split('@')[1] ?? '') ?? contact.domain,
  };
  if (first !== undefined) fields.first_name = first;
  if (rest.length > 0) fields.last_name = rest.join(' ');
  if (referral.title !== undefined) fields.title = referral.title;
  const origin = `referral from ${contact.email ?? contact.id}`;
  const built = buildLeadDraft(
    { origin, receivedAt: at },
    { line: 0, fields, custom: {}, raw: { ...fields }, columns: {} },
  );
  if (!built.ok) return `stopped: wrong person (the referral could not be read: ${built.rejection.problem})`;
  const original = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
  const draft: LeadDraft = {
    ...built.draft,
    company: { ...(original?.company ?? {}), ...built.draft.company },
  };
  const [result] = await deps.leads.upsertLeads([draft]);
  const lead = result === undefined ? undefined : await deps.leads.getLead(result.id);
  if (lead === undefined) return 'stopped: wrong person (the referral was not stored)';
  const suppressed = await deps.store.suppressed([email]);
  const owner = (await deps.store.leadsByEmail([email])).get(email)?.owner;
  const block =
    lead.consent.optedOutAt !== undefined
      ? 'opted out of contact'
      : suppressed.has(email)
        ? 'on the suppression list'
        : owner === undefined
          ? undefined
          : `already an open lead owned by ${owner}`;
  const name = [first, ...rest].join(' ');
  const referred: CampaignContact = {
    id: deps.newId(),
    campaignId: campaign.id,
    domain: contact.domain,
    leadId: lead.id,
    email,
    ...(name === '' ? {} : { name }),
    ...(contact.persona === undefined ? {} : { persona: contact.persona }),
    status: block === undefined ? 'active' : 'skipped',
    ...(block === undefined ? {} : { reason: block }),
    ...(contact.timeZone === undefined ? {} : { timeZone: contact.timeZone }),
    token: deps.newToken(),
    referredBy: contact.id,
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.addContact(referred);
  if (block !== undefined) return `referral ${email} created but not contacted: ${block}`;
  // A colleague named them: the address is the company's word, used as given.
  const account = (await deps.store.accountFacts(campaign.id, [contact.domain])).get(contact.domain);
  const written = await writeStep(
    deps.llm,
    campaign.config,
    0,
    lead,
    referred,
    { id: deps.newId(), dueAt: at, createdAt: at },
    account,
  );
  if ('problem' in written) {
    await deps.store.updateContact(referred.id, { status: 'skipped', reason: written.problem });
    return `referral ${email} created; ${written.problem}`;
  }
  await deps.store.addMessages([written]);
  return `referral ${email} created with a first message`;
};
