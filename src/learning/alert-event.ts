import type { Alert } from './learning-store.js';

/**
 * The `alert.raised` webhook body, version 1: the alert whole (its sentence, figures, the two
 * periods and the active model) under the same envelope as lead events (`id`, `type`,
 * `occurredAt`). Every key is always present (`null` when unknown).
 */
export const buildAlertEvent = (alert: Alert): string =>
  JSON.stringify({
    id: alert.id,
    type: 'alert.raised',
    occurredAt: alert.raisedAt,
    alert: {
      id: alert.id,
      kind: alert.kind,
      subject: alert.subject,
      level: alert.level,
      text: alert.text,
      figures: alert.figures,
      modelVersion: alert.modelVersion ?? null,
      baseline: alert.baseline,
      recent: alert.recent,
      raisedAt: alert.raisedAt,
    },
  });
