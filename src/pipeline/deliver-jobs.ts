import type { CrmWriteBack } from '../actions/crm/crm-write-back.js';
import type { DeliveryAttempt } from '../actions/delivery-attempt.js';
import type { ResolvedActions } from '../actions/resolve-actions-config.js';
import { webhooksFor } from '../actions/resolve-actions-config.js';
import { buildDecisionEvent } from '../actions/webhooks/decision-event.js';
import type { WebhookEvent } from '../actions/webhooks/decision-event.js';
import { nextStepAfter } from '../actions/webhooks/retry-delay.js';
import { sendWebhook } from '../actions/webhooks/send-webhook.js';
import { isoNow } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { Job, JobQueue, NewJob } from '../jobs/job-queue.js';
import type { ServiceStore } from '../service/service-store.js';
import type { PipelineTransaction } from './pipeline-transaction.js';
import { JOB_KINDS } from './qualify-jobs.js';
import type { ActionsFunction } from './qualify-jobs.js';

/** A webhook job: which configured webhook, the event, and the signed body's text. */
export interface WebhookPayload {
  readonly webhook: string;
  readonly event: WebhookEvent;
  readonly body: string;
  readonly touchId: string;
}

/** A CRM job: the decision and route to write back. */
export interface CrmPayload {
  readonly decisionId: string;
  readonly touchId: string;
}

/**
 * The actions after a routed decision: one webhook job for its event (`lead.decided` unless
 * told) per configured webhook whose filters let it through (the body is built now, so a retry
 * sends the same bytes), and a CRM write-back job unless the lead waits for review.
 */
export const actionsFor =
  (actions: ResolvedActions): ActionsFunction =>
  ({ lead, decision, route, touchId, occurredAt, event: which, previousVerdict, review }) => {
    const jobs: NewJob[] = [];
    const hooks = webhooksFor(actions.webhooks, which ?? 'lead.decided', route.destination);
    if (hooks.length > 0) {
      const { event, body } = buildDecisionEvent({
        lead,
        decision,
        route,
        occurredAt,
        ...(which === undefined ? {} : { event: which }),
        ...(previousVerdict === undefined ? {} : { previousVerdict }),
        ...(review === undefined ? {} : { review }),
      });
      for (const hook of hooks) {
        const payload: WebhookPayload = { webhook: hook.name, event, body, touchId };
        jobs.push({ kind: JOB_KINDS.webhook, leadId: lead.id, payload, maxAttempts: hook.maxAttempts });
      }
    }
    if (actions.crm !== undefined && route.destination !== 'review') {
      const payload: CrmPayload = { decisionId: decision.id, touchId };
      jobs.push({ kind: JOB_KINDS.crm, leadId: lead.id, payload, maxAttempts: actions.crm.maxAttempts });
    }
    return jobs;
  };

export interface DeliverDeps {
  readonly clock: Clock;
  readonly jobs: JobQueue<PipelineTransaction>;
  readonly actions: ResolvedActions;
  readonly leads: LeadStore;
  readonly service: Pick<ServiceStore, 'listTouches'>;
  readonly crm?: CrmWriteBack;
  readonly fetch?: typeof fetch;
  /** Told of each attempt (logs, metrics). */
  readonly onAttempt?: (job: Job, attempt: DeliveryAttempt) => void;
}

/** Record an attempt: done (with the first action's time), retried later, or dead-lettered. */
const settle = async (
  deps: DeliverDeps,
  worker: string,
  job: Job,
  touchId: string,
  attempt: DeliveryAttempt,
): Promise<void> => {
  deps.onAttempt?.(job, attempt);
  const step = nextStepAfter(job.attempts, attempt, { maxAttempts: job.maxAttempts });
  const summary = { status: attempt.status, durationMs: Math.round(attempt.durationMs) };
  if (step.kind === 'done') {
    const at = isoNow(deps.clock);
    await deps.jobs.finish(worker, [job.id], async (tx) => {
      await tx.markFirstAction(touchId, at);
      return new Map([[job.id, { ...summary, deliveredAt: at }]]);
    });
    return;
  }
  const error = attempt.error ?? `HTTP ${attempt.status ?? '?'}`;
  if (step.kind === 'retry') {
    await deps.jobs.fail(worker, [
      { id: job.id, error, retryAt: new Date(deps.clock.now() + step.delayMs).toISOString() },
    ]);
  } else {
    const why =
      step.reason === 'failed' ? 'the receiver refused it' : `gave up after ${job.attempts} attempts`;
    await deps.jobs.fail(worker, [{ id: job.id, error: `${error} (${why})`, dead: true }]);
  }
};

/** Deliver one webhook job: sign, send, and record the attempt. */
export const runWebhookJob = async (deps: DeliverDeps, worker: string, job: Job): Promise<void> => {
  const payload = job.payload as WebhookPayload;
  const hook = deps.actions.webhooks.find((w) => w.name === payload.webhook);
  if (hook === undefined) {
    await deps.jobs.fail(worker, [
      { id: job.id, error: `webhook "${payload.webhook}" is no longer configured`, dead: true },
    ]);
    return;
  }
  const attempt = await sendWebhook(
    {
      url: hook.url,
      secret: hook.secrets,
      deliveryId: job.id,
      event: payload.event,
      body: payload.body,
      timeoutMs: hook.timeoutMs,
    },
    { nowSeconds: () => deps.clock.now() / 1000, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) },
  );
  await settle(deps, worker, job, payload.touchId, attempt);
};

/** Write one decision back to the CRM and record the attempt. */
export const runCrmJob = async (deps: DeliverDeps, worker: string, job: Job): Promise<void> => {
  const payload = job.payload as CrmPayload;
  const leadId = job.leadId ?? '';
  const [lead, decisions, touches] = await Promise.all([
    deps.leads.getLead(leadId),
    deps.leads.listDecisions(leadId),
    deps.service.listTouches(leadId),
  ]);
  const decision = decisions.find((d) => d.id === payload.decisionId);
  if (deps.crm === undefined || lead === undefined || decision === undefined) {
    const why =
      deps.crm === undefined
        ? 'no CRM is configured any more'
        : `lead ${leadId} or decision ${payload.decisionId} no longer exists`;
    await deps.jobs.fail(worker, [{ id: job.id, error: why, dead: true }]);
    return;
  }
  const route = touches.find((t) => t.id === payload.touchId)?.route;
  const attempt = await deps.crm.push({ lead, decision, ...(route === undefined ? {} : { route }) });
  await settle(deps, worker, job, payload.touchId, attempt);
};
