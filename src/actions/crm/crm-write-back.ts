import type { Decision } from '../../domain/decision.js';
import type { Lead } from '../../domain/lead.js';
import type { Route } from '../../domain/route.js';
import type { DeliveryAttempt } from '../delivery-attempt.js';

/** What is written back to the CRM: the lead, its decision and, once routed, its route. */
export interface CrmUpdate {
  readonly lead: Lead;
  readonly decision: Decision;
  readonly route?: Route;
}

/**
 * One write-back attempt: the delivery classification webhooks use, plus the CRM's id for the
 * record written and a warning when something was left out (an owner the CRM does not know).
 */
export type CrmPushResult = DeliveryAttempt & { readonly crmId?: string; readonly warning?: string };

/**
 * The port for writing decisions back to a CRM. `push` never throws: every failure is a
 * result the service stores on the job row and retries or dead-letters like a webhook.
 */
export interface CrmWriteBack {
  readonly name: 'hubspot' | 'salesforce';
  push(update: CrmUpdate): Promise<CrmPushResult>;
}

/** What a CRM adapter takes from outside: the clock (Retry-After dates) and `fetch`. */
export interface CrmDeps {
  nowMs(): number;
  readonly fetch?: typeof fetch;
  /** A monotonic clock in milliseconds for `durationMs`; `performance.now` by default. */
  monotonicMs?(): number;
  /** `leadsift/<version>` by default. */
  readonly userAgent?: string;
}
