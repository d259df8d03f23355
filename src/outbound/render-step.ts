import type { CompanyFacts, Lead } from '../domain/lead.js';
import type { CampaignConfig } from './campaign-config.js';
import type { CampaignContact, CampaignMessage } from './outbound-store.js';
import type { CampaignLlm } from './llm-campaign.js';
import { personalizeMessage, personaOf } from './llm-write-message.js';
import { renderMessage } from './render-message.js';
import { finishSms } from './sms-text.js';

/**
 * Step `step` of the campaign's sequence written to one contact from the lead's stored facts:
 * the message (awaiting approval in review mode, queued in autonomous mode), or why it cannot
 * be written (a variable without a fact, or no address). The subject of a follow-up is the
 * first's, as a reply ("Re: …"), so that the sequence reads as one thread. The account's
 * stored firmographics (the target list's and the waterfall's) fill what the lead's own company
 * facts lack; the lead's own win.
 */
export const renderStep = (
  config: CampaignConfig,
  step: number,
  lead: Pick<Lead, 'person' | 'company' | 'custom'>,
  contact: Pick<CampaignContact, 'id' | 'campaignId' | 'domain' | 'email' | 'timeZone' | 'persona'>,
  meta: { readonly id: string; readonly dueAt: string; readonly createdAt: string },
  account: CompanyFacts = {},
): CampaignMessage | { readonly problem: string } => {
  const last = config.sequence.length - 1;
  const template = config.sequence[Math.min(step, last)];
  const first = config.sequence[0];
  if (template === undefined || first === undefined) return { problem: 'the campaign has no sequence' };
  // A text goes to the lead's number, with the opt-out line, within the SMS budget (`finishSms`).
  const to = config.channel === 'sms' ? lead.person.phone?.value : contact.email;
  if (to === undefined) return { problem: config.channel === 'sms' ? 'no phone number' : 'no email address' };
  const subject = template.subject ?? (first.subject === undefined ? undefined : `Re: ${first.subject}`);
  const rendered = renderMessage(
    { text: template.template, ...(subject === undefined ? {} : { subject }) },
    { ...lead, company: { ...account, ...lead.company } },
  );
  if (!rendered.ok) {
    const gaps = [
      ...rendered.missing.map((m) => `no stored fact for ${m}`),
      ...rendered.unknown.map((u) => `unknown variable ${u}`),
    ];
    return { problem: `message ${step + 1} cannot be written: ${gaps.join(', ')}` };
  }
  const text = config.channel === 'sms' ? finishSms(rendered.text) : { text: rendered.text };
  if ('problem' in text) return { problem: `message ${step + 1} cannot be texted: ${text.problem}` };
  return {
    id: meta.id,
    campaignId: contact.campaignId,
    contactId: contact.id,
    step,
    to,
    domain: contact.domain,
    ...(contact.timeZone === undefined ? {} : { timeZone: contact.timeZone }),
    ...(rendered.subject === undefined ? {} : { subject: rendered.subject }),
    text: text.text,
    facts: rendered.facts,
    status: config.mode === 'review' ? 'awaiting_approval' : 'queued',
    dueAt: meta.dueAt,
    createdAt: meta.createdAt,
  };
};

/**
 * `renderStep`, then — with a model configured — the message rewritten by it when the guard lets
 * its text through (`personalizeMessage`), the template's otherwise, with the reason.
 */
export const writeStep = async (
  llm: CampaignLlm | undefined,
  ...args: Parameters<typeof renderStep>
): Promise<CampaignMessage | { readonly problem: string }> => {
  const written = renderStep(...args);
  if (llm === undefined || 'problem' in written) return written;
  const [config, , , contact] = args;
  return personalizeMessage(llm, config, written, personaOf(config, contact));
};
