import { describe, expect, it } from 'vitest';
import { DEMO_HIDDEN_RULES, demoConversionProbability } from './demo-hidden-rules.js';
import type { DemoLatent } from './demo-hidden-rules.js';

const typical: DemoLatent = {
  seniority: 'manager',
  jobFunction: 'marketing',
  employees: 300,
  industry: 'software',
  country: 'US',
  emailType: 'corporate',
  pricingViews: 0,
  demoRequest: 0,
  roiCalculator: 0,
  emailReply: 0,
  noise: 0,
};
const won = (change: Partial<DemoLatent>): number => demoConversionProbability({ ...typical, ...change }).won;

describe('demoConversionProbability', () => {
  it('is a probability, and the funnel is the product of its stages', () => {
    const p = demoConversionProbability(typical);
    expect(p.won).toBeGreaterThan(0);
    expect(p.won).toBeLessThan(1);
    expect(p.won).toBeCloseTo(p.accepted * p.opportunity * p.winGivenOpportunity, 12);
  });

  it('favours senior buyers over interns', () => {
    expect(won({ seniority: 'vp' })).toBeGreaterThan(won({}));
    expect(won({ seniority: 'intern' })).toBeLessThan(won({}));
  });

  it('favours the 51–5000 employee sweet spot and target industries in served countries', () => {
    expect(won({ employees: 5 })).toBeLessThan(won({}));
    expect(won({ employees: 20_000 })).toBeLessThan(won({}));
    expect(won({ industry: 'retail' })).toBeLessThan(won({}));
    expect(won({ country: 'BR' })).toBeLessThan(won({}));
  });

  it('rewards intent, and caps pricing views', () => {
    expect(won({ pricingViews: 2 })).toBeGreaterThan(won({ pricingViews: 1 }));
    expect(won({ pricingViews: 10 })).toBe(won({ pricingViews: DEMO_HIDDEN_RULES.intent.pricingViewCap }));
    expect(won({ demoRequest: 1 })).toBeGreaterThan(won({ demoRequest: 0.2 }));
    expect(won({ roiCalculator: 1, emailReply: 1 })).toBeGreaterThan(won({}));
  });

  it('discounts a demo request from a free-mail address', () => {
    const corporateGain = won({ demoRequest: 1 }) / won({});
    const freeGain = won({ demoRequest: 1, emailType: 'free' }) / won({ emailType: 'free' });
    expect(freeGain).toBeLessThan(corporateGain);
  });
});
