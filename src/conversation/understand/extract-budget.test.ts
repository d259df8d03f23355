import { describe, expect, it } from 'vitest';
import { extractBudget } from './extract-budget.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('extractBudget', () => {
  it.each([
    ['$50k', { min: 50_000, max: 50_000, currency: 'USD' }],
    ['around 40-60k EUR', { min: 40_000, max: 60_000, currency: 'EUR', approximate: true }],
    ['budget 30k', { min: 30_000, max: 30_000 }],
    ['between 20k and 25k', { min: 20_000, max: 25_000 }],
    ['40.000 €', { min: 40_000, max: 40_000, currency: 'EUR' }],
    ['2,5k€ a month', { min: 2_500, max: 2_500, currency: 'EUR' }],
    ['up to 100k per year', { min: 0, max: 100_000 }],
    ['at least £15k', { min: 15_000, currency: 'GBP' }],
    ['we could invest 1.5 million dollars', { min: 1_500_000, max: 1_500_000, currency: 'USD' }],
  ])('reads %j as an amount', (text, expected) => {
    expect(extractBudget(text, { now })?.value).toMatchObject({ kind: 'amount', ...expected });
  });

  it('reads number words when the budget was asked for', () => {
    expect(extractBudget('maybe thirty thousand euros', { now, expecting: 'budget' })?.value).toMatchObject({
      min: 30_000,
      currency: 'EUR',
      approximate: true,
    });
  });

  it('reads "no budget yet" and a terse "no" to the budget question as no budget', () => {
    expect(extractBudget("we don't have budget yet", { now })?.value).toEqual({ kind: 'none' });
    expect(extractBudget('Budget not yet approved.', { now })?.value).toEqual({ kind: 'none' });
    expect(extractBudget('no', { now, expecting: 'budget' })?.value).toEqual({ kind: 'none' });
    expect(extractBudget('no', { now })).toBeUndefined();
  });

  it('takes a bare number as money only when the budget was just asked for', () => {
    expect(extractBudget('30000', { now, expecting: 'budget' })?.value).toMatchObject({ min: 30_000 });
    expect(extractBudget('30000', { now })).toBeUndefined();
  });

  it('does not take head counts, quarters, years or times for money', () => {
    for (const text of ['we have 200 employees', 'in q3 2027', 'at 3pm', 'we have 12 reps'])
      expect(extractBudget(text, { now, expecting: 'budget' })).toBeUndefined();
  });

  it('gives the span the budget was read from', () => {
    const found = extractBudget('Our budget is about $45k for this.', { now });
    expect(found?.span).toEqual({ start: 20, end: 24, text: '$45k' });
    expect(found?.confidence).toBeGreaterThan(0.9);
  });
});
