import { formatCount } from '../../../domain/format-count.js';
import type { EvaluationReport } from './evaluate-scores.js';
import { formatTable } from './format-table.js';

/** A feature and how much the model relies on it (gain, mean |SHAP|, …: any non-negative scale). */
export interface FeatureImportance {
  readonly name: string;
  readonly importance: number;
}

/** What `formatEvaluation` may add to the report: a title line and the model's top features. */
export interface EvaluationExtras {
  readonly title?: string;
  readonly importance?: readonly FeatureImportance[];
}

const TOP_FEATURES = 10;
const NOT_DEFINED = 'n/a';

const fixed = (value: number | null, digits: number): string =>
  value === null ? NOT_DEFINED : value.toFixed(digits);
const percent = (value: number | null): string =>
  value === null ? NOT_DEFINED : `${(value * 100).toFixed(1)}%`;
/** A bin edge without float noise: 0.1, 0.05, 1. */
const edge = (value: number): string => String(Number(value.toFixed(4)));
/** An importance on whatever scale the model uses, with about four significant digits. */
const magnitude = (value: number): string =>
  Math.abs(value) >= 1000 ? formatCount(Math.round(value)) : String(Number(value.toPrecision(4)));

const summaryLines = (r: EvaluationReport): string[] => [
  `  rows ${formatCount(r.rows)}   positives ${formatCount(r.positives)}   base rate ${percent(r.baseRate)}`,
  `  AUC ${fixed(r.auc, 3)}   PR-AUC ${fixed(r.prAuc, 3)}   log-loss ${fixed(r.logloss, 4)}   Brier ${fixed(r.brier, 4)}`,
];

const calibrationLines = (r: EvaluationReport): string[] => [
  'Calibration (predicted vs observed conversion)',
  ...formatTable(
    ['bin', 'rows', 'predicted', 'observed'],
    r.calibration.map((b) => [
      `${edge(b.from)}–${edge(b.to)}`,
      formatCount(b.count),
      percent(b.meanPredicted),
      percent(b.observedRate),
    ]),
  ),
];

const decileLines = (r: EvaluationReport): string[] => [
  'Deciles by score (1 = highest)',
  ...formatTable(
    ['decile', 'rows', 'positives', 'rate', 'lift', 'cum. gain'],
    r.deciles.map((d) => [
      String(d.decile),
      formatCount(d.count),
      formatCount(d.positives),
      percent(d.rate),
      `${d.lift.toFixed(2)}x`,
      percent(d.cumulativeGain),
    ]),
    0,
  ),
];

const thresholdLines = (r: EvaluationReport): string[] => [
  'Flagging leads at or above a probability',
  ...formatTable(
    ['threshold', 'flagged', 'precision', 'recall'],
    r.atThresholds.map((t) => [
      String(t.threshold),
      formatCount(t.flagged),
      percent(t.precision),
      percent(t.recall),
    ]),
  ),
];

const featureLines = (importance: readonly FeatureImportance[]): string[] => {
  const total = importance.reduce((sum, f) => sum + Math.abs(f.importance), 0);
  const top = [...importance].sort((a, b) => b.importance - a.importance).slice(0, TOP_FEATURES);
  const more = importance.length - top.length;
  return [
    `Top features (of ${formatCount(importance.length)})`,
    ...formatTable(
      ['feature', 'importance', 'share'],
      top.map((f) => [
        f.name,
        magnitude(f.importance),
        total > 0 ? percent(Math.abs(f.importance) / total) : NOT_DEFINED,
      ]),
    ),
    ...(more > 0 ? [`  … and ${formatCount(more)} more`] : []),
  ];
};

/**
 * An evaluation report as text for a terminal: the headline metrics (AUC and PR-AUC to three
 * decimals, log-loss and Brier to four, rates as percentages with one decimal), the calibration
 * table, the decile lift and gain table, precision and recall at each threshold and, when given,
 * the ten most important features with their share of the total importance. Metrics the data
 * cannot define print as "n/a".
 */
export const formatEvaluation = (report: EvaluationReport, extras: EvaluationExtras = {}): string => {
  const sections = [
    [extras.title ?? 'Model evaluation', ...summaryLines(report)],
    calibrationLines(report),
    decileLines(report),
    thresholdLines(report),
  ];
  if (extras.importance !== undefined && extras.importance.length > 0) {
    sections.push(featureLines(extras.importance));
  }
  return sections.map((lines) => lines.join('\n')).join('\n\n');
};
