import { describe, expect, it } from 'vitest';
import { dashboardMetrics, quantile } from './dashboard-metrics.js';
import type { MetricsData } from './dashboard-metrics.js';

const empty: MetricsData = {
  verdictsByDay: [],
  firstTouchMs: [],
  routedMs: [],
  accepted: 0,
  rejected: 0,
  conversion: [],
  reviews: [],
  pendingReviews: 0,
  salesCycleDays: [],
};

describe('dashboard metrics', () => {
  it('interpolates quantiles between the closest ranks', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
  });

  it('says null for every rate before anything was measured', () => {
    const m = dashboardMetrics(empty);
    expect(m.aeAcceptance.rate).toBeNull();
    expect(m.conversion.qualified.rate).toBeNull();
    expect(m.reviewAgreement.kappa).toBeNull();
    expect(m.speedToFirstTouch).toEqual({ count: 0, medianMs: null, p90Ms: null, routedMedianMs: null });
  });

  it('takes the median and p90 of the sales cycle', () => {
    const m = dashboardMetrics({ ...empty, salesCycleDays: [30, 10, 20, 40, 50, 60, 70, 80, 90, 100, 0] });
    expect(m.salesCycle).toEqual({ count: 11, medianDays: 50, p90Days: 90 });
  });

  it('puts each day’s verdicts side by side, in day order', () => {
    const m = dashboardMetrics({
      ...empty,
      verdictsByDay: [
        { day: '2026-11-02', verdict: 'qualified', count: 3 },
        { day: '2026-11-01', verdict: 'needs_info', count: 2 },
        { day: '2026-11-02', verdict: 'not_qualified', count: 1 },
      ],
    });
    expect(m.verdictMix).toEqual([
      { day: '2026-11-01', qualified: 0, not_qualified: 0, needs_info: 2 },
      { day: '2026-11-02', qualified: 3, not_qualified: 1, needs_info: 0 },
    ]);
  });

  it('compares AI-qualified conversion with the rest and measures agreement with kappa', () => {
    const m = dashboardMetrics({
      ...empty,
      accepted: 3,
      rejected: 1,
      conversion: [
        { verdict: 'qualified', leads: 10, opportunities: 4 },
        { verdict: 'not_qualified', leads: 30, opportunities: 1 },
        { verdict: 'needs_info', leads: 10, opportunities: 1 },
      ],
      // 8 agreements on qualified, 1 on not_qualified, 1 qualified overridden to not_qualified.
      reviews: [
        { verdict: 'qualified', finalVerdict: 'qualified', count: 8 },
        { verdict: 'not_qualified', finalVerdict: 'not_qualified', count: 1 },
        { verdict: 'qualified', finalVerdict: 'not_qualified', count: 1 },
      ],
      pendingReviews: 5,
    });
    expect(m.aeAcceptance.rate).toBe(0.75);
    expect(m.conversion.qualified).toEqual({ leads: 10, opportunities: 4, rate: 0.4 });
    expect(m.conversion.rest).toEqual({ leads: 40, opportunities: 2, rate: 0.05 });
    expect(m.falseNegatives).toEqual({ leads: 30, opportunities: 1, rate: 1 / 30 });
    expect(m.reviewAgreement).toMatchObject({ pending: 5, resolved: 10, agreed: 9, rate: 0.9 });
    // pₒ = 0.9; pₑ = 0.9·0.8 + 0.1·0.2 = 0.74; κ = 0.16 / 0.26.
    expect(m.reviewAgreement.kappa).toBeCloseTo(0.16 / 0.26, 10);
  });
});
