import { sql } from 'kysely';
import type { MetricsData } from '../../metrics/dashboard-metrics.js';
import type { PeriodConversion } from '../../service/service-store.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

const OPPORTUNITY_TYPES = ['opportunity_created', 'won'];

/**
 * Milliseconds between two ISO time columns, computed by the database: reading the times as text
 * and parsing them here took about 0.9 s for 133,000 routes, this 0.5 s (SQLite, in one process).
 */
export const msBetween = (ctx: StoreContext, from: 'arrived_at', to: 'routed_at' | 'first_action_at') =>
  ctx.dialect === 'postgres'
    ? sql<
        number | null
      >`extract(epoch from (cast(${sql.ref(to)} as timestamptz) - cast(${sql.ref(from)} as timestamptz))) * 1000`
    : sql<number | null>`(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 86400000.0`;

/**
 * Every route's milliseconds from arrival to `to` (routed, first action; routes without one left
 * out), rounded to the millisecond, counted per value by the database and spread out here: a
 * row per route took 0.5–0.7 s at 133,000 routes, mostly in making the rows; SQLite's `julianday`
 * per route still 0.16–0.2 s, so SQLite reads the integers `touch_times` keeps.
 */
const durations = async (ctx: StoreContext, to: 'routed_at' | 'first_action_at'): Promise<number[]> => {
  const ms = sql<number>`round(${msBetween(ctx, 'arrived_at', to)})`;
  // SQLite keeps them as integers, indexed, in touch_times (migration 012).
  const kept = sql.ref(to === 'routed_at' ? 'routed_ms' : 'first_touch_ms');
  const rows =
    ctx.dialect === 'postgres'
      ? await ctx.db
          .selectFrom('touches')
          .select([ms.as('ms'), sql<number>`count(*)`.as('n')])
          .where(to, 'is not', null)
          .groupBy(ms)
          .execute()
      : (
          await sql<{ ms: number; n: number }>`
            select ${kept} as ms, count(*) as n from touch_times where ${kept} is not null group by ${kept}`.execute(
            ctx.db,
          )
        ).rows;
  const values: number[] = [];
  for (const row of rows) {
    const value = Number(row.ms);
    for (let i = Number(row.n); i > 0; i -= 1) values.push(value);
  }
  return values;
};

/** Milliseconds from one ISO time to another. */
const between = (from: string, to: string): number => Date.parse(to) - Date.parse(from);

/**
 * Days from each lead's first acceptance or opportunity to its win, from outcome rows ordered by
 * lead, then time (a lead won without either counts no cycle).
 */
export const salesCycleDays = (
  deals: ReadonlyArray<{ lead_id: string; type: string; occurred_at: string }>,
): number[] => {
  const days: number[] = [];
  let lead = '';
  let opened: string | undefined;
  let won = false;
  for (const o of deals) {
    if (o.lead_id !== lead) {
      lead = o.lead_id;
      opened = undefined;
      won = false;
    }
    if (o.type !== 'won') opened ??= o.occurred_at;
    else if (opened !== undefined && !won) {
      won = true;
      days.push(between(opened, o.occurred_at) / 86_400_000);
    }
  }
  return days;
};

/** The counts behind the dashboard's metrics, in a handful of grouped reads. */
export const metricsData = (ctx: StoreContext): Promise<MetricsData> =>
  guard('count the dashboard metrics', async () => {
    const day = sql<string>`substr(decided_at, 1, 10)`;
    const [byDay, routedMs, firstTouchMs, outcomes, conversion, reviews, deals] = await Promise.all([
      ctx.db
        .selectFrom('lead_latest')
        .select([day.as('day'), 'verdict', sql<number>`count(*)`.as('n')])
        .groupBy([day, 'verdict'])
        .execute(),
      durations(ctx, 'routed_at'),
      durations(ctx, 'first_action_at'),
      ctx.db
        .selectFrom('outcomes')
        .select(['type', sql<number>`count(*)`.as('n')])
        .where('type', 'in', ['accepted', 'rejected'])
        .groupBy('type')
        .execute(),
      ctx.db
        .selectFrom('lead_latest as l')
        .leftJoin(
          ctx.db
            .selectFrom('outcomes')
            .select('lead_id')
            .distinct()
            .where('type', 'in', OPPORTUNITY_TYPES)
            .as('o'),
          'o.lead_id',
          'l.lead_id',
        )
        .select([
          'l.verdict',
          sql<number>`count(*)`.as('leads'),
          sql<number>`count(o.lead_id)`.as('opportunities'),
        ])
        .groupBy('l.verdict')
        .execute(),
      ctx.db
        .selectFrom('reviews')
        .select(['status', 'verdict', 'final_verdict', sql<number>`count(*)`.as('n')])
        .groupBy(['status', 'verdict', 'final_verdict'])
        .execute(),
      ctx.db
        .selectFrom('outcomes')
        .select(['lead_id', 'type', 'occurred_at'])
        .where('type', 'in', ['accepted', 'opportunity_created', 'won'])
        .orderBy('lead_id')
        .orderBy('occurred_at')
        .execute(),
    ]);
    return metricsFromCounts({ byDay, firstTouchMs, routedMs, outcomes, conversion, reviews, deals });
  });

type Count = number | string | bigint;

/** The grouped counts the metrics queries return, as MetricsData (drivers return counts as numbers, strings or bigints). */
export const metricsFromCounts = (rows: {
  readonly byDay: ReadonlyArray<{ day: string; verdict: string; n: Count }>;
  readonly firstTouchMs: readonly number[];
  readonly routedMs: readonly number[];
  readonly outcomes: ReadonlyArray<{ type: string; n: Count }>;
  readonly conversion: ReadonlyArray<{ verdict: string; leads: Count; opportunities: Count }>;
  readonly reviews: ReadonlyArray<{
    status: string;
    verdict: string;
    final_verdict: string | null;
    n: Count;
  }>;
  readonly deals: ReadonlyArray<{ lead_id: string; type: string; occurred_at: string }>;
}): MetricsData => ({
  salesCycleDays: salesCycleDays(rows.deals),
  verdictsByDay: rows.byDay.map((r) => ({ day: r.day, verdict: r.verdict, count: Number(r.n) })),
  firstTouchMs: rows.firstTouchMs,
  routedMs: rows.routedMs,
  accepted: Number(rows.outcomes.find((o) => o.type === 'accepted')?.n ?? 0),
  rejected: Number(rows.outcomes.find((o) => o.type === 'rejected')?.n ?? 0),
  conversion: rows.conversion.map((r) => ({
    verdict: r.verdict,
    leads: Number(r.leads),
    opportunities: Number(r.opportunities),
  })),
  reviews: rows.reviews
    .filter((r) => r.status !== 'pending' && r.final_verdict !== null)
    .map((r) => ({ verdict: r.verdict, finalVerdict: r.final_verdict ?? '', count: Number(r.n) })),
  pendingReviews: rows.reviews.filter((r) => r.status === 'pending').reduce((n, r) => n + Number(r.n), 0),
});

type Period = { readonly from: string; readonly to: string };
type Groups = PeriodConversion['groups'];

/**
 * Conversion of the leads that arrived in [from, to), grouped by their newest verdict, counted
 * lead by lead through the leads' arrival index: what `periodConversion` does for a period's
 * partial first and last days (and did for the whole period before migration 017).
 */
export const countLeadByLead = async (ctx: Pick<StoreContext, 'db'>, period: Period): Promise<Groups> => {
  const group = sql<string>`case when l.verdict is null then 'undecided' when l.verdict = 'qualified' then 'qualified' else 'rest' end`;
  const rows = await ctx.db
    .selectFrom('leads')
    .leftJoin('lead_latest as l', 'l.lead_id', 'leads.id')
    .select([
      group.as('group'),
      sql<number>`count(*)`.as('leads'),
      sql<number>`count(case when exists (select 1 from outcomes o where o.lead_id = leads.id and o.type in ('opportunity_created', 'won')) then 1 end)`.as(
        'opportunities',
      ),
    ])
    .where('leads.created_at', '>=', period.from)
    .where('leads.created_at', '<', period.to)
    .groupBy(group)
    .execute();
  return rows.map((r) => ({
    group: r.group,
    leads: Number(r.leads),
    opportunities: Number(r.opportunities),
  }));
};

/** The whole UTC days [fromDay, toDay) added up from the counters migration 017 keeps. */
const countByDay = async (ctx: StoreContext, days: Period): Promise<Groups> => {
  const rows = await ctx.db
    .withTables<{ metrics_days: { day: string; grp: string; leads: number; opportunities: number } }>()
    .selectFrom('metrics_days')
    .select(['grp', sql<number>`sum(leads)`.as('leads'), sql<number>`sum(opportunities)`.as('opportunities')])
    .where('day', '>=', days.from)
    .where('day', '<', days.to)
    .groupBy('grp')
    .execute();
  return rows.map((r) => ({ group: r.grp, leads: Number(r.leads), opportunities: Number(r.opportunities) }));
};

const DAY_MS = 86_400_000;
const isCanonical = (at: string): boolean => {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && (new Date(ms).toISOString() === at || /^\d{4}-\d{2}-\d{2}$/.test(at));
};

/**
 * A period as the whole UTC days inside it (`days`, as `YYYY-MM-DD` bounds) and the partial days
 * at its ends (`edges`, counted lead by lead). Bounds in another form than ISO 8601 UTC are
 * counted lead by lead whole, as text comparisons of stored times.
 */
export const splitByDay = (period: Period): { edges: Period[]; days?: Period } => {
  if (!isCanonical(period.from) || !isCanonical(period.to)) return { edges: [period] };
  const first = Math.ceil(Date.parse(period.from) / DAY_MS) * DAY_MS;
  const last = Math.floor(Date.parse(period.to) / DAY_MS) * DAY_MS;
  if (first >= last) return { edges: [period] };
  const [firstAt, lastAt] = [new Date(first).toISOString(), new Date(last).toISOString()];
  return {
    edges: [
      { from: period.from, to: firstAt },
      { from: lastAt, to: period.to },
    ].filter((e) => e.from < e.to),
    days: { from: firstAt.slice(0, 10), to: lastAt.slice(0, 10) },
  };
};

/**
 * Lead → opportunity conversion of the leads that arrived in [from, to), grouped by their newest
 * verdict: qualified, the rest, and leads never decided (a period before leadsift decided any is
 * all undecided: the baseline to compare against). Whole days come from the per-day counters of
 * migration 017 (a handful of rows a day), the partial first and last days lead by lead; groups
 * without leads are left out, the rest in name order.
 */
export const periodConversion = (ctx: StoreContext, period: Period): Promise<PeriodConversion> =>
  guard(`count conversion from ${period.from} to ${period.to}`, async () => {
    const { edges, days } = splitByDay(period);
    const parts = await Promise.all([
      ...edges.map((edge) => countLeadByLead(ctx, edge)),
      ...(days === undefined ? [] : [countByDay(ctx, days)]),
    ]);
    const sums = new Map<string, { leads: number; opportunities: number }>();
    for (const g of parts.flat()) {
      const sum = sums.get(g.group) ?? { leads: 0, opportunities: 0 };
      sums.set(g.group, { leads: sum.leads + g.leads, opportunities: sum.opportunities + g.opportunities });
    }
    return {
      from: period.from,
      to: period.to,
      groups: [...sums]
        .filter(([, sum]) => sum.leads > 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([group, sum]) => ({ group, ...sum })),
    };
  });
