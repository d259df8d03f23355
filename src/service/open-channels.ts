import { randomUUID } from 'node:crypto';
import { kyselyChannelStore } from '../adapters/storage/kysely-channel-store.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { ChannelRuntime, ChannelSetup } from '../channels/converse/channel-runtime.js';
import { createSenders, knowledgeOf } from '../channels/converse/channel-runtime.js';
import { CONVERSE_JOB, type ConverseDeps } from '../channels/converse/converse-deps.js';
import { openJobFor, runConverseJob } from '../channels/converse/run-converse-job.js';
import { unsubscribeToken } from '../channels/converse/unsubscribe-token.js';
import { understandWithLlm } from '../conversation/understand/understand-with-llm.js';
import { phraseWithLlm, type PhraseRequest } from '../conversation/dialogue/phrase-with-llm.js';
import type { UnderstandContext } from '../conversation/understand/understanding.js';
import { isoNow } from '../domain/clock.js';
import type { LlmClient } from '../llm/index.js';
import type { Clock } from '../domain/clock.js';
import type { JobHandler } from '../jobs/run-worker.js';
import type { ActionsFunction } from '../pipeline/qualify-jobs.js';
import type { ActiveSetup } from './active-setup.js';
import { campaignReplyRouter } from './route-campaign-reply.js';

/**
 * The conversation's part of a service or worker over a store: a conversations file's
 * knowledge base read, its senders made, and the deps every channel shares.
 */
export const openChannels = async (
  store: StoreHandle,
  setup: ActiveSetup,
  channels: ChannelSetup,
  options: {
    readonly clock: Clock;
    readonly wake?: () => void;
    readonly streamPollMs?: number;
    /** With an LLM configured, prospect messages are read with it too (checked by the offline readers). */
    readonly llm?: LlmClient;
  },
): Promise<ChannelRuntime> => {
  const senders = createSenders(channels, options.clock);
  const unsubscribe = channels.config.email?.unsubscribe;
  const llm = options.llm;
  const deps: ConverseDeps = {
    clock: options.clock,
    newId: () => randomUUID(),
    conversations: store.conversations,
    links: kyselyChannelStore(store.db),
    leads: store.leads,
    enqueue: (jobs) => store.jobs.enqueue(jobs),
    requalify: (ids, reason) => store.service.requalify(ids, reason, isoNow(options.clock)),
    criteria: () => setup.criteria(),
    // The lead's owner now (routing keeps a re-decided lead with its rep, and moves it only when
    // that rep is inactive or no longer fits the rule): the prospect meets whoever will work it.
    assignedRep: async (leadId) => (await store.service.leadOwners([leadId])).get(leadId)?.id,
    config: channels.config,
    knowledge: await knowledgeOf(channels),
    senders,
    ...(llm === undefined
      ? {}
      : {
          understand: async (text: string, context: UnderstandContext) =>
            (await understandWithLlm(llm, text, context)).understanding,
          phrase: (request: PhraseRequest) => phraseWithLlm(llm, request),
        }),
    ...(unsubscribe === undefined || channels.secrets.unsubscribeSecret === undefined
      ? {}
      : {
          unsubscribeUrl: (id: string) =>
            `${unsubscribe.publicUrl.replace(/\/+$/, '')}/v1/channels/email/unsubscribe/${encodeURIComponent(
              unsubscribeToken(channels.secrets.unsubscribeSecret ?? '', id),
            )}`,
        }),
  };
  const campaignReply = campaignReplyRouter(store, deps, llm === undefined ? undefined : { client: llm });
  return {
    deps: campaignReply === undefined ? deps : { ...deps, campaignReply },
    secrets: channels.secrets,
    streamPollMs: options.streamPollMs ?? 500,
    wake: () => options.wake?.(),
    close: () => senders.email?.close(),
  };
};

/** The pipeline's actions, and a `converse` job after each decision on which the agent writes first. */
export const withConversations =
  (actions: ActionsFunction, runtime: ChannelRuntime | undefined): ActionsFunction =>
  (routed) => {
    const jobs = actions(routed);
    const open =
      runtime === undefined
        ? undefined
        : openJobFor(runtime.deps.config.openOn, routed.lead, routed.decision);
    return open === undefined ? jobs : [...jobs, open];
  };

/** The worker's handler of `converse` jobs (each waits on a channel: several at once). */
export const converseHandler = (store: StoreHandle, runtime: ChannelRuntime): JobHandler => ({
  kinds: [CONVERSE_JOB],
  batch: 16,
  concurrency: 16,
  leaseMs: 60_000,
  run: async (worker, [job]) => {
    if (job !== undefined) await runConverseJob(runtime.deps, store.jobs, worker, job);
  },
});
