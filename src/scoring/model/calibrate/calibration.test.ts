import { describe, expect, it } from 'vitest';
import { applyCalibration } from './apply-calibration.js';
import { Calibration, PROBABILITY_MARGIN } from './calibration.js';
import { fitIsotonic } from './fit-isotonic.js';
import { fitPlatt } from './fit-platt.js';

describe('Calibration', () => {
  it('is plain data that survives a JSON round trip and parses back', () => {
    const raw = [-2, -1, 0, 1, 2, 3];
    const labels = Uint8Array.from([0, 0, 1, 0, 1, 1]);
    for (const fit of [fitIsotonic(raw, labels), fitPlatt(raw, labels)]) {
      const loaded = Calibration.parse(JSON.parse(JSON.stringify(fit)));
      expect(loaded).toEqual(fit);
      expect(applyCalibration(loaded, 0.5)).toBe(applyCalibration(fit, 0.5));
    }
  });

  it('rejects an isotonic map whose points are not increasing or do not pair up', () => {
    expect(Calibration.safeParse({ kind: 'isotonic', x: [1, 1], y: [0.2, 0.3] }).success).toBe(false);
    expect(Calibration.safeParse({ kind: 'isotonic', x: [1, 2], y: [0.3, 0.2] }).success).toBe(false);
    expect(Calibration.safeParse({ kind: 'isotonic', x: [1, 2], y: [0.3] }).success).toBe(false);
    expect(Calibration.safeParse({ kind: 'isotonic', x: [], y: [] }).success).toBe(false);
    expect(Calibration.safeParse({ kind: 'platt', a: -1 }).success).toBe(false);
    expect(Calibration.safeParse({ kind: 'beta', a: -1, b: 0 }).success).toBe(false);
  });
});

describe('applyCalibration', () => {
  it('keeps Platt probabilities away from exact 0 and 1, even for extreme scores', () => {
    const platt = { kind: 'platt', a: -1, b: 0 } as const;
    expect(applyCalibration(platt, 0)).toBe(0.5);
    expect(applyCalibration(platt, 2)).toBeCloseTo(1 / (1 + Math.exp(-2)), 15);
    expect(applyCalibration(platt, 1e6)).toBe(1 - PROBABILITY_MARGIN);
    expect(applyCalibration(platt, -Infinity)).toBe(PROBABILITY_MARGIN);
    expect(applyCalibration(platt, Number.NaN)).toBeNaN();
  });

  it('finds the right segment of an isotonic map by binary search', () => {
    const x = Array.from({ length: 101 }, (_, i) => i - 50);
    const y = x.map((v) => (v + 50) / 100);
    const iso = { kind: 'isotonic', x, y } as const;
    for (const raw of [-49.5, -12.25, 0, 0.1, 33.3, 49.99]) {
      expect(applyCalibration(iso, raw)).toBeCloseTo((raw + 50) / 100, 12);
    }
  });

  it('maps every score to the one value of a single-point isotonic map', () => {
    const iso = { kind: 'isotonic', x: [0.3], y: [0.25] } as const;
    expect([-5, 0.3, 9].map((s) => applyCalibration(iso, s))).toEqual([0.25, 0.25, 0.25]);
  });
});
