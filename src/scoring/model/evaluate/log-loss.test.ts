import { describe, expect, it } from 'vitest';
import { logLoss } from './log-loss.js';
import { expectInputInvalid } from './test-support/expect-input-invalid.js';

describe('logLoss', () => {
  it('is the mean negative log-likelihood of the outcomes', () => {
    // −(ln 0.9 + ln 0.8 + ln 0.6) / 3
    const expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 3;
    expect(logLoss([0.9, 0.2, 0.6], Uint8Array.from([1, 0, 1]))).toBeCloseTo(expected, 15);
  });

  it('is ln 2 for a coin-flip prediction', () => {
    expect(logLoss([0.5, 0.5], Uint8Array.from([1, 0]))).toBeCloseTo(Math.LN2, 15);
  });

  it('clips a certain but wrong prediction to a finite cost of −ln 1e-15', () => {
    expect(logLoss([0, 1], Uint8Array.from([1, 0]))).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('is NaN for no rows and rejects values that are not probabilities', () => {
    expect(logLoss([], Uint8Array.from([]))).toBeNaN();
    expectInputInvalid(
      () => logLoss([1.5], Uint8Array.from([1])),
      /logLoss: scores\[0\] is 1.5;.*probability/,
    );
    expectInputInvalid(() => logLoss([0.2, Number.NaN], Uint8Array.from([1, 0])), /scores\[1\] is NaN/);
  });
});
