import type { InboundMessage } from '../channels/channel-message.js';
import { openConversation, replyToProspect } from '../conversation/reply-to-prospect.js';
import type { LeadDraft } from '../domain/lead.js';
import { buildLeadDraft } from '../intake/build-lead-draft.js';
import type { InputField } from '../intake/input-fields.js';
import { companyDomain } from '../accounts/account-key.js';
import type { CampaignDeps } from './campaign-deps.js';
import { RUNNER } from './campaign-deps.js';
import { checkPause } from './check-pause.js';
import { classifyReply, type ClassifiedReply, type ReplyClass } from './classify-reply.js';
import type { CampaignContact, CampaignMessage, CampaignRecord } from './outbound-store.js';
import { renderStep } from './render-step.js';

/** What a reply led to. */
export interface ReplyOutcome {
  readonly campaignId: string;
  readonly contactId: string;
  /** `conversation` when it continued a hand-over to the agent. */
  readonly class: ReplyClass | 'conversation';
  /** What the campaign did, in a sentence. */
  readonly action: string;
  /** Set for a redelivered message: nothing was done twice. */
  readonly duplicate?: boolean;
}

const DAY_MS = 86_400_000;

/** The campaign message a reply answers (by its threading ids), else the newest contact at the sender's address. */
const matchReply = async (
  deps: CampaignDeps,
  message: InboundMessage,
): Promise<{ contact: CampaignContact; answered?: CampaignMessage } | undefined> => {
  for (const id of message.replyTo) {
    const answered = await deps.store.messageByChannelId(id);
    if (answered === undefined) continue;
    const contact = await deps.store.getContact(answered.contactId);
    if (contact !== undefined) return { contact, answered };
  }
  const address = message.bounce?.recipient ?? message.from;
  const [contact] = await deps.store.contactsByEmail(address);
  return contact === undefined ? undefined : { contact };
};

/**
 * Handles a message that came back to a campaign: a reply, an automatic notice or a bounce. It
 * is matched to the message it answers (or the contact at its address), classified, stored, and
 * acted on: a bounce stops the contact and suppresses the address (and may pause the campaign);
 * an unsubscribe suppresses the address everywhere; out of office moves the pending messages to
 * after the return date; not now writes a follow-up for its date; wrong person creates the
 * referred contact; not interested stops; interested and questions go to the conversational
 * agent, whose replies are sent in the same thread; later replies continue that conversation.
 * Undefined when the message is not about any campaign. A redelivered message does nothing twice.
 */
export const handleReply = async (
  deps: CampaignDeps,
  message: InboundMessage,
): Promise<ReplyOutcome | undefined> => {
  const matched = await matchReply(deps, message);
  if (matched === undefined) return undefined;
  const { contact, answered } = matched;
  const campaign = await deps.store.getCampaign(contact.campaignId);
  if (campaign === undefined) return undefined;
  const base = { campaignId: campaign.id, contactId: contact.id };
  if (
    contact.status === 'handed_over' &&
    contact.conversationId !== undefined &&
    deps.conversation !== undefined
  )
    return { ...base, class: 'conversation', action: await continueConversation(deps, contact, message) };
  const classified = classifyReply(message, contact.timeZone ?? campaign.config.timeZone);
  const stored = await deps.store.addReply({
    id: deps.newId(),
    campaignId: campaign.id,
    contactId: contact.id,
    ...(answered === undefined ? {} : { messageId: answered.id }),
    channelMessageId: message.messageId,
    class: classified.class,
    evidence: classified.evidence,
    ...(classified.followUpOn === undefined ? {} : { followUpOn: classified.followUpOn }),
    text: message.text,
    receivedAt: message.receivedAt,
  });
  if (!stored) return { ...base, class: classified.class, action: 'already handled', duplicate: true };
  const action = await act(deps, campaign, contact, classified, message);
  await deps.store.addAudit({
    campaignId: campaign.id,
    action: `reply: ${classified.class}`,
    actor: RUNNER,
    recipient: contact.email ?? contact.id,
    at: message.receivedAt,
    detail: `${action} ("${classified.evidence}")`,
  });
  return { ...base, class: classified.class, action };
};

const act = async (
  deps: CampaignDeps,
  campaign: CampaignRecord,
  contact: CampaignContact,
  reply: ClassifiedReply,
  message: InboundMessage,
): Promise<string> => {
  const stop = async (reason: string): Promise<void> => {
    await deps.store.cancelPending(contact.id, reason);
    await deps.store.updateContact(contact.id, { status: 'stopped', reason });
  };
  const address = contact.email ?? message.from;
  switch (reply.class) {
    case 'bounce': {
      await stop(`bounced (${reply.evidence})`);
      await deps.store.suppress(address, `bounced: ${reply.evidence}`, `campaign:${campaign.id}`);
      const paused = await checkPause(deps, campaign.id);
      return paused === undefined
        ? 'stopped and suppressed'
        : `stopped and suppressed; campaign paused: ${paused}`;
    }
    case 'unsubscribe':
      await stop('unsubscribed');
      await deps.store.suppress(address, 'asked to unsubscribe', `campaign:${campaign.id}`);
      return 'unsubscribed: suppressed everywhere';
    case 'not_interested':
      await stop('not interested');
      return 'stopped: not interested';
    case 'out_of_office': {
      const back =
        reply.followUpOn === undefined
          ? Date.parse(message.receivedAt) + 7 * DAY_MS
          : Date.parse(`${reply.followUpOn}T00:00:00Z`) + DAY_MS;
      const dueAt = new Date(back).toISOString();
      const moved = await deps.store.reschedulePending(contact.id, dueAt);
      if (moved === 0) await writeFollowUp(deps, campaign, contact, dueAt);
      await deps.store.updateContact(contact.id, {
        reason: `out of office until ${reply.followUpOn ?? 'unknown'}: next message after ${dueAt.slice(0, 10)}`,
      });
      return `rescheduled after ${dueAt.slice(0, 10)}`;
    }
    case 'not_now': {
      const dueAt =
        reply.followUpOn === undefined
          ? new Date(Date.parse(message.receivedAt) + 90 * DAY_MS).toISOString()
          : `${reply.followUpOn}T00:00:00.000Z`;
      await deps.store.cancelPending(contact.id, 'not now: a follow-up is written for the date they gave');
      const written = await writeFollowUp(deps, campaign, contact, dueAt);
      await deps.store.updateContact(contact.id, { reason: `not now: follow up on ${dueAt.slice(0, 10)}` });
      return written === undefined
        ? `follow-up scheduled for ${dueAt.slice(0, 10)}`
        : `follow-up not written: ${written}`;
    }
    case 'wrong_person': {
      await stop('wrong person');
      const referred = await addReferral(deps, campaign, contact, reply, message.receivedAt);
      return referred;
    }
    case 'interested':
    case 'question':
      return handOver(deps, contact, message);
  }
};

/** A follow-up message (the sequence's next step, or its last) due at `dueAt`; the problem when it cannot be written. */
const writeFollowUp = async (
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
  const account = (await deps.store.listAccounts(campaign.id)).find((a) => a.domain === contact.domain);
  const written = renderStep(
    campaign.config,
    step,
    lead,
    contact,
    { id: deps.newId(), dueAt, createdAt: new Date(deps.clock.now()).toISOString() },
    account?.company,
  );
  if ('problem' in written) return written.problem;
  await deps.store.addMessages([written]);
  return undefined;
};

/** The referred person as a lead and a new contact of the campaign, with a first message when it can be written. */
const addReferral = async (
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
  const account = (await deps.store.listAccounts(campaign.id)).find((a) => a.domain === contact.domain);
  const written = renderStep(
    campaign.config,
    0,
    lead,
    referred,
    { id: deps.newId(), dueAt: at, createdAt: at },
    account?.company,
  );
  if ('problem' in written) {
    await deps.store.updateContact(referred.id, { status: 'skipped', reason: written.problem });
    return `referral ${email} created; ${written.problem}`;
  }
  await deps.store.addMessages([written]);
  return `referral ${email} created with a first message`;
};

/** Interested or asking: the conversational agent takes over, its replies sent in the same thread. */
const handOver = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
): Promise<string> => {
  await deps.store.cancelPending(contact.id, 'replied: handed to the conversational agent');
  if (deps.conversation === undefined || contact.leadId === undefined) {
    await deps.store.updateContact(contact.id, {
      status: 'stopped',
      reason: 'replied: waiting for a person',
    });
    return 'waiting for a person (no conversational agent configured)';
  }
  const id = deps.newId();
  const opened = await openConversation(deps.conversation.deps, {
    id,
    leadId: contact.leadId,
    channel: 'email',
    timeZone: contact.timeZone ?? 'UTC',
    slots: deps.conversation.slots,
    ...(contact.name === undefined ? {} : { firstName: contact.name.split(' ')[0] as string }),
  });
  await deps.store.updateContact(contact.id, {
    status: 'handed_over',
    conversationId: opened.state.id,
    reason: 'replied: in conversation with the agent',
  });
  const step = await replyToProspect(deps.conversation.deps, id, {
    text: message.text,
    messageId: message.messageId,
  });
  await answer(
    deps,
    message,
    [...opened.replies, ...step.replies],
    step.ending?.kind === 'booked' ? step.ending.invite : undefined,
  );
  return 'handed over to the conversational agent';
};

const continueConversation = async (
  deps: CampaignDeps,
  contact: CampaignContact,
  message: InboundMessage,
): Promise<string> => {
  if (deps.conversation === undefined || contact.conversationId === undefined) return 'no agent';
  const step = await replyToProspect(deps.conversation.deps, contact.conversationId, {
    text: message.text,
    messageId: message.messageId,
  });
  await answer(deps, message, step.replies, step.ending?.kind === 'booked' ? step.ending.invite : undefined);
  return step.ending === undefined
    ? 'the conversation continues'
    : `the conversation ended: ${step.ending.kind}`;
};

const answer = async (
  deps: CampaignDeps,
  message: InboundMessage,
  replies: readonly string[],
  invitation?: string,
) => {
  if (replies.length === 0) return;
  const subject =
    message.subject === undefined
      ? undefined
      : /^re:/i.test(message.subject)
        ? message.subject
        : `Re: ${message.subject}`;
  await deps.sender.send({
    to: message.from,
    text: replies.join('\n\n'),
    ...(subject === undefined ? {} : { subject }),
    inReplyTo: message.messageId,
    references: [...message.replyTo].reverse().concat(message.messageId),
    ...(invitation === undefined ? {} : { invitation }),
  });
};
