import { describe, expect, it } from 'vitest';
import { logLoss } from '../evaluate/log-loss.js';
import { expectInputInvalid } from '../evaluate/test-support/expect-input-invalid.js';
import { applyCalibration } from './apply-calibration.js';
import { fitPlatt } from './fit-platt.js';
import { sigmoid, simulateLeads } from './test-support/simulated-leads.js';

describe('fitPlatt', () => {
  it('recovers the a and b the outcomes were drawn with', () => {
    const a = -1.5;
    const b = 0.8;
    const { raw, labels } = simulateLeads(42, 40_000, 1.5, (s) => 1 / (1 + Math.exp(a * s + b)));
    const fit = fitPlatt(raw, labels);
    expect(fit.kind).toBe('platt');
    expect(fit.a).toBeCloseTo(a, 1);
    expect(fit.b).toBeCloseTo(b, 1);
  });

  it('finds the same fit whatever the scale and offset of the scores', () => {
    const { raw, labels } = simulateLeads(7, 3000, 1, (s) => sigmoid(2 * s));
    const fit = fitPlatt(raw, labels);
    const shifted = fitPlatt(
      raw.map((s) => 1000 * s + 5e6),
      labels,
    );
    // a·s + b = a'·(1000·s + 5e6) + b'  ⇒  a' = a/1000, b' = b − 5e6·a'
    expect(shifted.a * 1000).toBeCloseTo(fit.a, 6);
    expect(shifted.b + 5e6 * shifted.a).toBeCloseTo(fit.b, 4);
  });

  it('stays finite when the classes separate perfectly, thanks to the smoothed targets', () => {
    const raw = [-3, -2, -1, 1, 2, 3];
    const fit = fitPlatt(raw, Uint8Array.from([0, 0, 0, 1, 1, 1]));
    expect(Number.isFinite(fit.a) && Number.isFinite(fit.b)).toBe(true);
    expect(fit.a).toBeLessThan(0);
    // At the optimum the gradient vanishes: Σ(t − p) = 0 and Σ(t − p)·s = 0, for targets
    // t = 4/5 for converters and 1/5 for the others.
    const residuals = raw.map((s, i) => (i < 3 ? 0.2 : 0.8) - 1 / (1 + Math.exp(fit.a * s + fit.b)));
    expect(residuals.reduce((sum, r) => sum + r, 0)).toBeCloseTo(0, 12);
    expect(residuals.reduce((sum, r, i) => sum + r * raw[i]!, 0)).toBeCloseTo(0, 12);
  });

  it('predicts the smoothed base rate everywhere when every score is the same', () => {
    const fit = fitPlatt([0.7, 0.7, 0.7, 0.7], Uint8Array.from([1, 0, 0, 0]));
    expect(fit.a).toBe(0);
    // Targets: one converter at 2/3, three others at 1/5: mean 0.31667.
    expect(applyCalibration(fit, 0.7)).toBeCloseTo((2 / 3 + 3 / 5) / 4, 12);
  });

  it('fits data with one class only', () => {
    const fit = fitPlatt([-1, 0, 1, 2], Uint8Array.from([0, 0, 0, 0]));
    expect(applyCalibration(fit, 0)).toBeCloseTo(1 / 6, 6);
  });

  it('lowers the log-loss of an overconfident but well-ranked score', () => {
    // The model's raw scores are three times too confident and shifted.
    const truth = (s: number): number => sigmoid(s / 3 - 0.5);
    const train = simulateLeads(3, 4000, 3, truth);
    const test = simulateLeads(4, 4000, 3, truth);
    const fit = fitPlatt(train.raw, train.labels);
    const before = logLoss(test.raw.map(sigmoid), test.labels);
    const after = logLoss(
      test.raw.map((s) => applyCalibration(fit, s)),
      test.labels,
    );
    expect(after).toBeLessThan(before - 0.05);
  });

  it('rejects no rows and scores that are not finite', () => {
    expectInputInvalid(() => fitPlatt([], Uint8Array.from([])), /fitPlatt: no rows/);
    expectInputInvalid(() => fitPlatt([Number.NaN], Uint8Array.from([1])), /scores\[0\] is NaN/);
  });
});
