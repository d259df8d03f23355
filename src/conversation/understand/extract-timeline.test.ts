import { describe, expect, it } from 'vitest';
import { extractTimeline } from './extract-timeline.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('extractTimeline (now is 2026-11-28)', () => {
  it.each([
    ['next quarter', '2027-01-01', '2027-03-31'],
    ['we need it by March', '2026-11-28', '2027-03-31'],
    ['ASAP!!', '2026-11-28', '2026-12-28'],
    ['not this year', '2027-01-01', '2027-12-31'],
    ['Q1 27', '2027-01-01', '2027-03-31'],
    ['early next year', '2027-01-01', '2027-04-30'],
    ['we want to go live end of january', '2027-01-31', '2027-01-31'],
    ['maybe in spring', '2027-03-01', '2027-05-31'],
  ])('reads %j as %s to %s', (text, from, to) => {
    expect(extractTimeline(text, { now })?.value).toEqual({ horizon: 'dated', from, to });
  });

  it('reads terse answers to the timeline question', () => {
    expect(extractTimeline('q3', { now, expecting: 'timeline' })?.value).toEqual({
      horizon: 'dated',
      from: '2027-07-01',
      to: '2027-09-30',
    });
    expect(extractTimeline('in 6 weeks', { now, expecting: 'timeline' })?.value).toEqual({
      horizon: 'dated',
      from: '2026-11-28',
      to: '2027-01-09',
    });
    expect(extractTimeline('next month', { now, expecting: 'timeline' })?.value).toEqual({
      horizon: 'dated',
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });

  it('reads "no rush, just looking" as no timeline', () => {
    expect(extractTimeline('no rush, just looking', { now })?.value).toEqual({ horizon: 'none' });
  });

  it('ignores a date without timeline words unless the timeline was asked for', () => {
    expect(extractTimeline('Monday', { now })).toBeUndefined();
    expect(extractTimeline('Monday', { now, expecting: 'timeline' })?.value.to).toBe('2026-11-30');
  });

  it('resolves "today" in the prospect\'s time zone', () => {
    const lateEvening = new Date('2026-12-31T23:30:00Z');
    expect(extractTimeline('ASAP', { now: lateEvening, timeZone: 'Europe/Berlin' })?.value.from).toBe(
      '2027-01-01',
    );
    expect(extractTimeline('ASAP', { now: lateEvening, timeZone: 'America/New_York' })?.value.from).toBe(
      '2026-12-31',
    );
  });
});
