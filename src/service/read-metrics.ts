import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Verdict } from '../domain/decision.js';
import type { OutcomeType } from '../domain/outcome.js';
import { dashboardMetrics } from '../metrics/dashboard-metrics.js';
import type { ConversionFigure, DashboardMetrics } from '../metrics/dashboard-metrics.js';
import { readAuditSample, type AuditSampleView } from '../learning/read-audit-sample.js';
import type { PeriodConversion } from './service-store.js';

/** A disqualified lead drawn for the false-negative audit, with what happened to it. */
export interface AuditedLead {
  readonly leadId: string;
  readonly name: string;
  readonly outcomes: readonly OutcomeType[];
}

/** The active model's held-out evaluation, when there is one. */
export interface ModelQuality {
  readonly version: string;
  readonly kind: string;
  readonly auc: number | null;
  readonly baseRate: number | null;
  readonly calibration: ReadonlyArray<{
    readonly meanPredicted: number;
    readonly observedRate: number;
    readonly count: number;
  }>;
  readonly deciles: ReadonlyArray<{ readonly decile: number; readonly lift: number; readonly rate: number }>;
}

/** A period's lead → opportunity conversion: AI-qualified, the rest, never decided, and all. */
export interface PeriodFigures {
  readonly from: string;
  readonly to: string;
  readonly qualified: ConversionFigure;
  readonly rest: ConversionFigure;
  readonly undecided: ConversionFigure;
  readonly all: ConversionFigure;
}

/** Two periods to compare: the one looked at and a baseline (before leadsift, or another quarter). */
export interface ComparedPeriods {
  readonly current: { readonly from: string; readonly to: string };
  readonly baseline: { readonly from: string; readonly to: string };
}

/** Everything the metrics page shows. */
export type MetricsView = DashboardMetrics & {
  /** A fresh random look at leads whose latest verdict is not qualified (a spot check, drawn anew each time). */
  readonly audit: readonly AuditedLead[];
  /**
   * The false-negative audit (SPEC capability 11): the persisted random sample of disqualified
   * leads, its counts, the rate from its follow-ups (or the outcomes standing in, with the
   * reason), and its newest leads with their follow-up status.
   */
  readonly falseNegativeAudit: AuditSampleView;
  readonly model?: ModelQuality;
  /**
   * Conversion in the period looked at against the baseline period; `liftOverBaseline` is the
   * AI-qualified leads' rate over all the baseline's leads' rate (null without a rate).
   */
  readonly periods: {
    readonly current: PeriodFigures;
    readonly baseline: PeriodFigures;
    readonly liftOverBaseline: number | null;
  };
};

const figure = (leads: number, opportunities: number): ConversionFigure => ({
  leads,
  opportunities,
  rate: leads === 0 ? null : opportunities / leads,
});

const periodFigures = (p: PeriodConversion): PeriodFigures => {
  const of = (group: string) => p.groups.find((g) => g.group === group) ?? { leads: 0, opportunities: 0 };
  const sum = (key: 'leads' | 'opportunities') => p.groups.reduce((n, g) => n + g[key], 0);
  const part = (group: string) => figure(of(group).leads, of(group).opportunities);
  return {
    from: p.from,
    to: p.to,
    qualified: part('qualified'),
    rest: part('rest'),
    undecided: part('undecided'),
    all: figure(sum('leads'), sum('opportunities')),
  };
};

const DAY = 86_400_000;

/** The last 30 days against the 30 before them, ending at `now`. */
export const defaultPeriods = (now: number): ComparedPeriods => {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    current: { from: iso(now - 30 * DAY), to: iso(now) },
    baseline: { from: iso(now - 60 * DAY), to: iso(now - 30 * DAY) },
  };
};

const AUDITED: Verdict = 'not_qualified';

/**
 * The dashboard's metrics, the false-negative audit sample (drawn up to `now` first: the persisted
 * random sample of disqualified leads with its follow-ups and the false-negative rate they give),
 * a fresh spot check of leads whose latest verdict is not qualified with their outcomes, the active model's calibration and lift on its held-out split, and conversion
 * in a period against a baseline period (by the leads' arrival).
 */
export const readMetrics = async (
  store: StoreHandle,
  periods: ComparedPeriods,
  auditSize = 10,
  now = Date.parse(periods.current.to),
): Promise<MetricsView> => {
  const [data, ids, model, current, baseline, falseNegativeAudit] = await Promise.all([
    store.service.metricsData(),
    store.service.sampleLeadIds(auditSize, AUDITED),
    store.models.activeModel(),
    store.service.periodConversion(periods.current),
    store.service.periodConversion(periods.baseline),
    readAuditSample(store, now, { limit: auditSize }),
  ]);
  const inPeriod = periodFigures(current);
  const before = periodFigures(baseline);
  // Names and outcomes of the spot check in two bulk reads (a query per lead before).
  const [leads, outcomes] = await Promise.all([store.leads.getLeads(ids), store.leads.listOutcomesOf(ids)]);
  const audit = ids.map((id): AuditedLead => {
    const lead = leads.get(id);
    const name = [lead?.person.firstName?.value, lead?.person.lastName?.value].filter(Boolean).join(' ');
    return {
      leadId: id,
      name: name === '' ? (lead?.person.email?.value ?? id) : name,
      outcomes: (outcomes.get(id) ?? []).map((o) => o.type),
    };
  });
  const evaluation = model?.document.evaluation;
  return {
    ...dashboardMetrics(data),
    audit,
    falseNegativeAudit,
    periods: {
      current: inPeriod,
      baseline: before,
      liftOverBaseline:
        inPeriod.qualified.rate === null || before.all.rate === null || before.all.rate === 0
          ? null
          : inPeriod.qualified.rate / before.all.rate,
    },
    ...(model === undefined || evaluation === undefined
      ? {}
      : {
          model: {
            version: model.version,
            kind: model.kind,
            auc: evaluation.auc,
            baseRate: evaluation.baseRate,
            calibration: evaluation.calibration.map((b) => ({
              meanPredicted: b.meanPredicted,
              observedRate: b.observedRate,
              count: b.count,
            })),
            deciles: evaluation.deciles.map((d) => ({ decile: d.decile, lift: d.lift, rate: d.rate })),
          },
        }),
  };
};
