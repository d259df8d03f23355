import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeCandidate, type HoldoutFigures } from './judge-candidate.js';
import { labelOutcomes, labelTypes } from './outcome-label.js';
import { rateShift } from './rate-shift.js';
import { recentHoldout } from './recent-holdout.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
const figures = (version: string, auc: number, logloss: number): HoldoutFigures => ({
  version,
  auc,
  logloss,
  brier: 0.2,
  rows: 100,
  positives: 30,
});

describe('labelOutcomes', () => {
  it('counts a win as converted, from the win', () => {
    expect(
      labelOutcomes([
        { type: 'accepted', occurredAt: at(1) },
        { type: 'won', occurredAt: at(9) },
      ]),
    ).toEqual({
      label: 1,
      at: Date.parse(at(9)),
    });
  });
  it('counts churn within 180 days of the win against it, and later churn not', () => {
    const won = { type: 'won' as const, occurredAt: at(0) };
    expect(labelOutcomes([won, { type: 'churned', occurredAt: at(90) }])).toEqual({
      label: 0,
      at: Date.parse(at(90)),
    });
    expect(labelOutcomes([won, { type: 'churned', occurredAt: at(400) }])?.label).toBe(1);
  });
  it('leaves a lead only accepted, or with an open opportunity, open', () => {
    expect(labelOutcomes([{ type: 'accepted', occurredAt: at(1) }])).toBeUndefined();
    expect(labelOutcomes([{ type: 'opportunity_created', occurredAt: at(1) }])).toBeUndefined();
    expect(labelOutcomes([{ type: 'rejected', occurredAt: at(2) }])).toEqual({
      label: 0,
      at: Date.parse(at(2)),
    });
    expect(labelTypes(['won', 'churned'])).toBe(0);
    expect(labelTypes(['lost'])).toBe(0);
    expect(labelTypes(['accepted'])).toBeUndefined();
  });
});

describe('judgeCandidate', () => {
  it('promotes only an AUC gain of at least the margin without a worse log loss', () => {
    const current = figures('model@a', 0.8, 0.45);
    expect(judgeCandidate(figures('model@b', 0.815, 0.44), current).promote).toBe(true);
    expect(judgeCandidate(figures('model@b', 0.805, 0.4), current).promote).toBe(false);
    const calibratedWorse = judgeCandidate(figures('model@b', 0.85, 0.5), current);
    expect(calibratedWorse.promote).toBe(false);
    expect(calibratedWorse.reason).toContain('its log loss is worse by more than 0.01');
  });
  it('never promotes a candidate whose AUC is below the active model’s', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const judged = judgeCandidate(figures('model@b', a, 0.4), figures('model@a', b, 0.4));
          return !judged.promote || a >= b + 0.01 - 1e-12;
        },
      ),
    );
  });
});

describe('rateShift', () => {
  it('says nothing of a move chance explains, and names a real one', () => {
    expect(rateShift('AE acceptance rate', { hits: 16, of: 20 }, { hits: 13, of: 20 }).level).toBeUndefined();
    const fell = rateShift('AE acceptance rate', { hits: 246, of: 300 }, { hits: 165, of: 300 });
    expect(fell.level).toBe('major');
    expect(fell.text).toBe(
      'AE acceptance rate fell from 82 % to 55 % since training (246 of 300, then 165 of 300)',
    );
    expect(rateShift('x', { hits: 5, of: 10 }, { hits: 1, of: 10 }).text).toContain(
      'too few rows to compare',
    );
  });
});

describe('recentHoldout', () => {
  it('holds out the window, or the newest 20 % when the window is too small, and says when the active model saw it', () => {
    const days = Float64Array.from({ length: 100 }, (_, i) => Date.parse(at(i)));
    const labels = Uint8Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const now = Date.parse(at(100));
    const window = recentHoldout(days, labels, now, { days: 30, minRows: 20 });
    expect([window.rule, window.holdout.length, window.from, window.seenByActive]).toEqual([
      'window',
      30,
      at(70),
      false,
    ]);
    const newest = recentHoldout(days, labels, now, { days: 30, minRows: 20, notBefore: Date.parse(at(95)) });
    expect([newest.rule, newest.holdout.length, newest.from, newest.seenByActive]).toEqual([
      'newest',
      20,
      at(80),
      true,
    ]);
    expect(() => recentHoldout(days, new Uint8Array(100), now, { days: 30, minRows: 20 })).toThrow(
      /needs converted and unconverted leads both before and in the recent holdout/,
    );
  });
});
