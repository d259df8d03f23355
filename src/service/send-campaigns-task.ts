import { randomBytes, randomUUID } from 'node:crypto';
import type { ChannelSetup } from '../channels/converse/channel-runtime.js';
import { createSenders } from '../channels/converse/channel-runtime.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria, type LoadedCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import { describePlaybooks, type CampaignLlm } from '../outbound/llm-campaign.js';
import { sendDueMessages, type SendRound } from '../outbound/send-due-messages.js';
import type { Schedule, ScheduledTask } from '../scheduler/scheduled-task.js';
import { campaignUnsubscribeUrl } from './route-campaign-reply.js';

/** The store's active criteria, read (once) when a message asks for its playbook's description. */
const activeCriteriaOf = (store: StoreHandle): (() => Promise<LoadedCriteria>) => {
  let read: Promise<LoadedCriteria> | undefined;
  return () =>
    (read ??= store.service.activeCriteria().then((active) => {
      if (active === undefined) throw new AppError('CONFIG_INVALID', { message: 'no criteria are active' });
      return parseCriteria(active.text, `criteria ${active.version}`);
    }));
};

/** How often the service sends what its campaigns have due unless told otherwise: every minute. */
export const DEFAULT_SEND_CAMPAIGNS_SCHEDULE: Schedule = Object.freeze({ every: 60_000 });

/**
 * The `send-campaigns` task of `serve` and `worker`: each occurrence sends the due messages of
 * every active campaign within its caps (`sendDueMessages`: per day, per domain, the gap, quiet
 * hours; in review mode only what a person approved) through the SMTP server of the
 * conversations file, each with its contact's unsubscribe link under `email.unsubscribe.publicUrl`;
 * a campaign over SMS through the file's Twilio account (`sms`). A campaign whose channel is not
 * configured is held, saying why.
 * A paused campaign sends nothing (a pause during a round stops it before the next message).
 * Skipped, saying why, when the file configures neither email nor SMS.
 */
export const sendCampaignsTask = (
  setup: ChannelSetup,
  schedule: Schedule = DEFAULT_SEND_CAMPAIGNS_SCHEDULE,
  llm?: CampaignLlm,
): ScheduledTask => ({
  name: 'send-campaigns',
  schedule,
  run: async (ctx) => {
    const unsubscribeUrl = campaignUnsubscribeUrl(setup.config);
    if (setup.config.email === undefined && setup.config.sms === undefined)
      return { skipped: 'the conversations file configures neither email nor sms' };
    const active = (await ctx.store.outbound.listCampaigns()).filter((c) => c.status === 'active');
    if (active.length === 0) return { campaigns: {} };
    const senders = createSenders(setup, ctx.clock);
    const deps = {
      store: ctx.store.outbound,
      leads: ctx.store.leads,
      clock: ctx.clock,
      newId: randomUUID,
      newToken: () => randomBytes(16).toString('base64url'),
      // A text carries no link (its opt-out is replying STOP).
      unsubscribeUrl: unsubscribeUrl ?? ((): string => ''),
      // With `--llm`, each next message of a sequence is written by the model (checked).
      ...(llm === undefined
        ? {}
        : { llm: { playbookDescription: describePlaybooks(activeCriteriaOf(ctx.store)), ...llm } }),
    };
    const campaigns: Record<string, SendRound> = {};
    try {
      for (const campaign of active) {
        if (ctx.signal.aborted) break;
        const channel = campaign.config.channel;
        const sender = channel === 'sms' ? senders.sms : senders.email;
        const missing =
          sender === undefined
            ? `the campaign sends by ${channel}: add an ${channel} section to the conversations file`
            : channel === 'email' && unsubscribeUrl === undefined
              ? 'campaign emails need an unsubscribe link: set email.unsubscribe.publicUrl in the conversations file'
              : undefined;
        if (missing !== undefined || sender === undefined) {
          campaigns[campaign.id] = { sent: 0, failed: 0, held: missing ?? '' };
          continue;
        }
        const round = await sendDueMessages({ ...deps, sender }, campaign.id);
        campaigns[campaign.id] = round;
        if (round.sent + round.failed > 0)
          ctx.log(`send-campaigns: ${campaign.id}: ${round.sent} sent, ${round.failed} failed`);
      }
    } finally {
      senders.email?.close();
    }
    return { campaigns };
  },
});
