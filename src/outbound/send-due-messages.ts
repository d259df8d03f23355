import { isAppError } from '../domain/app-error.js';
import { isoNow } from '../domain/clock.js';
import type { CompanyFacts, Lead } from '../domain/lead.js';
import type { CampaignDeps } from './campaign-deps.js';
import { checkPause } from './check-pause.js';
import type { CampaignContact, CampaignMessage } from './outbound-store.js';
import { pickSends } from './pick-sends.js';
import { rememberSmsOptOut, smsWithheld } from './sms-consent.js';
import { finishSms } from './sms-text.js';
import type { renderStep } from './render-step.js';
import { writeStep } from './render-step.js';

/** What one round of sending did, and when to look again. */
export interface SendRound {
  readonly sent: number;
  readonly failed: number;
  /** Due messages withheld at send time: the address was suppressed, the lead opted out, or (SMS) has no consent. */
  readonly skipped?: number;
  /** Why nothing went: the campaign is paused or not started. */
  readonly held?: string;
  readonly nextAt?: string;
}

const DAY_MS = 86_400_000;

/**
 * Sends what is due now within the campaign's limits (`pickSends`: caps per day and per domain,
 * the gap, quiet hours and sending days in the recipient's zone), only while the campaign is
 * active, and only messages that are queued — in review mode a message is queued only once a
 * person approved it. Every email carries the contact's unsubscribe link (and List-Unsubscribe).
 * Each send is recorded with who approved it; the next message of the sequence is written for
 * its delay after this one. A refused address is a bounce (the contact stops, the address is
 * suppressed); after each round the bounce and complaint thresholds are checked.
 *
 * A campaign over SMS goes through an SMS sender (held otherwise): each text only while the lead's
 * stored consent allows it at that moment (`smsWithheld`), ending with the opt-out line within the
 * SMS budget (`finishSms`); a number Twilio refuses as opted out (21610) is an opt-out, not a bounce.
 * Any message whose address is suppressed by now, or whose lead opted out, is withheld (`skipped`).
 */
export const sendDueMessages = async (deps: CampaignDeps, campaignId: string): Promise<SendRound> => {
  const campaign = await deps.store.getCampaign(campaignId);
  if (campaign === undefined) return { sent: 0, failed: 0, held: `no campaign ${campaignId}` };
  if (campaign.status !== 'active')
    return {
      sent: 0,
      failed: 0,
      held: campaign.status === 'paused' ? `paused: ${campaign.pauseReason ?? 'by a person'}` : 'not started',
    };
  const config = campaign.config;
  if (deps.sender.channel !== config.channel)
    return {
      sent: 0,
      failed: 0,
      held: `the campaign sends by ${config.channel} but the sender is ${deps.sender.channel}: configure ${config.channel === 'sms' ? 'the sms section (Twilio)' : 'email'} in the conversations file`,
    };
  const now = deps.clock.now();
  // What the round needs is read once: the queue, the last two days' sends (what the caps count),
  // and below the accounts of the messages picked — never the campaign's history per message.
  const [queued, recent] = await Promise.all([
    deps.store.listMessages(campaignId, { status: 'queued' }),
    deps.store.listMessages(campaignId, {
      status: 'sent',
      sentAfter: new Date(now - 2 * DAY_MS).toISOString(),
    }),
  ]);
  const byId = new Map(queued.map((m) => [m.id, m]));
  const pick = pickSends(
    queued.map((m) => ({
      id: m.id,
      domain: m.domain,
      dueAt: m.dueAt,
      ...(m.timeZone === undefined ? {} : { timeZone: m.timeZone }),
    })),
    recent.map((m) => ({ at: m.sentAt as string, domain: m.domain })),
    config,
    now,
  );
  const accounts = await deps.store.accountFacts(campaignId, [...new Set(pick.send.map((m) => m.domain))]);
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const { id } of pick.send) {
    // A person may pause the campaign while a round is sending: nothing more goes after that.
    if ((await deps.store.getCampaign(campaignId))?.status !== 'active') break;
    const message = byId.get(id) as CampaignMessage;
    const contact = await deps.store.getContact(message.contactId);
    if (contact === undefined || contact.status !== 'active') {
      await deps.store.cancelPending(message.contactId, 'the contact is no longer in the sequence');
      continue;
    }
    const lead = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
    const withheld = await withheldReason(deps, config.channel, message, lead);
    const text = config.channel === 'sms' ? finishSms(message.text) : { text: message.text };
    if (withheld !== undefined || 'problem' in text) {
      skipped++;
      const reason = withheld ?? ('problem' in text ? text.problem : '');
      await deps.store.cancelPending(contact.id, `withheld: ${reason}`);
      await deps.store.updateContact(contact.id, {
        status: message.step === 0 ? 'skipped' : 'stopped',
        reason,
      });
      continue;
    }
    try {
      const out = await deps.sender.send({
        to: message.to,
        text: text.text,
        ...(message.subject === undefined ? {} : { subject: message.subject }),
        unsubscribeUrl: deps.unsubscribeUrl(contact.token),
      });
      await deps.store.markSent(id, { channelMessageId: out.messageId, sentAt: out.sentAt });
      sent++;
      await writeNext(
        deps,
        campaign.config,
        { message, contact, lead },
        out.sentAt,
        accounts.get(contact.domain),
      );
    } catch (error) {
      failed++;
      const permanent = isAppError(error, 'DELIVERY_FAILED') && error.details?.['permanent'] === true;
      const why = error instanceof Error ? error.message : String(error);
      // Twilio 21610: the number texted STOP to ours once — an opt-out, not a bounce.
      const optedOut = isAppError(error, 'DELIVERY_FAILED') && error.details?.['optedOut'] === true;
      await deps.store.markFailed(id, optedOut ? `opted out: ${why}` : permanent ? `bounced: ${why}` : why);
      if (optedOut) {
        await deps.store.cancelPending(contact.id, 'opted out of texts');
        await deps.store.updateContact(contact.id, {
          status: 'stopped',
          reason: 'opted out of texts (STOP)',
        });
        await rememberSmsOptOut(deps, contact, message.to, `opted out of texts: ${why}`, isoNow(deps.clock));
      } else if (permanent) {
        await deps.store.updateContact(contact.id, {
          status: 'stopped',
          reason: `the address was refused: ${why}`,
        });
        await deps.store.cancelPending(contact.id, 'the address was refused');
        await deps.store.suppress(
          message.to,
          `refused by the receiving server: ${why}`,
          `campaign:${campaignId}`,
        );
      }
    }
  }
  await checkPause(deps, campaignId);
  return {
    sent,
    failed,
    ...(skipped === 0 ? {} : { skipped }),
    ...(pick.nextAt === undefined ? {} : { nextAt: pick.nextAt }),
  };
};

/** Why a due message must not go now: its address suppressed since, its lead opted out, or no SMS consent. */
const withheldReason = async (
  deps: CampaignDeps,
  channel: 'email' | 'sms',
  message: CampaignMessage,
  lead: Lead | undefined,
): Promise<string | undefined> => {
  if ((await deps.store.suppressed([message.to])).size > 0) return 'on the suppression list';
  if (channel === 'sms') return smsWithheld(lead);
  const optedOutAt = lead?.consent.optedOutAt;
  return optedOutAt === undefined ? undefined : `opted out on ${optedOutAt.slice(0, 10)}`;
};

/**
 * The sequence's next message for a contact, due its delay after `sentAt`, written from the lead
 * and the account read for this send; the contact finishes after the last.
 */
const writeNext = async (
  deps: CampaignDeps,
  config: Parameters<typeof renderStep>[0],
  sent: {
    readonly message: CampaignMessage;
    readonly contact: CampaignContact;
    readonly lead: Lead | undefined;
  },
  sentAt: string,
  account: CompanyFacts | undefined,
): Promise<void> => {
  const { message, contact, lead } = sent;
  const step = message.step + 1;
  const next = config.sequence[step];
  if (next === undefined) {
    await deps.store.updateContact(contact.id, {
      status: 'finished',
      reason: 'the sequence ended without a reply',
    });
    return;
  }
  if (lead === undefined) return;
  const dueAt = new Date(Date.parse(sentAt) + next.afterDays * DAY_MS).toISOString();
  const written = await writeStep(
    deps.llm,
    config,
    step,
    lead,
    contact,
    { id: deps.newId(), dueAt, createdAt: sentAt },
    account,
  );
  if ('problem' in written) {
    await deps.store.updateContact(contact.id, { status: 'finished', reason: written.problem });
    return;
  }
  await deps.store.addMessages([written]);
};
