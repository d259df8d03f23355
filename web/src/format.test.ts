import { describe, expect, it } from 'vitest';
import { factValue } from './components/fact-value.js';
import { provenanceText } from './components/provenance-note.js';
import { duration, percent, signed } from './format.js';
import { query } from './api.js';

describe('what the dashboard prints', () => {
  it('says durations in the unit a person reads fastest', () => {
    expect(duration(null)).toBe('—');
    expect(duration(458.4)).toBe('458 ms');
    expect(duration(1500)).toBe('1.5 s');
    expect(duration(30 * 60_000)).toBe('30 min');
    expect(duration(3 * 3_600_000)).toBe('3.0 h');
  });

  it('prints rates, signed effects and ranges', () => {
    expect(percent(null)).toBe('—');
    expect(percent(0.4855)).toBe('49 %');
    expect(percent(1 / 30, 1)).toBe('3.3 %');
    expect(signed(20)).toBe('+20');
    expect(signed(-15)).toBe('-15');
    expect(signed(0)).toBe('0');
    expect(factValue({ min: 51, max: 200 })).toBe('51–200');
    expect(factValue({ min: 10001 })).toBe('10001+');
    expect(factValue(['HubSpot', 'Segment'])).toBe('HubSpot, Segment');
  });

  it('names where a fact came from in a few words', () => {
    const at = '2026-11-01T00:00:00Z';
    expect(
      provenanceText({ source: 'input', at, origin: '/tmp/x/leads.csv', line: 205, column: 'Email' }),
    ).toBe('input leads.csv line 205 Email');
    expect(
      provenanceText({ source: 'normalization', at, rule: 'title.seniority', from: 'person.title' }),
    ).toBe('derived from person.title (title.seniority)');
    expect(
      provenanceText({ source: 'enrichment', at, provider: 'clearbit', confidence: 0.9, verified: false }),
    ).toBe('clearbit, 90 % sure, unverified');
  });

  it('builds query strings from the filters that are set', () => {
    expect(query({ verdict: 'qualified', grade: '', cursor: undefined, limit: 50 })).toBe(
      '?verdict=qualified&limit=50',
    );
    expect(query({ q: '' })).toBe('');
  });
});
