import { describe, expect, it } from 'vitest';
import { logLoss } from '../evaluate/log-loss.js';
import { applyCalibration } from './apply-calibration.js';
import { chooseCalibrationKind, fitCalibration } from './fit-calibration.js';
import { sigmoid, simulateLeads } from './test-support/simulated-leads.js';

describe('chooseCalibrationKind', () => {
  it('picks isotonic only with 1,000 rows and 100 of each class, Platt otherwise', () => {
    expect(chooseCalibrationKind(1000, 100)).toBe('isotonic');
    expect(chooseCalibrationKind(1000, 900)).toBe('isotonic');
    expect(chooseCalibrationKind(999, 500)).toBe('platt');
    expect(chooseCalibrationKind(5000, 99)).toBe('platt');
    expect(chooseCalibrationKind(5000, 4901)).toBe('platt');
  });
});

describe('fitCalibration', () => {
  const truth = (s: number): number => sigmoid(0.5 * s + 1);
  const large = simulateLeads(21, 3000, 2, truth);
  const small = simulateLeads(22, 300, 2, truth);

  it('fits the method it is asked for', () => {
    expect(fitCalibration(small.raw, small.labels, 'isotonic').kind).toBe('isotonic');
    expect(fitCalibration(large.raw, large.labels, 'platt').kind).toBe('platt');
  });

  it('lets the amount of data decide when the method is auto', () => {
    expect(fitCalibration(large.raw, large.labels, 'auto').kind).toBe('isotonic');
    expect(fitCalibration(small.raw, small.labels).kind).toBe('platt');
  });

  it('gives calibrated probabilities with lower log-loss than the raw sigmoid, either way', () => {
    const test = simulateLeads(23, 5000, 2, truth);
    const before = logLoss(test.raw.map(sigmoid), test.labels);
    for (const method of ['isotonic', 'platt'] as const) {
      const fit = fitCalibration(large.raw, large.labels, method);
      const after = logLoss(
        test.raw.map((s) => applyCalibration(fit, s)),
        test.labels,
      );
      expect(after, method).toBeLessThan(before - 0.02);
    }
  });
});
