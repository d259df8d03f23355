import { isAppError } from '../domain/app-error.js';
import type { CampaignDeps } from './campaign-deps.js';
import { checkPause } from './check-pause.js';
import type { CampaignMessage } from './outbound-store.js';
import { pickSends } from './pick-sends.js';
import { renderStep, writeStep } from './render-step.js';

/** What one round of sending did, and when to look again. */
export interface SendRound {
  readonly sent: number;
  readonly failed: number;
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
  const now = deps.clock.now();
  const [queued, sentBefore] = await Promise.all([
    deps.store.listMessages(campaignId, { status: 'queued' }),
    deps.store.listMessages(campaignId, { status: 'sent' }),
  ]);
  const byId = new Map(queued.map((m) => [m.id, m]));
  const recent = sentBefore.filter((m) => m.sentAt !== undefined && Date.parse(m.sentAt) > now - 2 * DAY_MS);
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
  let sent = 0;
  let failed = 0;
  for (const { id } of pick.send) {
    // A person may pause the campaign while a round is sending: nothing more goes after that.
    if ((await deps.store.getCampaign(campaignId))?.status !== 'active') break;
    const message = byId.get(id) as CampaignMessage;
    const contact = await deps.store.getContact(message.contactId);
    if (contact === undefined || contact.status !== 'active') {
      await deps.store.cancelPending(message.contactId, 'the contact is no longer in the sequence');
      continue;
    }
    try {
      const out = await deps.sender.send({
        to: message.to,
        text: message.text,
        ...(message.subject === undefined ? {} : { subject: message.subject }),
        unsubscribeUrl: deps.unsubscribeUrl(contact.token),
      });
      await deps.store.markSent(id, { channelMessageId: out.messageId, sentAt: out.sentAt });
      sent++;
      await writeNext(deps, campaign.config, message, out.sentAt);
    } catch (error) {
      failed++;
      const permanent = isAppError(error, 'DELIVERY_FAILED') && error.details?.['permanent'] === true;
      const why = error instanceof Error ? error.message : String(error);
      await deps.store.markFailed(id, permanent ? `bounced: ${why}` : why);
      if (permanent) {
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
  return { sent, failed, ...(pick.nextAt === undefined ? {} : { nextAt: pick.nextAt }) };
};

/** The sequence's next message for a contact, due its delay after `sentAt`; the contact finishes after the last. */
const writeNext = async (
  deps: CampaignDeps,
  config: Parameters<typeof renderStep>[0],
  message: CampaignMessage,
  sentAt: string,
): Promise<void> => {
  const step = message.step + 1;
  const next = config.sequence[step];
  const contact = await deps.store.getContact(message.contactId);
  if (contact === undefined) return;
  if (next === undefined) {
    await deps.store.updateContact(contact.id, {
      status: 'finished',
      reason: 'the sequence ended without a reply',
    });
    return;
  }
  const lead = contact.leadId === undefined ? undefined : await deps.leads.getLead(contact.leadId);
  if (lead === undefined) return;
  const dueAt = new Date(Date.parse(sentAt) + next.afterDays * DAY_MS).toISOString();
  const account = (await deps.store.listAccounts(message.campaignId)).find(
    (a) => a.domain === contact.domain,
  );
  const written = await writeStep(
    deps.llm,
    config,
    step,
    lead,
    contact,
    { id: deps.newId(), dueAt, createdAt: sentAt },
    account?.company,
  );
  if ('problem' in written) {
    await deps.store.updateContact(contact.id, { status: 'finished', reason: written.problem });
    return;
  }
  await deps.store.addMessages([written]);
};
