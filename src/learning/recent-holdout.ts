import { AppError } from '../domain/app-error.js';

/** Which rows are held out as recent data, and how they were chosen. */
export interface RecentHoldout {
  /** Rows learned from: labelled before the holdout began, oldest first. */
  readonly train: number[];
  /** Rows held out: the most recently labelled. */
  readonly holdout: number[];
  /** When the holdout's labels begin (ISO 8601). */
  readonly from: string;
  /** `window`: every row labelled in the last `days`; `newest`: too few were, so the newest share. */
  readonly rule: 'window' | 'newest';
  /**
   * True when some held-out outcomes were known before `notBefore` (the active model's training):
   * that model may have learned from them, so its figures on the holdout may flatter it.
   */
  readonly seenByActive: boolean;
}

const DAY = 86_400_000;

const bothClasses = (labels: Uint8Array, rows: readonly number[]): boolean => {
  const positives = rows.reduce((n, r) => n + (labels[r] ?? 0), 0);
  return positives > 0 && positives < rows.length;
};

/**
 * Holds out the recent data both models are judged on: the rows labelled in the last `days`
 * before `now` and not before `notBefore` (when the active model was trained, so that it is judged
 * on outcomes it never saw), or — when those are fewer than `minRows` or of one class — the newest
 * `share` of all rows (at least `minRows`). INPUT_INVALID when even then the holdout or the rest
 * lacks a class.
 */
export const recentHoldout = (
  labelledAt: Float64Array,
  labels: Uint8Array,
  now: number,
  options: {
    readonly days: number;
    readonly minRows: number;
    readonly share?: number;
    readonly notBefore?: number;
  },
): RecentHoldout => {
  const order = Array.from(labelledAt.keys()).sort((a, b) => (labelledAt[a] ?? 0) - (labelledAt[b] ?? 0));
  const since = Math.max(now - options.days * DAY, options.notBefore ?? Number.NEGATIVE_INFINITY);
  let cut = order.findIndex((r) => (labelledAt[r] ?? 0) >= since);
  if (cut === -1) cut = order.length;
  let rule: RecentHoldout['rule'] = 'window';
  if (order.length - cut < options.minRows || !bothClasses(labels, order.slice(cut))) {
    rule = 'newest';
    const size = Math.max(options.minRows, Math.round((options.share ?? 0.2) * order.length));
    cut = Math.max(0, order.length - size);
  }
  const train = order.slice(0, cut);
  const holdout = order.slice(cut);
  if (!bothClasses(labels, holdout) || !bothClasses(labels, train))
    throw new AppError('INPUT_INVALID', {
      message: `retraining needs converted and unconverted leads both before and in the recent holdout; of ${order.length} leads with an outcome, ${train.length} come before it and ${holdout.length} in it — record more outcomes first`,
      details: { rows: order.length, train: train.length, holdout: holdout.length },
    });
  const first = labelledAt[holdout[0] ?? 0] ?? now;
  const seenByActive = options.notBefore !== undefined && first < options.notBefore;
  return { train, holdout, from: new Date(first).toISOString(), rule, seenByActive };
};
