import type { DeliveryAttempt } from '../delivery-attempt.js';

/** How many attempts a delivery gets before it goes to the dead-letter store. */
export const DEFAULT_MAX_ATTEMPTS = 10;

/** The backoff's shape: the first ceiling, its growth per attempt, the largest ceiling. */
export interface BackoffOptions {
  readonly baseMs?: number;
  readonly factor?: number;
  readonly capMs?: number;
  readonly maxAttempts?: number;
}

const DEFAULTS = { baseMs: 1000, factor: 2, capMs: 60 * 60 * 1000, maxAttempts: DEFAULT_MAX_ATTEMPTS };

/**
 * The wait before the attempt after attempt number `attempt` (1 for the first) failed:
 * exponential backoff with full jitter — a uniform draw in [0, min(cap, base × factor^(attempt−1))]
 * — so that receivers coming back from an outage are not hit by every sender at once.
 * `random` returns [0, 1) (`Math.random` by default; a seeded one in tests).
 */
export const retryDelayMs = (
  attempt: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number => {
  const { baseMs, factor, capMs } = { ...DEFAULTS, ...options };
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // factor^exponent overflows to Infinity for large attempts; min() keeps the cap.
  const ceiling = Math.min(capMs, baseMs * factor ** exponent);
  return Math.floor(random() * ceiling);
};

/** True when attempt number `attempt` was the last one allowed: the delivery is dead-lettered. */
export const shouldGiveUp = (attempt: number, options: BackoffOptions = {}): boolean =>
  attempt >= (options.maxAttempts ?? DEFAULTS.maxAttempts);

/** What to do after an attempt: nothing more, try again after a wait, or dead-letter it. */
export type NextStep =
  | { readonly kind: 'done' }
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'dead'; readonly reason: 'failed' | 'attempts_exhausted' };

/**
 * The step after attempt number `attempt` came to `result`: a delivered one is done, a
 * permanent failure or the last allowed attempt is dead-lettered, and a retry waits the
 * backoff or the receiver's Retry-After, whichever is longer.
 */
export const nextStepAfter = (
  attempt: number,
  result: Pick<DeliveryAttempt, 'outcome' | 'retryAfterMs'>,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): NextStep => {
  if (result.outcome === 'delivered') return { kind: 'done' };
  if (result.outcome === 'failed') return { kind: 'dead', reason: 'failed' };
  if (shouldGiveUp(attempt, options)) return { kind: 'dead', reason: 'attempts_exhausted' };
  return {
    kind: 'retry',
    delayMs: Math.max(result.retryAfterMs ?? 0, retryDelayMs(attempt, options, random)),
  };
};
