import type { ColumnPlan } from '../scoring/model/features/feature-plan.js';
import type { LeadColumns } from './learning-store.js';
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from './drift-thresholds.js';
import { columnDrift, type ColumnDrift } from './population-drift.js';

/** A column's drift, and whether it stands out from the noise of samples this size. */
export interface FeatureDrift extends ColumnDrift {
  /** PSI two equal samples of these sizes reach by chance alone, about (bins − 1)(1/n + 1/m). */
  readonly noise: number;
  /** True when the level is not `none` and the PSI is at least `noiseMultiple` (default 3) times the noise. */
  readonly alert: boolean;
}

/** Text columns with more distinct values than this in training are identifiers or free text. */
const MAX_CATEGORIES = 30;

/** Below this many leads on either side, columns are not compared. */
export const MIN_DRIFT_LEADS = 50;

const SOURCE = 'source';

const cell = (lead: LeadColumns, column: string): string | undefined => {
  const text = column === SOURCE ? (lead.source ?? lead.raw[column]) : lead.raw[column];
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

/** The columns to compare: the model's own inputs when there is a model, else every column seen. */
const columnsOf = (baseline: readonly LeadColumns[], plan: readonly ColumnPlan[] | undefined): string[] => {
  const seen = new Set<string>([SOURCE]);
  for (const lead of baseline) for (const column of Object.keys(lead.raw)) seen.add(column);
  // The raw column the source fact was read from says the same thing twice: compare it once.
  for (const column of seen)
    if (column !== SOURCE && baseline.every((l) => l.source !== undefined && l.raw[column] === l.source))
      seen.delete(column);
  if (plan === undefined) return [...seen];
  const used = new Set(plan.filter((c) => c.kind !== 'date').map((c) => c.column));
  return [...seen].filter((c) => c === SOURCE || used.has(c));
};

/** Numbers when every training value of the column is one, else the text. */
const valuesOf = (
  column: string,
  baseline: readonly LeadColumns[],
  recent: readonly LeadColumns[],
): { before: (string | number | undefined)[]; after: (string | number | undefined)[] } | undefined => {
  const before = baseline.map((l) => cell(l, column));
  const after = recent.map((l) => cell(l, column));
  const present = before.filter((v): v is string => v !== undefined);
  if (present.length === 0) return undefined;
  if (present.every((v) => Number.isFinite(Number(v)))) {
    const num = (v: string | undefined) =>
      v === undefined || !Number.isFinite(Number(v)) ? undefined : Number(v);
    return { before: before.map(num), after: after.map(num) };
  }
  return new Set(present).size > MAX_CATEGORIES ? undefined : { before, after };
};

/**
 * Every comparable column's population stability index between the leads of the training period
 * and recent ones, most drifted first. Identifier-like text columns (more than 30 values) are left
 * out; so is everything when either side has fewer than 50 leads. A column alerts only when its
 * PSI reaches a level and is also `noiseMultiple` times what samples this small reach by chance.
 */
export const featureDrift = (
  baseline: readonly LeadColumns[],
  recent: readonly LeadColumns[],
  plan?: readonly ColumnPlan[],
  thresholds: DriftThresholds['psi'] = DEFAULT_DRIFT_THRESHOLDS.psi,
): FeatureDrift[] => {
  if (baseline.length < MIN_DRIFT_LEADS || recent.length < MIN_DRIFT_LEADS) return [];
  const out: FeatureDrift[] = [];
  for (const column of columnsOf(baseline, plan)) {
    const values = valuesOf(column, baseline, recent);
    if (values === undefined) continue;
    const drift = columnDrift(column, values.before, values.after, thresholds);
    const bins = new Set(values.before.map(String)).size;
    const noise = (Math.min(bins, 10) - 1) * (1 / baseline.length + 1 / recent.length);
    out.push({
      ...drift,
      noise,
      alert: drift.level !== 'none' && drift.psi >= thresholds.noiseMultiple * noise,
    });
  }
  return out.sort((a, b) => b.psi - a.psi);
};
