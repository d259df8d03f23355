import { describe, expect, it } from 'vitest';
import { isAppError } from '../../domain/app-error.js';
import { formatSlot, freeSlots, offerSlots, type RepCalendar } from './free-slots.js';

const berlin: RepCalendar = {
  repId: 'dana',
  name: 'Dana',
  email: 'dana@example.com',
  timeZone: 'Europe/Berlin',
  workingHours: { mon: [['09:00', '11:00']], fri: [['09:00', '10:00']] },
  bookings: [],
};
const hourly = { durationMinutes: 60, stepMinutes: 60, days: 5, minNoticeMinutes: 0 };

describe('freeSlots', () => {
  it('keeps 09:00 local across the spring daylight-saving change (Berlin, 29 March 2026)', () => {
    const slots = freeSlots(berlin, Date.parse('2026-03-26T12:00:00Z'), hourly);
    expect(slots.map((s) => s.start)).toEqual([
      '2026-03-27T08:00:00.000Z', // Friday, CET (UTC+1)
      '2026-03-30T07:00:00.000Z', // Monday, CEST (UTC+2)
      '2026-03-30T08:00:00.000Z',
    ]);
  });

  it('keeps 09:00 local across the autumn change in New York (1 November 2026)', () => {
    const ny: RepCalendar = {
      ...berlin,
      timeZone: 'America/New_York',
      workingHours: { fri: [['09:00', '10:00']], mon: [['09:00', '10:00']] },
    };
    const slots = freeSlots(ny, Date.parse('2026-10-29T00:00:00Z'), { ...hourly, days: 6 });
    expect(slots.map((s) => s.start)).toEqual(['2026-10-30T13:00:00.000Z', '2026-11-02T14:00:00.000Z']);
  });

  it('leaves out booked time and slots inside the notice period', () => {
    const booked: RepCalendar = {
      ...berlin,
      workingHours: { mon: [['09:00', '12:00']] },
      bookings: [{ start: '2026-03-30T07:30:00Z', end: '2026-03-30T08:15:00Z' }],
    };
    expect(
      freeSlots(booked, Date.parse('2026-03-27T07:30:00Z'), { ...hourly, minNoticeMinutes: 60 }).map(
        (s) => s.start,
      ),
    ).toEqual(['2026-03-30T09:00:00.000Z']);
  });

  it('says which rep has a wrong zone or wrong hours', () => {
    expect(() => freeSlots({ ...berlin, timeZone: 'Mars/Base' }, 0, hourly)).toThrow(
      /rep dana: "Mars\/Base" is not a time zone/,
    );
    try {
      freeSlots(
        { ...berlin, workingHours: { mon: [['9am', '11:00']] } },
        Date.parse('2026-03-26T12:00:00Z'),
        hourly,
      );
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e, 'INPUT_INVALID')).toBe(true);
    }
  });
});

describe('offerSlots', () => {
  it('offers the earliest slot and then one per following day', () => {
    const slots = freeSlots(berlin, Date.parse('2026-03-26T12:00:00Z'), { ...hourly, days: 10 });
    const offered = offerSlots(slots, 3, 'Europe/Berlin');
    expect(offered.map((s) => formatSlot(s, 'Europe/Berlin'))).toEqual([
      'Fri 27 Mar, 09:00 (Europe/Berlin)',
      'Mon 30 Mar, 09:00 (Europe/Berlin)',
      'Fri 3 Apr, 09:00 (Europe/Berlin)',
    ]);
  });

  it('fills up from the same day when there are fewer days than slots wanted', () => {
    const slots = freeSlots(
      { ...berlin, workingHours: { mon: [['09:00', '12:00']] } },
      Date.parse('2026-03-26T12:00:00Z'),
      hourly,
    );
    expect(offerSlots(slots, 3, 'Europe/Berlin')).toHaveLength(3);
  });
});
