import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Activity } from '../domain/activity.js';
import type { Clock } from '../domain/clock.js';
import type { Decision, Verdict } from '../domain/decision.js';
import type { ReviewResolution, WebhookEvent } from '../actions/webhooks/decision-event.js';
import type { Lead } from '../domain/lead.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { Route } from '../domain/route.js';
import type { Job, JobQueue, NewJob } from '../jobs/job-queue.js';
import type { DecisionDraft } from '../scoring/decide-with-rules.js';
import type { ModelRuntime } from '../scoring/model/model-runtime.js';
import type { LeadRecordScorer } from '../scoring/model/score-lead-record.js';
import { decideLeads, scorerFor } from '../scoring/qualify-file.js';
import { describeChange } from '../hygiene/reevaluate-lead.js';
import type { LlmScorer } from '../scoring/decide-with-llm.js';
import type { LeadOwner } from '../routing/lead-owner.js';
import type { PipelineTransaction } from './pipeline-transaction.js';
import { routeDecision } from './route-decision.js';

/** The job kinds of the pipeline. */
export const JOB_KINDS = {
  enrich: 'enrich',
  qualify: 'qualify',
  webhook: 'webhook',
  crm: 'crm',
} as const;

/** The jobs that deliver to the outside world (the deliveries, and their dead-letter list). */
export const DELIVERY_JOB_KINDS: readonly string[] = [JOB_KINDS.webhook, JOB_KINDS.crm];

/** What a qualify job carries: when the lead (or the event that re-scores it) arrived, and why. */
export interface QualifyPayload {
  readonly arrivedAt: string;
  readonly reason?: string;
}

/** What routing gets and gives: pure, with its state passed in and out (see src/routing). */
export type RouteFunction = (
  input: {
    readonly lead: Lead;
    readonly decision: Decision;
    readonly accountOwnerId?: string;
    /** The rep the lead's earlier routes gave it, kept while the rules allow. */
    readonly owner?: LeadOwner;
  },
  criteria: LoadedCriteria,
  state: unknown,
) => { readonly route: Route; readonly state: unknown };

/**
 * The actions (webhook and CRM jobs) that follow a routed decision: a lead's first decision is
 * `lead.decided`, a later one `lead.requalified` (with the verdict before it), and a person's
 * resolution of a held decision `review.resolved`.
 */
export type ActionsFunction = (routed: {
  readonly lead: Lead;
  readonly decision: Decision;
  readonly route: Route;
  readonly touchId: string;
  readonly occurredAt: string;
  readonly event?: WebhookEvent;
  readonly previousVerdict?: Verdict;
  readonly review?: ReviewResolution;
}) => NewJob[];

/** A finished qualification, as waiters (`?wait=true`) receive it. */
export interface QualifiedLead {
  readonly jobId: string;
  readonly leadId: string;
  readonly decision: Decision;
  readonly route: Route;
  readonly touchId: string;
  readonly reviewId?: string;
}

export interface QualifyDeps {
  readonly clock: Clock;
  readonly leads: LeadStore;
  readonly jobs: JobQueue<PipelineTransaction>;
  /** The active criteria (the service reloads them when a new version is saved). */
  readonly criteria: () => Promise<LoadedCriteria>;
  /** The active model, when one is activated. */
  readonly model: () => Promise<ModelRuntime | undefined>;
  /** The LLM as a third scorer, when configured (`serve --llm`). */
  readonly llm?: LlmScorer;
  readonly route: RouteFunction;
  readonly actions: ActionsFunction;
  /** The reps owning these company domains' accounts (see `ServiceStore.accountOwners`). */
  readonly accountOwners: (companyDomains: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** The reps who own these leads from their earlier routes (see `ServiceStore.leadOwners`). */
  readonly leadOwners: (leadIds: readonly string[]) => Promise<ReadonlyMap<string, LeadOwner>>;
  /** Told of every finished qualification (the API's waiters, logs). */
  readonly onQualified?: (done: readonly QualifiedLead[]) => void;
}

/** Routing state is one document: every rule's pointers, read and written in the transaction. */
export const ROUTING_STATE_KEY = 'routing';

interface Prepared {
  readonly job: Job;
  readonly lead: Lead;
  readonly draft: DecisionDraft;
  readonly accountOwnerId?: string;
  readonly arrivedAt: string;
  /** The verdict of the lead's decision before this one, when it had one. */
  readonly previousVerdict?: Verdict;
}

/** How long a model's scorer is reused: its "now" (event decay, lead age) is at most this old. */
const SCORER_REUSE_MS = 1000;
const scorers = new WeakMap<ModelRuntime, { readonly at: number; readonly scorer: LeadRecordScorer }>();

/**
 * The model's scorer, kept for a second: a scorer compiles a row encoder for each shape of lead
 * it meets, and a new one per batch compiled them again for every small batch (4 % of the
 * server's CPU at 5 connections). Its buffers are used within one synchronous call per lead.
 */
const keptScorer = (deps: QualifyDeps, model: ModelRuntime | undefined): LeadRecordScorer | undefined => {
  if (model === undefined) return undefined;
  const now = deps.clock.now();
  const kept = scorers.get(model);
  if (kept !== undefined && now >= kept.at && now - kept.at < SCORER_REUSE_MS) return kept.scorer;
  const scorer = scorerFor(deps, model);
  if (scorer !== undefined) scorers.set(model, { at: now, scorer });
  return scorer;
};

const payloadOf = (job: Job): QualifyPayload => {
  const payload = job.payload as Partial<QualifyPayload> | null;
  return { arrivedAt: typeof payload?.arrivedAt === 'string' ? payload.arrivedAt : job.createdAt };
};

/**
 * Run a batch of qualify jobs: load each lead and its events, decide (rules, then the model on
 * edge cases, then the LLM when configured, all its calls for the batch at once), and then — in one transaction with the jobs' completion — save the decisions,
 * route them (routing pointers advance in the same transaction), open reviews for assisted
 * routes, and enqueue the actions (`routeDecision`, which re-evaluation shares). A lead that no longer exists fails its job for good.
 */
export const runQualifyJobs = async (
  deps: QualifyDeps,
  worker: string,
  jobs: readonly Job[],
): Promise<void> => {
  const criteria = await deps.criteria();
  const model = await deps.model();
  const scorer = keptScorer(deps, model);
  const prepared: Prepared[] = [];
  const missing: Job[] = [];
  // A few reads for the whole batch: the leads, their events, decisions and owners, their accounts' owners.
  const leadIds = jobs.flatMap((job) => (job.leadId === undefined ? [] : [job.leadId]));
  const leads = await deps.leads.getLeads(leadIds);
  const [activitiesOf, previous, leadOwners] = await Promise.all([
    deps.leads.listActivitiesOf([...leads.keys()]),
    deps.leads.latestDecisions([...leads.keys()]),
    deps.leadOwners([...leads.keys()]),
  ]);
  const domains = [...leads.values()].flatMap((lead) =>
    lead.company.domain === undefined ? [] : [lead.company.domain.value],
  );
  const owners = domains.length === 0 ? new Map<string, string>() : await deps.accountOwners(domains);
  const found: { job: Job; lead: Lead; activities: Activity[] }[] = [];
  for (const job of jobs) {
    const lead = job.leadId === undefined ? undefined : leads.get(job.leadId);
    if (lead === undefined) missing.push(job);
    else found.push({ job, lead, activities: activitiesOf.get(lead.id) ?? [] });
  }
  // The LLM, when configured, is asked outside the transaction: it waits on the network. A
  // failure is recorded on its lead.
  const drafts = await decideLeads(deps, criteria, found, scorer, deps.llm);
  for (const [i, { job, lead, activities }] of found.entries()) {
    const domain = lead.company.domain?.value;
    const owner = domain === undefined ? undefined : owners.get(domain);
    const before = previous.get(lead.id);
    const previousVerdict = before?.verdict;
    // A lead decided again (new events, new facts, a requalify) says first how and why it moved.
    const change = before === undefined ? undefined : describeChange(before, drafts[i]!, activities);
    prepared.push({
      ...(previousVerdict === undefined ? {} : { previousVerdict }),
      job,
      lead,
      draft:
        change === undefined
          ? drafts[i]!
          : { ...drafts[i]!, reasons: [change.reason, ...drafts[i]!.reasons] },
      arrivedAt: payloadOf(job).arrivedAt,
      ...(owner === undefined ? {} : { accountOwnerId: owner }),
    });
  }
  if (missing.length > 0) {
    await deps.jobs.fail(
      worker,
      missing.map((job) => ({
        id: job.id,
        error: `lead ${job.leadId ?? '(none)'} does not exist`,
        dead: true as const,
      })),
    );
  }
  const done: QualifiedLead[] = [];
  await deps.jobs.finish(
    worker,
    prepared.map((p) => p.job.id),
    async (tx, held) => {
      done.length = 0;
      const results = new Map<string, unknown>();
      let state = await tx.routingState(ROUTING_STATE_KEY);
      // A lead may come twice in a batch (answers in quick succession): its second route sees the first's owner.
      const owners = new Map(leadOwners);
      for (const p of prepared) {
        if (!held.has(p.job.id)) continue;
        const owner = owners.get(p.lead.id);
        const routed = await routeDecision(deps, tx, criteria, state, {
          lead: p.lead,
          draft: p.draft,
          arrivedAt: p.arrivedAt,
          ...(p.accountOwnerId === undefined ? {} : { accountOwnerId: p.accountOwnerId }),
          ...(owner === undefined ? {} : { owner }),
          ...(p.previousVerdict === undefined ? {} : { previousVerdict: p.previousVerdict }),
        });
        state = routed.state;
        const { decision, touchId, reviewId } = routed;
        const to = routed.route.owner?.id;
        if (to !== undefined && to !== owner?.id) owners.set(p.lead.id, { id: to, since: routed.routedAt });
        results.set(p.job.id, {
          decisionId: decision.id,
          touchId,
          verdict: decision.verdict,
          destination: routed.route.destination,
          ...(reviewId === undefined ? {} : { reviewId }),
        });
        done.push({
          jobId: p.job.id,
          leadId: p.lead.id,
          decision,
          route: routed.route,
          touchId,
          ...(reviewId === undefined ? {} : { reviewId }),
        });
      }
      await tx.setRoutingState(ROUTING_STATE_KEY, state ?? {});
      return results;
    },
  );
  if (done.length > 0) deps.onQualified?.(done);
};
