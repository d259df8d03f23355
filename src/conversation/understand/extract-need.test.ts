import { describe, expect, it } from 'vitest';
import { extractNeed } from './extract-need.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('extractNeed', () => {
  it('takes the phrase after "we need" up to the end of its sentence', () => {
    const found = extractNeed('We need a way to score inbound leads faster. Budget is fine.', { now });
    expect(found?.value.summary).toBe('a way to score inbound leads faster');
    expect(found?.value.keywords).toEqual(['score', 'inbound', 'leads', 'faster']);
  });

  it('reads pains told as complaints', () => {
    expect(extractNeed('our reps waste hours on junk leads', { now })?.value.keywords).toContain('junk');
    expect(extractNeed('main problem is lead routing, but budget is tight', { now })?.value.summary).toBe(
      'lead routing',
    );
  });

  it('takes a terse answer to the need question whole', () => {
    expect(extractNeed('lead scoring', { now, expecting: 'need' })?.value.summary).toBe('lead scoring');
    expect(extractNeed('lead scoring', { now })).toBeUndefined();
  });

  it('does not take dates or approvals for a need', () => {
    expect(extractNeed('We need it by March', { now })).toBeUndefined();
    expect(extractNeed('need approval from my boss', { now })).toBeUndefined();
    expect(extractNeed('ok', { now, expecting: 'need' })).toBeUndefined();
  });
});
