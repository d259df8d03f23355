import { createHash } from 'node:crypto';
import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import { webhooksFor } from '../actions/resolve-actions-config.js';
import { leadPart } from '../actions/webhooks/decision-event.js';
import type { Destination } from '../domain/route.js';
import type { Lead } from '../domain/lead.js';
import type { NewJob } from '../jobs/job-queue.js';
import { JOB_KINDS } from '../pipeline/qualify-jobs.js';
import type { WebhookPayload } from '../pipeline/deliver-jobs.js';
import type { StaleFlag } from './flag-stale.js';

/**
 * The `lead.stale` webhook body, version 1: the lead as in every lead event, and the flag — what
 * went quiet (`lead` or `opportunity`), the suggested action, the silent days, since when, and
 * the reason's sentence. The id is derived from the lead and the flag's `since`, so a flag raised
 * again for the same silence keeps its id (receivers can drop repeats).
 */
export const buildStaleEvent = (lead: Lead, flag: StaleFlag, occurredAt: string): string =>
  JSON.stringify({
    id: `evt_${createHash('sha256').update(`stale:${lead.id}:${flag.since}`).digest('hex').slice(0, 24)}`,
    type: 'lead.stale',
    occurredAt,
    lead: leadPart(lead),
    flag: {
      kind: flag.kind,
      action: flag.action,
      silentDays: flag.silentDays,
      since: flag.since,
      reason: flag.reason.text,
    },
  });

/**
 * The webhook jobs for a newly raised flag: one per configured webhook that takes `lead.stale`
 * (and, when it filters by destination, the lead's last route destination). None when no
 * webhook asks for it.
 */
export const staleWebhookJobs = (
  webhooks: readonly ResolvedWebhook[],
  lead: Lead,
  flag: StaleFlag,
  occurredAt: string,
  destination: string | undefined,
): NewJob[] => {
  const hooks = webhooksFor(webhooks, 'lead.stale', destination as Destination | undefined);
  if (hooks.length === 0) return [];
  const body = buildStaleEvent(lead, flag, occurredAt);
  return hooks.map((hook) => {
    // No touch: a stale flag is not a routed decision, so delivering it records no first action.
    const payload: WebhookPayload = { webhook: hook.name, event: 'lead.stale', body, touchId: '' };
    return { kind: JOB_KINDS.webhook, leadId: lead.id, payload, maxAttempts: hook.maxAttempts };
  });
};
