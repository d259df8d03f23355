import type { ResolvedWebhook } from '../actions/resolve-actions-config.js';
import { webhooksFor } from '../actions/resolve-actions-config.js';
import type { ModelRegistry } from '../domain/model-registry.js';
import { calibrationDrift, type CalibrationDrift } from './calibration-drift.js';
import { featureDrift, type FeatureDrift } from './feature-drift.js';
import type { Alert, AlertKind, AlertLevel, LearningStore, NewAlert, Period } from './learning-store.js';
import { drawAuditSample } from './draw-audit-sample.js';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from './drift-thresholds.js';
import { falseNegativeShift, falseNegativesIn, type FalseNegativeRate } from './false-negative-rate.js';
import { DEFAULT_LABEL_POLICY, type LabelPolicy } from './outcome-label.js';
import { rateShift, type RateShift } from './rate-shift.js';

/** What a drift check reads and writes. */
export interface DriftDeps {
  readonly learning: LearningStore;
  readonly models: Pick<ModelRegistry, 'activeModel'>;
  /** Endpoints `alert.raised` goes to (those whose event filter allows it). */
  readonly webhooks?: readonly ResolvedWebhook[];
}

/** The periods compared and how alerts repeat; every field has a default. */
export interface DriftOptions {
  /** Recent weeks: the last `recentDays` days (default 28). */
  readonly recentDays?: number;
  /** The training period: `baselineDays` (default 90) before the active model was trained. */
  readonly baselineDays?: number;
  /** An alert about the same thing at the same level or lower is not raised again within this (default 7). */
  readonly repeatDays?: number;
  /** Most leads read per period (default 20,000; newest first). */
  readonly sample?: number;
  readonly policy?: LabelPolicy;
  /** When a comparison is an alert, and a major one (default `DEFAULT_DRIFT_THRESHOLDS`). */
  readonly thresholds?: DriftThresholds;
  /** False to compare only, storing and sending nothing (the review report's snapshot). */
  readonly save?: boolean;
}

/** Everything a check compared, and the alerts it raised. */
export interface DriftReport {
  readonly baseline: Period;
  readonly recent: Period;
  readonly model?: string;
  readonly leads: { readonly baseline: number; readonly recent: number };
  readonly features: readonly FeatureDrift[];
  readonly calibration?: CalibrationDrift;
  readonly acceptance: RateShift;
  /** The false-negative rate's shift: the audit sample's when both periods have enough follow-ups. */
  readonly falseNegatives: RateShift;
  /** Each period's false-negative rate with the audit's counts, and which source the shift compares. */
  readonly falseNegativeAudit: {
    readonly source: 'audit' | 'outcomes';
    readonly baseline: FalseNegativeRate;
    readonly recent: FalseNegativeRate;
  };
  /** Found this time; `raised` omits those already raised within `repeatDays`. */
  readonly found: readonly NewAlert[];
  readonly raised: readonly Alert[];
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The training period and recent weeks: with an active model, the `baselineDays` before it was
 * trained; without one, the `baselineDays` before recent weeks began.
 */
export const driftPeriods = (
  now: number,
  trainedAt: string | undefined,
  options: DriftOptions = {},
): { baseline: Period; recent: Period } => {
  const recentDays = options.recentDays ?? 28;
  const baselineDays = options.baselineDays ?? 90;
  const recentFrom = now - recentDays * DAY;
  const end = trainedAt === undefined ? recentFrom : Math.min(Date.parse(trainedAt), now);
  return {
    baseline: { from: iso(end - baselineDays * DAY), to: iso(end) },
    recent: { from: iso(Math.max(recentFrom, end)), to: iso(now) },
  };
};

const RANK: Readonly<Record<AlertLevel, number>> = { moderate: 1, major: 2 };

/** Found alerts minus those raised about the same thing, at least as loud, within `repeatDays`. */
const fresh = async (
  learning: LearningStore,
  found: readonly NewAlert[],
  now: number,
  repeatDays: number,
): Promise<NewAlert[]> => {
  const out: NewAlert[] = [];
  for (const alert of found) {
    const last = await learning.lastAlert(alert.kind, alert.subject);
    const recent = last !== undefined && Date.parse(last.raisedAt) > now - repeatDays * DAY;
    if (!recent || RANK[alert.level] > RANK[last.level]) out.push(alert);
  }
  return out;
};

/**
 * Compares the training period with recent weeks — the model's input columns (PSI), its
 * calibration, the AE acceptance rate and the false-negative rate — and stores an alert with a
 * plain sentence for each that moved, queuing its `alert.raised` webhook. `now` is the clock's time.
 */
export const checkDrift = async (
  deps: DriftDeps,
  now: number,
  options: DriftOptions = {},
): Promise<DriftReport> => {
  const model = await deps.models.activeModel();
  const { baseline, recent } = driftPeriods(now, model?.createdAt, options);
  const sample = options.sample ?? 20_000;
  await drawAuditSample(deps, now);
  const [before, after, accBefore, accAfter, fnBefore, fnAfter, predictions] = await Promise.all([
    deps.learning.leadsIn(baseline, sample),
    deps.learning.leadsIn(recent, sample),
    deps.learning.acceptance(baseline),
    deps.learning.acceptance(recent),
    falseNegativesIn(deps.learning, baseline),
    falseNegativesIn(deps.learning, recent),
    model === undefined ? Promise.resolve([]) : deps.learning.predictions(recent, sample),
  ]);
  const thresholds = options.thresholds ?? DEFAULT_DRIFT_THRESHOLDS;
  const features = featureDrift(before, after, model?.document.plan.columns, thresholds.psi);
  const calibration =
    model === undefined
      ? undefined
      : calibrationDrift(
          model.document.evaluation.calibration,
          predictions,
          options.policy ?? DEFAULT_LABEL_POLICY,
          thresholds.calibration,
        );
  const acceptance = rateShift('AE acceptance rate', accBefore, accAfter, thresholds.rate);
  const falseNegatives = falseNegativeShift(fnBefore, fnAfter, thresholds.rate);
  const common = { baseline, recent, ...(model === undefined ? {} : { modelVersion: model.version }) };
  const alert = (
    kind: AlertKind,
    subject: string,
    level: AlertLevel,
    text: string,
    figures: object,
  ): NewAlert => ({
    ...common,
    kind,
    subject,
    level,
    text,
    figures: figures as Record<string, unknown>,
  });
  const found: NewAlert[] = [
    ...features
      .filter((f) => f.alert)
      .map((f) =>
        alert('feature_drift', f.column, f.level === 'major' ? 'major' : 'moderate', f.text, {
          psi: f.psi,
          noise: f.noise,
          mover: f.mover,
          leads: { baseline: before.length, recent: after.length },
        }),
      ),
    ...(calibration?.level === undefined
      ? []
      : [
          alert('calibration_drift', 'model', calibration.level, calibration.text, {
            trainingError: calibration.trainingError,
            recentError: calibration.recentError,
            labelled: calibration.labelled,
            recent: calibration.recent,
          }),
        ]),
    ...(acceptance.level === undefined
      ? []
      : [alert('acceptance_rate', 'ae_acceptance', acceptance.level, acceptance.text, acceptance)]),
    ...(falseNegatives.level === undefined
      ? []
      : [
          alert(
            'false_negative_rate',
            'false_negatives',
            falseNegatives.level,
            falseNegatives.text,
            falseNegatives,
          ),
        ]),
  ];
  const toRaise =
    options.save === false ? [] : await fresh(deps.learning, found, now, options.repeatDays ?? 7);
  const hooks = webhooksFor(deps.webhooks ?? [], 'alert.raised', undefined);
  const raised = toRaise.length === 0 ? [] : await deps.learning.saveAlerts(toRaise, hooks, iso(now));
  return {
    baseline,
    recent,
    ...(model === undefined ? {} : { model: model.version }),
    leads: { baseline: before.length, recent: after.length },
    features,
    ...(calibration === undefined ? {} : { calibration }),
    acceptance,
    falseNegatives,
    falseNegativeAudit: {
      source: fnBefore.source === 'audit' && fnAfter.source === 'audit' ? 'audit' : 'outcomes',
      baseline: fnBefore,
      recent: fnAfter,
    },
    found,
    raised,
  };
};
