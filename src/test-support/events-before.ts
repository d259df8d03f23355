import type { ActivityFacts } from '../scoring/rules/score-intent.js';

const DAY_MS = 86_400_000;

/**
 * A maker of behaviour events dated relative to `now`: `event('pricing_page_view', 3)` happened
 * three days before it.
 */
export const eventsBefore =
  (now: string | number) =>
  (
    type: ActivityFacts['type'],
    days: number,
    properties: ActivityFacts['properties'] = {},
  ): ActivityFacts => ({
    type,
    occurredAt: new Date((typeof now === 'number' ? now : Date.parse(now)) - days * DAY_MS).toISOString(),
    properties,
    source: 'events.csv',
  });
