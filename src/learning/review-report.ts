import type { ModelRegistry } from '../domain/model-registry.js';
import { dashboardMetrics, type DashboardMetrics } from '../metrics/dashboard-metrics.js';
import type { CalibrationBin } from '../scoring/model/evaluate/calibration-table.js';
import { checkDrift, type DriftOptions, type DriftReport } from './check-drift.js';
import { drawAuditSample } from './draw-audit-sample.js';
import { falseNegativesIn, type FalseNegativeRate } from './false-negative-rate.js';
import type { Alert, LearningStore, ModelChange, Period } from './learning-store.js';

/** The active model as the review shows it: identity and held-out quality. */
export interface ReviewedModel {
  readonly version: string;
  readonly kind: string;
  readonly trainedAt: string;
  readonly activatedAt?: string;
  readonly rows: number;
  readonly auc: number | null;
  readonly brier: number | null;
  readonly calibration: readonly CalibrationBin[];
}

/**
 * A periodic review of the qualification criteria: SPEC capability 11's metrics for the period
 * and the one before it (conversion of qualified leads against the rest, speed to first touch, AE
 * acceptance, false negatives from the audit sample, sales cycle, shadow-mode agreement), drift (the alerts raised in
 * the period and a comparison as of its end), and the model changes in it.
 */
export interface ReviewReport {
  readonly generatedAt: string;
  readonly period: Period;
  readonly previous: Period;
  readonly metrics: DashboardMetrics;
  readonly previousMetrics: DashboardMetrics;
  /**
   * The false-negative rate of the period and the one before, from the followed-up audit sample
   * of leads disqualified in each (or the outcomes standing in, with the reason).
   */
  readonly falseNegativeAudit: { readonly period: FalseNegativeRate; readonly previous: FalseNegativeRate };
  readonly alerts: readonly Alert[];
  /** Why AEs rejected leads in the period, most frequent first: what the criteria miss. */
  readonly rejectionReasons: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
  readonly drift: Omit<DriftReport, 'found' | 'raised'> & { readonly found: readonly string[] };
  readonly model?: ReviewedModel;
  readonly modelChanges: readonly ModelChange[];
  /** The review's findings in sentences, most important first. */
  readonly findings: readonly string[];
}

const pct = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(100 * x)} %`);

/** Sentences a review meeting starts from: conversion lift, acceptance, false negatives, drift, models. */
const findingsOf = (r: Omit<ReviewReport, 'findings'>): string[] => {
  const m = r.metrics;
  const out: string[] = [];
  const q = m.conversion.qualified;
  const rest = m.conversion.rest;
  if (q.rate !== null && rest.rate !== null)
    out.push(
      `Qualified leads became opportunities at ${pct(q.rate)} (${q.opportunities} of ${q.leads}), the rest at ${pct(rest.rate)} (${rest.opportunities} of ${rest.leads})${rest.rate > 0 ? `: ${(q.rate / rest.rate).toFixed(1)}× the baseline` : ''}.`,
    );
  if (m.aeAcceptance.rate !== null)
    out.push(
      `AEs accepted ${pct(m.aeAcceptance.rate)} of the leads they reviewed (${m.aeAcceptance.accepted} of ${m.aeAcceptance.accepted + m.aeAcceptance.rejected}; the period before: ${pct(r.previousMetrics.aeAcceptance.rate)}).`,
    );
  const top = r.rejectionReasons[0];
  if (top !== undefined)
    out.push(
      `The most frequent reason AEs rejected a lead: "${top.reason}" (${top.count} time${top.count === 1 ? '' : 's'}).`,
    );
  const fn = r.falseNegativeAudit.period;
  if (fn.source === 'audit')
    out.push(
      `False negatives: ${fn.audit.foundGood} of ${fn.audit.followedUp} followed-up leads of the audit sample were good after all (${pct(fn.rate)}; the period before: ${pct(r.falseNegativeAudit.previous.rate)}): read their notes before tightening the criteria.`,
    );
  else if (m.falseNegatives.leads > 0)
    out.push(
      `${m.falseNegatives.opportunities} of ${m.falseNegatives.leads} disqualified leads became an opportunity anyway (${pct(m.falseNegatives.rate)}): read them before tightening the criteria.`,
    );
  if (fn.source === 'outcomes')
    out.push(
      `The false-negative audit sample cannot give a rate yet: ${fn.reason ?? ''}; follow up its pending leads (\`GET /v1/audit-sample?status=pending\`).`,
    );
  out.push(
    r.alerts.length === 0
      ? 'No drift alert was raised in the period.'
      : `${r.alerts.length} drift alert${r.alerts.length === 1 ? '' : 's'} in the period, the latest: ${r.alerts[0]?.text ?? ''}.`,
  );
  const promoted = r.modelChanges.filter((c) => c.action !== 'refused').length;
  out.push(
    `${r.modelChanges.length} model decision${r.modelChanges.length === 1 ? '' : 's'} in the period (${promoted} change${promoted === 1 ? '' : 's'} of the active model)${r.model === undefined ? '; no model is active' : `; active: ${r.model.version}`}.`,
  );
  return out;
};

const reviewedModel = async (
  models: Pick<ModelRegistry, 'activeModel'>,
): Promise<ReviewedModel | undefined> => {
  const m = await models.activeModel();
  if (m === undefined) return undefined;
  return {
    version: m.version,
    kind: m.kind,
    trainedAt: m.createdAt,
    ...(m.activatedAt === undefined ? {} : { activatedAt: m.activatedAt }),
    rows: m.rows,
    auc: m.document.evaluation.auc,
    brier: m.document.evaluation.brier,
    calibration: m.document.evaluation.calibration,
  };
};

/** Gathers the review of `period` (and the equally long period before it), read at `now` (ms). */
export const buildReviewReport = async (
  deps: { readonly learning: LearningStore; readonly models: Pick<ModelRegistry, 'activeModel'> },
  period: Period,
  now: number,
  drift: DriftOptions = {},
): Promise<ReviewReport> => {
  const length = Date.parse(period.to) - Date.parse(period.from);
  const previous = { from: new Date(Date.parse(period.from) - length).toISOString(), to: period.from };
  const end = Math.min(now, Date.parse(period.to));
  await drawAuditSample(deps, end);
  const [data, before, alerts, changes, model, snapshot, reasons, fnNow, fnBefore] = await Promise.all([
    deps.learning.metricsIn(period),
    deps.learning.metricsIn(previous),
    deps.learning.listAlerts({ period, limit: 500 }),
    deps.learning.listChanges(period),
    reviewedModel(deps.models),
    checkDrift(deps, end, { ...drift, save: false }),
    deps.learning.rejectionReasons(period, 10),
    falseNegativesIn(deps.learning, period),
    falseNegativesIn(deps.learning, previous),
  ]);
  const { found, raised: _raised, ...rest } = snapshot;
  const report = {
    generatedAt: new Date(now).toISOString(),
    period,
    previous,
    metrics: dashboardMetrics(data),
    previousMetrics: dashboardMetrics(before),
    falseNegativeAudit: { period: fnNow, previous: fnBefore },
    alerts,
    rejectionReasons: reasons,
    drift: { ...rest, found: found.map((a) => a.text) },
    ...(model === undefined ? {} : { model }),
    modelChanges: changes,
  };
  return { ...report, findings: findingsOf(report) };
};
