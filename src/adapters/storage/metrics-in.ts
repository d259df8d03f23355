import { sql } from 'kysely';
import type { Period } from '../../learning/learning-store.js';
import type { MetricsData } from '../../metrics/dashboard-metrics.js';
import { metricsFromCounts, msBetween } from './metrics-data.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/**
 * The dashboard's counts (see `metricsData`) for one period, as the review report needs them:
 * leads by their newest decision made in it, routes that arrived in it, AE outcomes and reviews
 * recorded in it, and the sales cycles of deals won in it.
 */
export const metricsIn = (ctx: StoreContext, period: Period): Promise<MetricsData> =>
  guard(`count the metrics from ${period.from} to ${period.to}`, async () => {
    const { from, to } = period;
    const day = sql<string>`substr(decided_at, 1, 10)`;
    const [byDay, touches, outcomes, conversion, reviews, deals] = await Promise.all([
      ctx.db
        .selectFrom('lead_latest')
        .select([day.as('day'), 'verdict', sql<number>`count(*)`.as('n')])
        .where('decided_at', '>=', from)
        .where('decided_at', '<', to)
        .groupBy([day, 'verdict'])
        .execute(),
      ctx.db
        .selectFrom('touches')
        .select([
          msBetween(ctx, 'arrived_at', 'routed_at').as('routed'),
          msBetween(ctx, 'arrived_at', 'first_action_at').as('touched'),
        ])
        .where('arrived_at', '>=', from)
        .where('arrived_at', '<', to)
        .execute(),
      ctx.db
        .selectFrom('outcomes')
        .select(['type', sql<number>`count(*)`.as('n')])
        .where('type', 'in', ['accepted', 'rejected'])
        .where('occurred_at', '>=', from)
        .where('occurred_at', '<', to)
        .groupBy('type')
        .execute(),
      ctx.db
        .selectFrom('lead_latest as l')
        .leftJoin(
          ctx.db
            .selectFrom('outcomes')
            .select('lead_id')
            .distinct()
            .where('type', 'in', ['opportunity_created', 'won'])
            .as('o'),
          'o.lead_id',
          'l.lead_id',
        )
        .select([
          'l.verdict',
          sql<number>`count(*)`.as('leads'),
          sql<number>`count(o.lead_id)`.as('opportunities'),
        ])
        .where('l.decided_at', '>=', from)
        .where('l.decided_at', '<', to)
        .groupBy('l.verdict')
        .execute(),
      ctx.db
        .selectFrom('reviews')
        .select(['status', 'verdict', 'final_verdict', sql<number>`count(*)`.as('n')])
        .where('created_at', '>=', from)
        .where('created_at', '<', to)
        .groupBy(['status', 'verdict', 'final_verdict'])
        .execute(),
      ctx.db
        .selectFrom('outcomes')
        .select(['lead_id', 'type', 'occurred_at'])
        .where('type', 'in', ['accepted', 'opportunity_created', 'won'])
        .where('lead_id', 'in', (eb) =>
          eb
            .selectFrom('outcomes')
            .select('lead_id')
            .where('type', '=', 'won')
            .where('occurred_at', '>=', from)
            .where('occurred_at', '<', to),
        )
        .orderBy('lead_id')
        .orderBy('occurred_at')
        .execute(),
    ]);
    return metricsFromCounts({
      byDay,
      firstTouchMs: touches.filter((t) => t.touched !== null).map((t) => Math.round(Number(t.touched))),
      routedMs: touches.map((t) => Math.round(Number(t.routed))),
      outcomes,
      conversion,
      reviews,
      deals,
    });
  });
