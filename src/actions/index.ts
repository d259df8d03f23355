/**
 * The "act" step: what the service calls once a lead is decided and routed — signed webhooks
 * (payload, signature, one delivery attempt, backoff) and CRM write-back (HubSpot,
 * Salesforce) behind one port, configured by an actions file. Every call returns a
 * `DeliveryAttempt`; the service stores attempts, schedules retries and dead-letters.
 */
export { ActionsConfig, loadActionsConfig, parseActionsConfig } from './actions-config.js';
export type { CrmConfig, WebhookConfig } from './actions-config.js';
export {
  MAX_RETRY_AFTER_MS,
  outcomeOfStatus,
  type DeliveryAttempt,
  type DeliveryOutcome,
} from './delivery-attempt.js';
export {
  resolveActionsConfig,
  webhooksFor,
  type ResolvedActions,
  type ResolvedCrm,
  type ResolvedWebhook,
} from './resolve-actions-config.js';
export { createCrmWriteBack } from './crm/create-crm-write-back.js';
export type { CrmDeps, CrmPushResult, CrmUpdate, CrmWriteBack } from './crm/crm-write-back.js';
export { createHubSpotWriteBack, type HubSpotOptions } from './crm/hubspot/create-hubspot-write-back.js';
export {
  createSalesforceWriteBack,
  type SalesforceOptions,
} from './crm/salesforce/create-salesforce-write-back.js';
export {
  WEBHOOK_EVENTS,
  buildDecisionEvent,
  type DecisionEventPayload,
  type WebhookEvent,
} from './webhooks/decision-event.js';
export {
  DEFAULT_MAX_ATTEMPTS,
  nextStepAfter,
  retryDelayMs,
  shouldGiveUp,
  type BackoffOptions,
  type NextStep,
} from './webhooks/retry-delay.js';
export { sendWebhook, type WebhookDeps, type WebhookRequest } from './webhooks/send-webhook.js';
export {
  DEFAULT_TOLERANCE_SECONDS,
  signWebhook,
  verifyWebhookSignature,
  type SignatureCheck,
  type SignatureRejection,
  type WebhookSecret,
} from './webhooks/sign-webhook.js';
