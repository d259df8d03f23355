import { describe, expect, it } from 'vitest';
import { brierScore } from './brier-score.js';

describe('brierScore', () => {
  it('is the mean squared error of the probabilities', () => {
    // ((0.9 − 1)² + (0.2 − 0)² + (0.6 − 1)²) / 3 = (0.01 + 0.04 + 0.16) / 3
    expect(brierScore([0.9, 0.2, 0.6], Uint8Array.from([1, 0, 1]))).toBeCloseTo(0.07, 15);
  });

  it('is 0 for certain and right predictions and 1 for certain and wrong ones', () => {
    expect(brierScore([1, 0], Uint8Array.from([1, 0]))).toBe(0);
    expect(brierScore([0, 1], Uint8Array.from([1, 0]))).toBe(1);
  });

  it('is b·(1 − b) when always predicting the base rate b', () => {
    expect(brierScore([0.25, 0.25, 0.25, 0.25], Uint8Array.from([1, 0, 0, 0]))).toBeCloseTo(0.1875, 15);
  });

  it('is NaN for no rows', () => {
    expect(brierScore([], Uint8Array.from([]))).toBeNaN();
  });
});
