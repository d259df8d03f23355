import type { AuditCounts } from './audit-sample.js';
import type { LearningStore, Period, RateCounts } from './learning-store.js';
import type { DriftThresholds } from './drift-thresholds.js';
import { MIN_RATE_ROWS, rateShift, type RateShift } from './rate-shift.js';

/** Below this many followed-up audit leads the audit's rate is not used. */
export const MIN_FOLLOWED_UP = MIN_RATE_ROWS;

/**
 * The false-negative rate and where it came from: `audit` — followed-up leads of the random audit
 * sample found good (SPEC capability 11); `outcomes` — too few were followed up, so the share of
 * disqualified leads that became an opportunity anyway stands in, and `reason` says so.
 */
export interface FalseNegativeRate {
  readonly source: 'audit' | 'outcomes';
  readonly rate: number | null;
  readonly audit: AuditCounts;
  /** Disqualified leads (`of`) that became an opportunity or were won (`hits`). */
  readonly outcomes: RateCounts;
  readonly reason?: string;
  readonly text: string;
}

const pct = (x: number): string => `${Math.round(100 * x)} %`;

/** The audit's rate when at least `min` audited leads were followed up, else the outcomes' with the reason. */
export const falseNegativeRate = (
  audit: AuditCounts,
  outcomes: RateCounts,
  min = MIN_FOLLOWED_UP,
): FalseNegativeRate => {
  if (audit.followedUp >= min) {
    const rate = audit.foundGood / audit.followedUp;
    return {
      source: 'audit',
      rate,
      audit,
      outcomes,
      text: `${audit.foundGood} of ${audit.followedUp} followed-up audit leads were found good (${pct(rate)}; ${audit.drawn} drawn)`,
    };
  }
  const rate = outcomes.of === 0 ? null : outcomes.hits / outcomes.of;
  const reason = `only ${audit.followedUp} of ${audit.drawn} drawn audit leads followed up (at least ${min} needed)`;
  return {
    source: 'outcomes',
    rate,
    audit,
    outcomes,
    reason,
    text: `${reason}, so the share of disqualified leads that became an opportunity anyway stands in: ${outcomes.hits} of ${outcomes.of}${rate === null ? '' : ` (${pct(rate)})`}`,
  };
};

/** A period's false-negative rate: the audit sample's follow-ups, or the outcomes standing in. */
export const falseNegativesIn = async (
  learning: Pick<LearningStore, 'auditCounts' | 'falseNegatives'>,
  period: Period,
): Promise<FalseNegativeRate> => {
  const [audit, outcomes] = await Promise.all([
    learning.auditCounts(period),
    learning.falseNegatives(period),
  ]);
  return falseNegativeRate(audit, outcomes);
};

/**
 * The audit sample's rate compared when both periods have enough follow-ups; else the share of
 * disqualified leads that became an opportunity, and the text says why.
 */
export const falseNegativeShift = (
  before: FalseNegativeRate,
  after: FalseNegativeRate,
  levels?: DriftThresholds['rate'],
): RateShift => {
  if (before.source === 'audit' && after.source === 'audit')
    return rateShift(
      'False-negative rate in the followed-up audit sample',
      { hits: before.audit.foundGood, of: before.audit.followedUp },
      { hits: after.audit.foundGood, of: after.audit.followedUp },
      levels,
    );
  const why = [
    before.reason === undefined ? undefined : `training period: ${before.reason}`,
    after.reason === undefined ? undefined : `recent weeks: ${after.reason}`,
  ].filter((x) => x !== undefined);
  const shift = rateShift(
    'Share of disqualified leads that became an opportunity anyway',
    before.outcomes,
    after.outcomes,
    levels,
  );
  return { ...shift, text: `${shift.text} — the audit sample cannot say yet (${why.join('; ')})` };
};
