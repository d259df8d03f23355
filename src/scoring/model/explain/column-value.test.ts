import { describe, expect, it } from 'vitest';
import type { FeatureInfo } from '../feature-matrix.js';
import { columnValue, formatNumber } from './column-value.js';

const num = (name: string, column = name): FeatureInfo => ({ name, kind: 'numeric', categories: [], column });
const cat = (name: string, categories: string[], column = name): FeatureInfo => ({
  name,
  kind: 'categorical',
  categories,
  column,
});
const show = (features: FeatureInfo[], ...values: number[]) =>
  columnValue(
    features[0]!.column,
    features,
    features.map((_, i) => i),
    Float64Array.from(values),
  );

describe('formatNumber', () => {
  it('groups thousands and keeps at most two decimals', () => {
    expect(formatNumber(1532)).toBe('1,532');
    expect(formatNumber(1234567.891)).toBe('1,234,567.89');
    expect(formatNumber(-1532.5)).toBe('-1,532.5');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(-0.001)).toBe('0');
  });
});

describe('columnValue', () => {
  it('shows a category label in quotes', () => {
    expect(show([cat('Lead Source', ['Google', 'Reference'])], 1)).toEqual({
      value: 'Reference',
      missing: false,
      phrase: "Lead Source 'Reference'",
    });
  });

  it('shows a number formatted for people', () => {
    expect(show([num('Total Time Spent on Website')], 1532).phrase).toBe('Total Time Spent on Website 1,532');
  });

  it('says missing when the lead has no value', () => {
    expect(show([cat('Specialization', ['Finance'])], Number.NaN)).toEqual({
      value: null,
      missing: true,
      phrase: 'Specialization missing',
    });
  });

  it('names a category unseen in training as new, not as missing', () => {
    expect(show([cat('Country', ['India'])], 3)).toEqual({
      value: null,
      missing: false,
      phrase: 'Country (a value new to the model)',
    });
  });

  it('treats a lone feature named like its column in other spelling as the column itself', () => {
    expect(show([cat('lead_source', ['Reference'], 'Lead Source')], 0).value).toBe('Reference');
  });

  it('shows a date column by the age in days its features carry', () => {
    const created = [
      num('Created age_days', 'Created'),
      num('Created month', 'Created'),
      num('Created weekday', 'Created'),
    ];
    expect(show(created, 12, 3, 2).phrase).toBe('Created 12 days ago');
    expect(show(created, 1, 3, 2).value).toBe('1 day ago');
    expect(show(created, 0.2, 3, 2).value).toBe('today');
    expect(show([num('days_since_created', 'Created')], 1200).value).toBe('1,200 days ago');
  });

  it('names a date column without a value when no age can be read from its features', () => {
    const created = [num('Created month', 'Created'), num('Created weekday', 'Created')];
    expect(show(created, 3, 2)).toEqual({ value: null, missing: false, phrase: 'Created' });
    expect(
      show([num('Created age_days', 'Created'), num('Created month', 'Created')], Number.NaN, 3).phrase,
    ).toBe('Created');
  });

  it('says missing when every feature of a derived column is missing', () => {
    expect(
      show([num('Created age_days', 'Created'), num('Created month', 'Created')], Number.NaN, Number.NaN)
        .phrase,
    ).toBe('Created missing');
  });

  it('prefers the column’s own feature over features derived from it', () => {
    const size = [num('Company Size'), num('Company Size log', 'Company Size')];
    expect(show(size, 250, 5.52).phrase).toBe('Company Size 250');
  });
});
