import type { ConversationFact, SlotFact } from '../../conversation/dialogue/conversation-state.js';
import { leadWithAnswers } from '../../conversation/dialogue/decide-with-criteria.js';
import type { Lead, LeadDraft } from '../../domain/lead.js';
import type { ConverseDeps } from './converse-deps.js';

const draftOf = (lead: Lead, receivedAt: string): LeadDraft => {
  const { id: _id, createdAt: _created, updatedAt: _updated, ...body } = lead;
  return { ...body, receivedAt };
};

/**
 * Keeps on the lead what the prospect said that the rules read — their role (with the seniority
 * and function intake derives from it) and their company's name — under the prospect's
 * provenance (channel, conversation, message), and queues the lead's decision again. Other
 * answers (budget, timeline, …) stay with the conversation, where the decision reads them.
 * Returns whether the lead changed.
 */
export const rememberFacts = async (
  deps: Pick<ConverseDeps, 'leads' | 'requalify'>,
  lead: Lead,
  facts: readonly ConversationFact[],
  at: string,
): Promise<boolean> => {
  if (facts.length === 0) return false;
  const answers: Record<string, SlotFact> = Object.fromEntries(facts.map((f) => [f.slot, f.fact]));
  const merged = leadWithAnswers(lead, answers);
  const changed = merged.person !== lead.person || merged.company !== lead.company;
  if (changed)
    await deps.leads.upsertLeads([{ ...draftOf(lead, at), person: merged.person, company: merged.company }]);
  await deps.requalify([lead.id], 'the prospect answered in a conversation');
  return changed;
};

/**
 * Remembers an opt-out on the lead (consent: opted out now, no email, no texts); the merge keeps
 * an opt-out for good, so no later record or channel turns it back on.
 */
export const rememberOptOut = async (
  deps: Pick<ConverseDeps, 'leads'>,
  lead: Lead,
  at: string,
): Promise<void> => {
  if (lead.consent.optedOutAt !== undefined) return;
  await deps.leads.upsertLeads([
    {
      ...draftOf(lead, at),
      consent: { ...lead.consent, email: false, sms: false, phone: false, optedOutAt: at },
    },
  ]);
};
