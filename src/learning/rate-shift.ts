import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from './drift-thresholds.js';
import type { AlertLevel, RateCounts } from './learning-store.js';

/** A rate in the training period and in recent weeks, and whether it moved enough to say so. */
export interface RateShift {
  readonly before: RateCounts & { readonly rate: number | null };
  readonly after: RateCounts & { readonly rate: number | null };
  /** Two-proportion z statistic (pooled); 0 when either side has no rows. */
  readonly z: number;
  /** Set when the rate moved and |z| reached a level: by default ≥ 10 points and |z| ≥ 2 (major: ≥ 20 and ≥ 3). */
  readonly level?: AlertLevel;
  readonly text: string;
}

/** Below this many rows on either side a rate is not compared. */
export const MIN_RATE_ROWS = 20;

const pct = (x: number): string => `${Math.round(100 * x)} %`;
const rateOf = (c: RateCounts): number | null => (c.of === 0 ? null : c.hits / c.of);

/**
 * Compares a rate between the training period and recent weeks: "AE acceptance rate fell from
 * 82 % to 55 % since training (164 of 200, then 44 of 80)". Moving by a share alone is not
 * enough: the pooled two-proportion z test must also say the move is unlikely to be chance.
 */
export const rateShift = (
  what: string,
  before: RateCounts,
  after: RateCounts,
  levels: DriftThresholds['rate'] = DEFAULT_DRIFT_THRESHOLDS.rate,
): RateShift => {
  const b = rateOf(before);
  const a = rateOf(after);
  const counts = `${before.hits} of ${before.of}, then ${after.hits} of ${after.of}`;
  if (b === null || a === null || before.of < MIN_RATE_ROWS || after.of < MIN_RATE_ROWS)
    return {
      before: { ...before, rate: b },
      after: { ...after, rate: a },
      z: 0,
      text: `${what}: too few rows to compare (${counts}; at least ${MIN_RATE_ROWS} each)`,
    };
  const pooled = (before.hits + after.hits) / (before.of + after.of);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / before.of + 1 / after.of));
  const z = se === 0 ? 0 : (a - b) / se;
  const moved = Math.abs(a - b);
  // 10 / 100 is the same double as 0.1: the defaults read exactly as the fixed levels did.
  const reaches = (l: { points: number; z: number }): boolean =>
    moved >= l.points / 100 && Math.abs(z) >= l.z;
  const level: AlertLevel | undefined = reaches(levels.major)
    ? 'major'
    : reaches(levels.moderate)
      ? 'moderate'
      : undefined;
  const text =
    level === undefined
      ? `${what} is ${pct(a)}, as in training (${pct(b)}; ${counts})`
      : `${what} ${a > b ? 'rose' : 'fell'} from ${pct(b)} to ${pct(a)} since training (${counts})`;
  return {
    before: { ...before, rate: b },
    after: { ...after, rate: a },
    z,
    ...(level === undefined ? {} : { level }),
    text,
  };
};
