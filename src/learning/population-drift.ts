import { DEFAULT_DRIFT_THRESHOLDS, type Levels } from './drift-thresholds.js';

/** How far a column's distribution moved, by the usual reading of the population stability index. */
export type DriftLevel = 'none' | 'moderate' | 'major';

/** One column's drift between the training period and recent weeks. */
export interface ColumnDrift {
  readonly column: string;
  readonly psi: number;
  readonly level: DriftLevel;
  /** The value (or number range) whose share moved most, and its shares then and now. */
  readonly mover: { readonly value: string; readonly before: number; readonly after: number };
  /** A sentence a person can act on. */
  readonly text: string;
}

/** Shares below this are raised to it, so that a value absent on one side does not make PSI infinite. */
const FLOOR = 1e-4;

/** PSI = Σ (actual − expected) × ln(actual / expected) over the bins both sides share. */
export const populationStabilityIndex = (
  expected: ReadonlyMap<string, number>,
  actual: ReadonlyMap<string, number>,
): number => {
  let psi = 0;
  for (const bin of new Set([...expected.keys(), ...actual.keys()])) {
    const e = Math.max(expected.get(bin) ?? 0, FLOOR);
    const a = Math.max(actual.get(bin) ?? 0, FLOOR);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
};

/** By default below 0.1 nothing to see, 0.1–0.25 a moderate shift, above 0.25 a major one. */
export const driftLevel = (psi: number, levels: Levels = DEFAULT_DRIFT_THRESHOLDS.psi): DriftLevel =>
  psi < levels.moderate ? 'none' : psi <= levels.major ? 'moderate' : 'major';

const sharesOf = (labels: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map([...counts].map(([k, n]) => [k, n / Math.max(labels.length, 1)]));
};

/** Ten bins at the training values' deciles (fewer when values repeat); the same edges for recent values. */
const decileEdges = (values: readonly number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  const edges = new Set<number>();
  for (let i = 1; i < 10; i++) {
    const v = sorted[Math.floor((i * sorted.length) / 10)];
    if (v !== undefined) edges.add(v);
  }
  return [...edges].sort((a, b) => a - b);
};

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const binOf = (value: number, edges: readonly number[]): string => {
  const i = edges.findIndex((edge) => value < edge);
  if (i === 0) return `below ${fmt.format(edges[0] ?? value)}`;
  if (i === -1) return `${fmt.format(edges.at(-1) ?? value)} or more`;
  return `${fmt.format(edges[i - 1] ?? value)} to ${fmt.format(edges[i] ?? value)}`;
};

const pct = (x: number): string => `${Math.round(100 * x)} %`;

/**
 * A column's drift between what the model was trained on and what arrives now: categorical
 * values by their shares; numbers in the training deciles' bins. Missing values are a value
 * of their own (`(missing)`). The sentence names the value whose share moved most: "Share of
 * leads with Lead Source 'paid_search' rose from 12 % to 41 % since training". `levels` are the PSI's
 * (`driftLevel`).
 */
export const columnDrift = (
  column: string,
  training: readonly (string | number | undefined)[],
  recent: readonly (string | number | undefined)[],
  levels: Levels = DEFAULT_DRIFT_THRESHOLDS.psi,
): ColumnDrift => {
  const level = (psi: number): DriftLevel => driftLevel(psi, levels);
  const numeric = training.every((v) => v === undefined || typeof v === 'number');
  const edges = numeric ? decileEdges(training.filter((v): v is number => typeof v === 'number')) : [];
  const label = (v: string | number | undefined): string =>
    v === undefined ? '(missing)' : typeof v === 'number' ? binOf(v, edges) : v;
  const before = sharesOf(training.map(label));
  const after = sharesOf(recent.map(label));
  const psi = populationStabilityIndex(before, after);
  let mover = { value: '', before: 0, after: 0 };
  for (const value of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(value) ?? 0;
    const a = after.get(value) ?? 0;
    const moved = Math.abs(a - b);
    const most = Math.abs(mover.after - mover.before);
    // On a tie (to rounding: 0.41 − 0.12 and 0.88 − 0.59 differ in the last bit) the value that
    // gained is named: a new source says more than the old ones' loss.
    const tie = Math.abs(moved - most) < 1e-9;
    if ((moved > most && !tie) || (tie && a > b)) mover = { value, before: b, after: a };
  }
  const what = numeric ? `${column} ${mover.value}` : `${column} '${mover.value}'`;
  const text =
    level(psi) === 'none'
      ? `${column} is distributed as in training (PSI ${psi.toFixed(2)})`
      : `Share of leads with ${what} ${mover.after >= mover.before ? 'rose' : 'fell'} from ${pct(mover.before)} to ${pct(mover.after)} since training (PSI ${psi.toFixed(2)})`;
  return { column, psi, level: level(psi), mover, text };
};
