import type { CampaignDeps } from './campaign-deps.js';
import type { CampaignContact, CampaignRecord } from './outbound-store.js';
import { writeStep } from './render-step.js';

/** A follow-up message (the sequence's next step, or its last) due at `dueAt`; the problem when it cannot be written. */
export const writeFollowUp = async (
  deps: CampaignDeps,
  campaign: CampaignRecord,
  contact: CampaignContact,
  dueAt: string,
): Promise<string | undefined> => {
  const lead = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
  if (lead === undefined) return 'the contact has no stored lead';
  const sent = await deps.store.listMessages(campaign.id, { contactId: contact.id });
  const step = Math.min(
    sent.reduce((n, m) => Math.max(n, m.step), -1) + 1,
    campaign.config.sequence.length - 1,
  );
  const account = (await deps.store.accountFacts(campaign.id, [contact.domain])).get(contact.domain);
  const written = await writeStep(
    deps.llm,
    campaign.config,
    step,
    lead,
    contact,
    { id: deps.newId(), dueAt, createdAt: new Date(deps.clock.now()).toISOString() },
    account,
  );
  if ('problem' in written) return written.problem;
  await deps.store.addMessages([written]);
  return undefined;
};
