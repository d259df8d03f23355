import type { LlmScorer } from '../scoring/decide-with-llm.js';
import { hostname } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { createCrmWriteBack } from '../actions/crm/create-crm-write-back.js';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import { openStore } from '../adapters/storage/open-store.js';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import { parseCriteria } from '../criteria/load-criteria.js';
import { systemClock } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import { startWorker } from '../jobs/run-worker.js';
import type { JobHandler, RunningWorker } from '../jobs/run-worker.js';
import { actionsFor, runCrmJob, runWebhookJob } from '../pipeline/deliver-jobs.js';
import { runEnrichJob } from '../pipeline/enrich-jobs.js';
import type { PipelineEnrichment } from '../pipeline/enrich-jobs.js';
import type { DeliverDeps } from '../pipeline/deliver-jobs.js';
import { JOB_KINDS, runQualifyJobs } from '../pipeline/qualify-jobs.js';
import type { QualifiedLead } from '../pipeline/qualify-jobs.js';
import type { PipelineTransaction } from '../pipeline/pipeline-transaction.js';
import { routeWithCriteria } from '../pipeline/route-decision.js';
import { createActiveSetup } from './active-setup.js';
import type { ActiveSetup } from './active-setup.js';
import { createAuthenticator } from './authenticate.js';
import { buildApp, DEFAULT_APP_OPTIONS } from './build-app.js';
import type { AppOptions } from './build-app.js';
import { createJobWaiter } from './job-waiter.js';
import type { ChannelRuntime, ChannelSetup } from '../channels/converse/channel-runtime.js';
import { CONVERSE_JOB } from '../channels/converse/converse-deps.js';
import { startInboundSmtp } from './start-inbound-smtp.js';
import { converseHandler, openChannels, withConversations } from './open-channels.js';
import type { JobWaiter } from './job-waiter.js';

// Routing as the pipeline calls it lives beside the pipeline (scheduled re-evaluation routes too).
export { routeWithCriteria } from '../pipeline/route-decision.js';

/** A qualify job's lease when an LLM takes part: room for a slow answer and a retry. */
const LLM_LEASE_MS = 120_000;

export interface PipelineOptions {
  readonly clock?: Clock;
  /** Webhooks and CRM; none by default. */
  readonly actions?: ResolvedActions;
  /** Enrich each new lead before it is qualified (a providers file, see `loadPipelineEnrichment`). */
  readonly enrichment?: PipelineEnrichment;
  /** Score with the store's active model beside the rules (default true). */
  readonly useModel?: boolean;
  /** The LLM as a third scorer (its client's calls should end well within `leaseMs`). */
  readonly llm?: LlmScorer;
  /** Leads qualified per batch (one transaction). */
  readonly batch?: number;
  /** Deliveries in flight at once. */
  readonly deliveries?: number;
  /** Longest sleep between looks at the queue. */
  readonly pollMs?: number;
  /** How long a worker holds a job before another may take it. */
  readonly leaseMs?: number;
  /** How often the active criteria and model are re-read. */
  readonly refreshMs?: number;
  readonly fetch?: typeof fetch;
  /** This worker's name in leases; the host and process id by default. */
  readonly workerName?: string;
  readonly onError?: (error: unknown) => void;
  /** Conversations (a conversations file's runtime): the agent opens them after decisions and runs their jobs. */
  readonly channels?: ChannelRuntime;
}

/** The pipeline's job handlers over a store, for the in-process worker and `leadsift worker`. */
export const pipelineHandlers = (
  store: StoreHandle,
  setup: ActiveSetup,
  options: PipelineOptions & { readonly onQualified?: (done: readonly QualifiedLead[]) => void },
): JobHandler[] => {
  const clock = options.clock ?? systemClock;
  const actions = options.actions ?? { webhooks: [] };
  const leaseMs = options.leaseMs ?? 30_000;
  const deliverDeps: DeliverDeps = {
    clock,
    jobs: store.jobs,
    actions,
    leads: store.leads,
    service: store.service,
    ...(actions.crm === undefined
      ? {}
      : {
          crm: createCrmWriteBack(actions.crm, {
            nowMs: () => clock.now(),
            ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
          }),
        }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  };
  const enrichment = options.enrichment;
  const enrichHandlers: JobHandler[] =
    enrichment === undefined
      ? []
      : [
          {
            kinds: [JOB_KINDS.enrich],
            batch: 64,
            concurrency: 64,
            leaseMs,
            run: async (worker, [job]) => {
              if (job !== undefined)
                await runEnrichJob({ clock, leads: store.leads, jobs: store.jobs, enrichment }, worker, job);
            },
          },
        ];
  return [
    ...enrichHandlers,
    {
      kinds: [JOB_KINDS.qualify],
      // With an LLM a batch waits on its calls: batches as large as the calls in flight keep
      // each lead's wait to about one call, and the lease long enough for a slow answer.
      batch:
        options.llm === undefined
          ? (options.batch ?? 100)
          : Math.min(options.batch ?? 100, options.llm.concurrency),
      leaseMs: options.llm === undefined ? leaseMs : Math.max(leaseMs, LLM_LEASE_MS),
      run: (worker, jobs) =>
        runQualifyJobs(
          {
            clock,
            leads: store.leads,
            jobs: store.jobs,
            criteria: () => setup.criteria(),
            model: () => setup.model(),
            ...(options.llm === undefined ? {} : { llm: options.llm }),
            route: routeWithCriteria,
            actions: withConversations(actionsFor(actions), options.channels),
            accountOwners: (domains) => store.service.accountOwners(domains),
            leadOwners: (leadIds) => store.service.leadOwners(leadIds),
            ...(options.onQualified === undefined ? {} : { onQualified: options.onQualified }),
          },
          worker,
          jobs,
        ),
    },
    {
      kinds: [JOB_KINDS.webhook, JOB_KINDS.crm],
      batch: 50,
      concurrency: options.deliveries ?? 64,
      leaseMs,
      run: async (worker, [job]) => {
        if (job === undefined) return;
        await (job.kind === JOB_KINDS.crm
          ? runCrmJob(deliverDeps, worker, job)
          : runWebhookJob(deliverDeps, worker, job));
      },
    },
    ...(options.channels === undefined ? [] : [converseHandler(store, options.channels)]),
  ];
};

/** A running service: the HTTP app, its store, and the in-process worker when there is one. */
export interface RunningService {
  readonly app: FastifyInstance;
  readonly store: StoreHandle;
  readonly setup: ActiveSetup;
  readonly waiter: JobWaiter<QualifiedLead>;
  readonly worker?: RunningWorker;
  /** The address it listens on, once `listen` was asked for. */
  readonly url?: string;
  /** The port of the SMTP listener for replies, when the conversations file starts one. */
  readonly smtpPort?: number;
  close(): Promise<void>;
}

export interface ServiceOptions extends Omit<PipelineOptions, 'channels'> {
  /** A conversations file: chat, email and SMS with the agent (none when absent). */
  readonly conversations?: ChannelSetup;
  readonly databaseUrl?: string;
  /** An already open store (tests); `databaseUrl` is then ignored and the caller closes it. */
  readonly store?: StoreHandle;
  /** Criteria YAML to save and activate at start (a new version only when it changed). */
  readonly criteria?: { readonly text: string; readonly fileName: string };
  /** Run the pipeline in this process (default true); false when `leadsift worker`s run it. */
  readonly worker?: boolean;
  /** Listen on this port (0 for any); no listening when absent (tests use `app.inject`). */
  readonly listen?: { readonly host: string; readonly port: number };
  readonly app?: Partial<AppOptions>;
  readonly defaultCountry?: string;
  /** Signs session cookies; shared by the processes of one deployment (random per process when absent). */
  readonly sessionSecret?: string;
  readonly maxBatch?: number;
  readonly waitTimeoutMs?: number;
}

/** Save criteria text as the active version (validated; a new version only when it changed). */
export const activateCriteriaText = async (
  store: StoreHandle,
  text: string,
  fileName: string,
  by: string,
): Promise<string> => {
  const loaded = parseCriteria(text, fileName);
  const active = await store.service.activeCriteria();
  if (active?.version !== loaded.version) {
    await store.service.saveCriteria({ version: loaded.version, name: loaded.name, text, createdBy: by });
  }
  return loaded.version;
};

/**
 * Start leadsift's service: open (and migrate) the store, activate the given criteria, build the
 * HTTP API, start the in-process worker, and listen. `close` stops in order: no new requests,
 * the worker finishes what it holds, the store flushes and closes.
 */
export const startService = async (options: ServiceOptions): Promise<RunningService> => {
  const clock = options.clock ?? systemClock;
  const store =
    options.store ??
    (await openStore(
      { ...(options.databaseUrl === undefined ? {} : { databaseUrl: options.databaseUrl }) },
      { clock },
    ));
  try {
    if (options.criteria !== undefined) {
      await activateCriteriaText(store, options.criteria.text, options.criteria.fileName, 'leadsift serve');
    }
    const setup = createActiveSetup(
      { store, clock },
      { refreshMs: options.refreshMs ?? 5_000, useModel: options.useModel ?? true },
    );
    const pollMs = options.pollMs ?? 250;
    const runInProcess = options.worker ?? true;
    // Waiters are settled at once by a worker in this process; with the pipeline in other
    // processes they learn of finished jobs only by looking, so they look often (one query for all).
    const waiter = createJobWaiter<QualifiedLead, PipelineTransaction>(store.jobs, {
      pollMs: runInProcess ? Math.min(pollMs, 50) : 10,
    });
    let worker: RunningWorker | undefined;
    const channels =
      options.conversations === undefined
        ? undefined
        : await openChannels(store, setup, options.conversations, {
            clock,
            wake: () => worker?.wake([CONVERSE_JOB]),
            ...(options.llm === undefined ? {} : { llm: options.llm.client }),
          });
    if (runInProcess) {
      worker = startWorker(
        store.jobs,
        pipelineHandlers(store, setup, {
          ...options,
          ...(channels === undefined ? {} : { channels }),
          clock,
          onQualified: (done) => waiter.settle(done.map((d) => ({ jobId: d.jobId, value: d }))),
        }),
        {
          worker: options.workerName ?? `${hostname()}:${process.pid}:serve`,
          pollMs,
          ...(options.onError === undefined ? {} : { onError: options.onError }),
        },
      );
    }
    const actions = withConversations(actionsFor(options.actions ?? { webhooks: [] }), channels);
    const app = await buildApp(
      {
        clock,
        store,
        setup,
        waiter,
        authenticate: createAuthenticator(store.service, {
          cacheMs: 10_000,
          now: () => clock.now(),
          ...(options.sessionSecret === undefined
            ? {}
            : { sessionSecret: Buffer.from(options.sessionSecret, 'utf8') }),
        }),
        actions,
        route: routeWithCriteria,
        wake: (kinds) => worker?.wake(kinds),
        firstJob: options.enrichment === undefined ? JOB_KINDS.qualify : JOB_KINDS.enrich,
        ...(options.defaultCountry === undefined ? {} : { defaultCountry: options.defaultCountry }),
        limits: { maxBatch: options.maxBatch ?? 1000, waitTimeoutMs: options.waitTimeoutMs ?? 10_000 },
        ...(channels === undefined ? {} : { channels }),
      },
      { ...DEFAULT_APP_OPTIONS, ...options.app },
    );
    let url: string | undefined;
    if (options.listen !== undefined)
      url = await app.listen({ host: options.listen.host, port: options.listen.port });
    const smtp = channels === undefined ? undefined : await startInboundSmtp(channels, options.onError);
    let closing: Promise<void> | undefined;
    return {
      app,
      store,
      setup,
      waiter,
      ...(worker === undefined ? {} : { worker }),
      ...(url === undefined ? {} : { url }),
      ...(smtp === undefined ? {} : { smtpPort: smtp.port }),
      close: () =>
        (closing ??= (async () => {
          await smtp?.close();
          await app.close();
          channels?.close();
          await worker?.stop();
          if (options.store === undefined) await store.close();
        })()),
    };
  } catch (error) {
    if (options.store === undefined) await store.close();
    throw error;
  }
};
