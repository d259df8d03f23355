import type { Verdict } from '../domain/decision.js';
import { VERDICTS } from '../domain/decision.js';
import { cohenKappa } from '../scoring/cohen-kappa.js';

/** What the store counts for the dashboard's metrics, before any rate or percentile is taken. */
export interface MetricsData {
  /** Leads by the day (UTC) of their newest decision and its verdict. */
  readonly verdictsByDay: ReadonlyArray<{
    readonly day: string;
    readonly verdict: string;
    readonly count: number;
  }>;
  /** Arrival → first action delivered, in ms, for every route whose first action was delivered. */
  readonly firstTouchMs: readonly number[];
  /** Arrival → routed, in ms, for every route. */
  readonly routedMs: readonly number[];
  /** AE outcomes: accepted and rejected leads. */
  readonly accepted: number;
  readonly rejected: number;
  /** Leads by their newest verdict, and how many of them became an opportunity (or were won). */
  readonly conversion: ReadonlyArray<{
    readonly verdict: string;
    readonly leads: number;
    readonly opportunities: number;
  }>;
  /** Resolved reviews by the AI's verdict and the person's. */
  readonly reviews: ReadonlyArray<{
    readonly verdict: string;
    readonly finalVerdict: string;
    readonly count: number;
  }>;
  readonly pendingReviews: number;
  /** Days from a lead's first acceptance or opportunity to its win, for every won lead that had one. */
  readonly salesCycleDays: readonly number[];
}

/** The dashboard's metrics: rates and percentiles, `null` where nothing was measured yet. */
export interface DashboardMetrics {
  readonly verdictMix: ReadonlyArray<{ readonly day: string } & Readonly<Record<Verdict, number>>>;
  readonly speedToFirstTouch: {
    readonly count: number;
    readonly medianMs: number | null;
    readonly p90Ms: number | null;
    readonly routedMedianMs: number | null;
  };
  readonly aeAcceptance: {
    readonly accepted: number;
    readonly rejected: number;
    readonly rate: number | null;
  };
  readonly conversion: {
    readonly qualified: ConversionFigure;
    readonly rest: ConversionFigure;
  };
  /** Leads whose latest verdict is not qualified that became an opportunity anyway. */
  readonly falseNegatives: ConversionFigure;
  readonly salesCycle: {
    readonly count: number;
    readonly medianDays: number | null;
    readonly p90Days: number | null;
  };
  readonly reviewAgreement: {
    readonly pending: number;
    readonly resolved: number;
    readonly agreed: number;
    readonly rate: number | null;
    /** Cohen's kappa between the AI's verdicts and people's, over resolved reviews. */
    readonly kappa: number | null;
  };
}

export interface ConversionFigure {
  readonly leads: number;
  readonly opportunities: number;
  readonly rate: number | null;
}

/** The q-quantile (0..1) of sorted values, by linear interpolation between closest ranks. */
export const quantile = (sorted: readonly number[], q: number): number | null => {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (at - lo);
};

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const conversionOf = (rows: MetricsData['conversion']): ConversionFigure => {
  const leads = rows.reduce((n, r) => n + r.leads, 0);
  const opportunities = rows.reduce((n, r) => n + r.opportunities, 0);
  return { leads, opportunities, rate: rate(opportunities, leads) };
};

/** Turn the store's counts into the figures the metrics page shows. */
export const dashboardMetrics = (data: MetricsData): DashboardMetrics => {
  const days = new Map<string, Record<Verdict, number>>();
  for (const row of data.verdictsByDay) {
    const day = days.get(row.day) ?? { qualified: 0, not_qualified: 0, needs_info: 0 };
    if ((VERDICTS as readonly string[]).includes(row.verdict)) day[row.verdict as Verdict] += row.count;
    days.set(row.day, day);
  }
  const firstTouch = [...data.firstTouchMs].sort((a, b) => a - b);
  const routed = [...data.routedMs].sort((a, b) => a - b);
  const cycle = [...data.salesCycleDays].sort((a, b) => a - b);
  const index = new Map<string, number>(VERDICTS.map((v, i) => [v, i]));
  const matrix = VERDICTS.map(() => VERDICTS.map(() => 0));
  let resolved = 0;
  let agreed = 0;
  for (const r of data.reviews) {
    resolved += r.count;
    if (r.verdict === r.finalVerdict) agreed += r.count;
    const row = matrix[index.get(r.verdict) ?? -1];
    const column = index.get(r.finalVerdict);
    if (row !== undefined && column !== undefined) row[column] = (row[column] ?? 0) + r.count;
  }
  return {
    verdictMix: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, v]) => ({ day, ...v })),
    speedToFirstTouch: {
      count: firstTouch.length,
      medianMs: quantile(firstTouch, 0.5),
      p90Ms: quantile(firstTouch, 0.9),
      routedMedianMs: quantile(routed, 0.5),
    },
    aeAcceptance: {
      accepted: data.accepted,
      rejected: data.rejected,
      rate: rate(data.accepted, data.accepted + data.rejected),
    },
    conversion: {
      qualified: conversionOf(data.conversion.filter((r) => r.verdict === 'qualified')),
      rest: conversionOf(data.conversion.filter((r) => r.verdict !== 'qualified')),
    },
    falseNegatives: conversionOf(data.conversion.filter((r) => r.verdict === 'not_qualified')),
    salesCycle: {
      count: cycle.length,
      medianDays: quantile(cycle, 0.5),
      p90Days: quantile(cycle, 0.9),
    },
    reviewAgreement: {
      pending: data.pendingReviews,
      resolved,
      agreed,
      rate: rate(agreed, resolved),
      kappa: resolved === 0 ? null : cohenKappa(matrix),
    },
  };
};
