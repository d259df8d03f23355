import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import { nextStepAfter } from '../actions/webhooks/retry-delay.js';
import { sendWebhook } from '../actions/webhooks/send-webhook.js';
import type { LearningStore } from './learning-store.js';
import { buildAlertEvent } from './alert-event.js';

/** What sending alerts needs: the store, the configured webhooks, and `fetch` in tests when wanted. */
export interface DeliverAlertsDeps {
  readonly learning: Pick<LearningStore, 'dueDeliveries' | 'settleDelivery'>;
  readonly webhooks: readonly ResolvedWebhook[];
  readonly fetch?: typeof fetch;
}

/** How the due deliveries went. */
export interface DeliverAlertsResult {
  readonly delivered: number;
  readonly retrying: number;
  readonly dead: number;
}

/**
 * Sends every `alert.raised` delivery due by `now` (ms), signed as lead webhooks are, and records
 * each attempt: delivered, retried after the webhook backoff (or the receiver's Retry-After), or
 * dead after the endpoint's last attempt or a refusal. A webhook removed from the configuration
 * since the alert was raised is dead at once, saying so.
 */
export const deliverAlerts = async (deps: DeliverAlertsDeps, now: number): Promise<DeliverAlertsResult> => {
  const due = await deps.learning.dueDeliveries(new Date(now).toISOString(), 100);
  const result = { delivered: 0, retrying: 0, dead: 0 };
  for (const { delivery, alert } of due) {
    const attempts = delivery.attempts + 1;
    const hook = deps.webhooks.find((w) => w.name === delivery.webhook);
    if (hook === undefined) {
      result.dead++;
      await deps.learning.settleDelivery(delivery.id, {
        status: 'dead',
        attempts: delivery.attempts,
        nextAt: delivery.nextAt,
        lastError: `webhook "${delivery.webhook}" is no longer configured`,
      });
      continue;
    }
    const attempt = await sendWebhook(
      {
        url: hook.url,
        secret: hook.secrets,
        deliveryId: delivery.id,
        event: 'alert.raised',
        body: buildAlertEvent(alert),
        timeoutMs: hook.timeoutMs,
      },
      { nowSeconds: () => now / 1000, ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }) },
    );
    const step = nextStepAfter(attempts, attempt, { maxAttempts: delivery.maxAttempts });
    const at = new Date(now).toISOString();
    const error = attempt.error ?? `HTTP ${attempt.status ?? '?'}`;
    if (step.kind === 'done') {
      result.delivered++;
      await deps.learning.settleDelivery(delivery.id, {
        status: 'delivered',
        attempts,
        nextAt: at,
        deliveredAt: at,
      });
    } else if (step.kind === 'retry') {
      result.retrying++;
      const nextAt = new Date(now + step.delayMs).toISOString();
      await deps.learning.settleDelivery(delivery.id, {
        status: 'pending',
        attempts,
        nextAt,
        lastError: error,
      });
    } else {
      result.dead++;
      const why = step.reason === 'failed' ? 'the receiver refused it' : `gave up after ${attempts} attempts`;
      await deps.learning.settleDelivery(delivery.id, {
        status: 'dead',
        attempts,
        nextAt: at,
        lastError: `${error} (${why})`,
      });
    }
  }
  return result;
};
