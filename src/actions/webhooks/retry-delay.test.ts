import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTEMPTS, nextStepAfter, retryDelayMs, shouldGiveUp } from './retry-delay.js';

const HOUR = 3_600_000;
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('retry delays', () => {
  it('stay within [0, min(1 h, 1 s × 2^(attempt−1))] for any attempt and any draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), unit, (attempt, r) => {
        const delay = retryDelayMs(attempt, {}, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(HOUR, 1000 * 2 ** (attempt - 1)));
        expect(Number.isInteger(delay)).toBe(true);
      }),
    );
  });

  it('reach the ceiling as the draw nears 1 (full jitter spans the whole range)', () => {
    const top = (attempt: number) => retryDelayMs(attempt, {}, () => 0.999_999);
    expect(top(1)).toBe(999);
    expect(top(4)).toBe(7999);
    expect(top(30)).toBe(HOUR - 4);
    expect(retryDelayMs(3, {}, () => 0)).toBe(0);
  });

  it('grow with the attempt for the same draw until the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), unit, (attempt, r) => {
        expect(retryDelayMs(attempt + 1, {}, () => r)).toBeGreaterThanOrEqual(
          retryDelayMs(attempt, {}, () => r),
        );
      }),
    );
  });

  it('follow the base, factor and cap given', () => {
    expect(retryDelayMs(3, { baseMs: 100, factor: 3, capMs: 500 }, () => 0.5)).toBe(250);
    expect(retryDelayMs(2, { baseMs: 100, factor: 3, capMs: 500 }, () => 0.5)).toBe(150);
  });

  it('give up after the tenth attempt by default, or after maxAttempts', () => {
    expect(DEFAULT_MAX_ATTEMPTS).toBe(10);
    expect(shouldGiveUp(9)).toBe(false);
    expect(shouldGiveUp(10)).toBe(true);
    expect(shouldGiveUp(2, { maxAttempts: 3 })).toBe(false);
    expect(shouldGiveUp(3, { maxAttempts: 3 })).toBe(true);
  });

  it('say what to do after an attempt: done, retry after the longer of backoff and Retry-After, or dead-letter', () => {
    const half = () => 0.5;
    expect(nextStepAfter(1, { outcome: 'delivered' }, {}, half)).toEqual({ kind: 'done' });
    expect(nextStepAfter(1, { outcome: 'failed' }, {}, half)).toEqual({ kind: 'dead', reason: 'failed' });
    expect(nextStepAfter(3, { outcome: 'retry' }, {}, half)).toEqual({ kind: 'retry', delayMs: 2000 });
    expect(nextStepAfter(3, { outcome: 'retry', retryAfterMs: 60_000 }, {}, half)).toEqual({
      kind: 'retry',
      delayMs: 60_000,
    });
    expect(nextStepAfter(10, { outcome: 'retry' }, {}, half)).toEqual({
      kind: 'dead',
      reason: 'attempts_exhausted',
    });
  });
});
