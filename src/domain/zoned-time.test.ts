import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetAt, zonedParts, zonedToUtc } from './zoned-time.js';

const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'UTC',
];

describe('zoned time', () => {
  it('gives the same wall time as Intl for any instant and zone', () => {
    const intl = (ms: number, timeZone: string): string =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        dateStyle: 'short',
        timeStyle: 'short',
        hourCycle: 'h23',
      }).format(new Date(ms));
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const p = zonedParts(ms, zone);
          const pad = (n: number): string => String(n).padStart(2, '0');
          expect(`${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`).toBe(
            intl(ms, zone),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('turns wall times back into the instant, on both sides of a change', () => {
    // Berlin: CET (+1) until 2026-03-29 01:00Z, CEST (+2) after; Lord Howe moves by 30 minutes.
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 }, 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 0, 30),
    );
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 3, minute: 30 }, 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    // 02:30 does not exist that night: it maps to 03:30 CEST, one hour later.
    expect(zonedToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 30),
    );
    // Found by the property below: 15:00 on the day before Lord Howe falls back (02:00 → 01:30
    // at 15:00Z) was read at the far side of the change first and came out 30 minutes late.
    expect(zonedToUtc({ year: 2025, month: 4, day: 5, hour: 15, minute: 0 }, 'Australia/Lord_Howe')).toBe(
      Date.UTC(2025, 3, 5, 4, 0),
    );
    expect(offsetAt(Date.UTC(2026, 2, 29, 0, 59), 'Europe/Berlin')).toBe(3_600_000);
    expect(offsetAt(Date.UTC(2026, 2, 29, 1, 0), 'Europe/Berlin')).toBe(7_200_000);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.constantFrom(...ZONES),
        (ms, zone) => {
          const minute = Math.floor(ms / 60_000) * 60_000;
          const back = zonedToUtc(zonedParts(minute, zone), zone);
          // A wall time repeated by a fall-back change has two instants; either one shows it.
          expect(zonedParts(back, zone)).toEqual(zonedParts(minute, zone));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
