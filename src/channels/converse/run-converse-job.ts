import { isAppError } from '../../domain/app-error.js';
import type { Decision } from '../../domain/decision.js';
import type { Lead } from '../../domain/lead.js';
import type { Job, JobQueue, NewJob } from '../../jobs/job-queue.js';
import type { InboundMessage } from '../channel-message.js';
import { CONVERSE_JOB, type ConverseDeps } from './converse-deps.js';
import { deliverPending } from './deliver-pending.js';
import { openLinkedConversation } from './open-linked-conversation.js';
import { nextSendingTime } from './quiet-hours.js';
import { receiveInbound } from './receive-inbound.js';
import { resumePaused } from './resume-paused.js';
import { sendInvitation } from './send-invitation.js';

/** What a `converse` job does: open a conversation after a decision, take a message, or deliver. */
export type ConversePayload =
  | { readonly type: 'open'; readonly leadId: string; readonly decisionId: string }
  | { readonly type: 'inbound'; readonly message: InboundMessage }
  | { readonly type: 'deliver'; readonly conversationId: string }
  | { readonly type: 'invite'; readonly conversationId: string }
  | { readonly type: 'resume'; readonly conversationId: string };

/** The job that opens a conversation after a decision on which the agent writes first, if it is one. */
export const openJobFor = (
  verdicts: readonly string[],
  lead: Lead,
  decision: Decision,
): NewJob | undefined =>
  verdicts.includes(decision.verdict)
    ? {
        kind: CONVERSE_JOB,
        leadId: lead.id,
        payload: { type: 'open', leadId: lead.id, decisionId: decision.id } satisfies ConversePayload,
      }
    : undefined;

type Outcome = {
  readonly result: Record<string, unknown>;
  readonly later?: { at: number; payload: ConversePayload };
};

const HOUR = 3_600_000;
/** After a conversation the agent does not write first again for this long. */
const QUIET_AFTER_MS = 30 * 24 * HOUR;
/** Endings after which the agent never writes first again: the prospect said no. */
const FINAL_ENDINGS = new Set(['opted_out', 'closed']);

/**
 * Why the agent must not open another conversation with a lead, if it must not: one is still
 * going, the prospect ended one saying no (or opted out), or one was opened in the last 30 days.
 */
const talkedAlready = async (deps: ConverseDeps, leadId: string): Promise<string | undefined> => {
  const since = new Date(deps.clock.now() - QUIET_AFTER_MS).toISOString();
  for (const link of await deps.links.linksOfLead(leadId)) {
    const state = (await deps.conversations.load(link.conversationId))?.state;
    if (state === undefined) continue;
    if (state.status !== 'ended') return `already in conversation ${link.conversationId}`;
    if (state.ending !== undefined && FINAL_ENDINGS.has(state.ending.kind))
      return `conversation ${link.conversationId} ended ${state.ending.kind}`;
    if (link.createdAt >= since)
      return `conversation ${link.conversationId} was opened less than 30 days ago`;
  }
  return undefined;
};

/**
 * Opens the agent's conversation with a lead after a decision (idempotent: its id comes from the
 * decision, so a redone job finds it and only delivers what is left). Not when the lead opted
 * out, was talked with already (`talkedAlready`), or cannot be reached on the first channel; not in the
 * prospect's quiet hours, and not beyond the hourly limit of conversations the agent opens
 * (both: later).
 */
const open = async (deps: ConverseDeps, leadId: string, decisionId: string): Promise<Outcome> => {
  const conversationId = `agent-${decisionId}`;
  if ((await deps.links.link(conversationId)) !== undefined)
    return { result: { conversationId, ...(await deliverPending(deps, conversationId)) } };
  const lead = await deps.leads.getLead(leadId);
  if (lead === undefined) return { result: { skipped: `lead ${leadId} does not exist` } };
  if (lead.consent.optedOutAt !== undefined) return { result: { skipped: 'the lead opted out' } };
  const earlier = await talkedAlready(deps, leadId);
  if (earlier !== undefined) return { result: { skipped: earlier } };
  const channel = deps.config.firstChannel;
  if (deps.senders[channel] === undefined)
    return { result: { skipped: `no ${channel} channel is configured` } };
  const address = channel === 'email' ? lead.person.email?.value : lead.person.phone?.value;
  if (address === undefined)
    return { result: { skipped: `the lead has no ${channel === 'email' ? 'email address' : 'phone'}` } };
  if (channel === 'sms' ? lead.consent.sms !== true : lead.consent.email === false)
    return { result: { skipped: `no consent to ${channel}` } };
  const now = deps.clock.now();
  const zone = deps.config.timeZone;
  const payload: ConversePayload = { type: 'open', leadId, decisionId };
  const allowed = nextSendingTime(now, zone, deps.config.limits.quietHours);
  if (allowed > now) return { result: { later: 'quiet hours' }, later: { at: allowed, payload } };
  const opened = await deps.links.agentOpenedSince(channel, new Date(now - HOUR).toISOString());
  if (opened >= deps.config.limits.agentOpensPerHour)
    return { result: { later: 'hourly limit' }, later: { at: now + HOUR / 4, payload } };
  const firstName = lead.person.firstName?.value;
  await openLinkedConversation(deps, lead, {
    conversationId,
    channel,
    openedBy: 'agent',
    address,
    subject: firstName === undefined ? 'A quick question' : `A quick question, ${firstName}`,
  });
  return { result: { conversationId, ...(await deliverPending(deps, conversationId)) } };
};

const runOne = async (deps: ConverseDeps, payload: ConversePayload): Promise<Outcome> => {
  switch (payload.type) {
    case 'open':
      return open(deps, payload.leadId, payload.decisionId);
    case 'resume': {
      const { resumed } = await resumePaused(deps, payload.conversationId);
      return {
        result: {
          conversationId: payload.conversationId,
          resumed,
          ...(await deliverPending(deps, payload.conversationId)),
        },
      };
    }
    case 'invite':
      return {
        result: {
          conversationId: payload.conversationId,
          ...(await sendInvitation(deps, payload.conversationId)),
        },
      };
    case 'deliver':
      return {
        result: {
          conversationId: payload.conversationId,
          ...(await deliverPending(deps, payload.conversationId)),
        },
      };
    case 'inbound': {
      // A reply to an outbound campaign is the campaign's (classified, acted on); the rest is a conversation's.
      const campaign = await deps.campaignReply?.(payload.message);
      if (campaign !== undefined) return { result: { outcome: 'campaign', ...campaign } };
      const received = await receiveInbound(deps, payload.message);
      const conversationId =
        received.outcome === 'answered'
          ? received.turn.conversationId
          : received.outcome === 'duplicate'
            ? received.conversationId
            : undefined;
      // A duplicate still delivers: the first attempt may have stopped before sending.
      const delivery = conversationId === undefined ? {} : await deliverPending(deps, conversationId);
      return {
        result: {
          outcome: received.outcome,
          ...(conversationId === undefined ? {} : { conversationId }),
          ...delivery,
        },
      };
    }
  }
};

const RETRY_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/**
 * Runs one `converse` job and completes it with its result; a job put off (quiet hours, the
 * hourly limit) completes by enqueueing itself for later in the same transaction. A failure is
 * retried with backoff, and given up at once when it is permanent (an address refused for good).
 */
export const runConverseJob = async (
  deps: ConverseDeps,
  jobs: JobQueue,
  worker: string,
  job: Job,
): Promise<void> => {
  try {
    const outcome = await runOne(deps, job.payload as ConversePayload);
    await jobs.finish(worker, [job.id], async (tx) => {
      if (outcome.later !== undefined)
        await tx.enqueue([
          {
            kind: CONVERSE_JOB,
            ...(job.leadId === undefined ? {} : { leadId: job.leadId }),
            payload: outcome.later.payload,
            runAt: new Date(outcome.later.at).toISOString(),
          },
        ]);
      return new Map([[job.id, outcome.result]]);
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const permanent = isAppError(error, 'DELIVERY_FAILED') && error.details['permanent'] === true;
    const delay = RETRY_MS[Math.min(job.attempts - 1, RETRY_MS.length - 1)] ?? 60_000;
    await jobs.fail(worker, [
      permanent || job.attempts >= job.maxAttempts
        ? { id: job.id, error: message, dead: true }
        : { id: job.id, error: message, retryAt: new Date(deps.clock.now() + delay).toISOString() },
    ]);
  }
};
