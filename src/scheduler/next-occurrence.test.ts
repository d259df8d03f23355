import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../domain/app-error.js';
import { checkSchedule, nextOccurrence } from './next-occurrence.js';

const at = (iso: string): number => Date.parse(iso);
const next = (cron: string, after: string): string =>
  new Date(nextOccurrence({ cron }, at(after))).toISOString();

describe('nextOccurrence', () => {
  it('counts an interval from the epoch, so that every process agrees: hourly is on the hour', () => {
    expect(nextOccurrence({ every: 3_600_000 }, at('2026-03-01T10:20:00Z'))).toBe(at('2026-03-01T11:00:00Z'));
    expect(nextOccurrence({ every: 3_600_000 }, at('2026-03-01T11:00:00Z'))).toBe(at('2026-03-01T12:00:00Z'));
  });

  it('reads cron in UTC: daily at 03:00, strictly after the given time', () => {
    expect(next('0 3 * * *', '2026-03-01T02:59:59Z')).toBe('2026-03-01T03:00:00.000Z');
    expect(next('0 3 * * *', '2026-03-01T03:00:00Z')).toBe('2026-03-02T03:00:00.000Z');
  });

  it('takes steps, ranges, lists and day names by number, Sunday as 0 or 7', () => {
    expect(next('*/15 * * * *', '2026-03-01T10:16:00Z')).toBe('2026-03-01T10:30:00.000Z');
    expect(next('30 9-17/4 * * 1-5', '2026-03-06T17:31:00Z')).toBe('2026-03-09T09:30:00.000Z'); // Fri → Mon
    expect(next('0 0 * * 7', '2026-03-02T00:00:00Z')).toBe('2026-03-08T00:00:00.000Z');
    expect(next('0 12 1,15 * *', '2026-03-02T00:00:00Z')).toBe('2026-03-15T12:00:00.000Z');
  });

  it('matches either day field when both are restricted, as cron does', () => {
    // The 13th, or any Friday: 2026-03-06 is a Friday before the 13th.
    expect(next('0 0 13 * 5', '2026-03-01T00:00:00Z')).toBe('2026-03-06T00:00:00.000Z');
  });

  it('finds 29 February years ahead, and refuses a date that never comes', () => {
    expect(next('0 0 29 2 *', '2026-03-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(() => checkSchedule({ cron: '0 0 30 2 *' }, 't')).toThrow(/never matches a real date/);
  });

  it('says which field is wrong and why', () => {
    const problem = (cron: string): string => {
      try {
        checkSchedule({ cron }, 't');
        return 'accepted';
      } catch (error) {
        if (!isAppError(error, 'CONFIG_INVALID')) throw error;
        return error.message;
      }
    };
    expect(problem('0 3 * *')).toMatch(/^cron "0 3 \* \*": it has 4 fields; expected five fields/);
    expect(problem('0 24 * * *')).toContain('hour 24 is outside 0–23');
    expect(problem('*/0 * * * *')).toContain('minute "*/0" has a step of 0');
    expect(problem('0 3 * JAN *')).toContain('month "JAN" is not a number');
    expect(problem('0 5-3 * * *')).toContain('hour range "5-3" runs backwards');
    expect(() => checkSchedule({ every: 10 }, 'fast')).toThrow(
      /"fast": every must be .* at least 1000; got 10/,
    );
  });

  it('is always later than the given time, matches the expression, and skips no matching minute', () => {
    // An independent reading of the same field forms, minute by minute.
    const allows = (field: string, value: number, max: number, min = 0): boolean =>
      field.split(',').some((item) => {
        const [range = '', step] = item.split('/');
        const [from, to] =
          range === '*'
            ? [min, max]
            : range.includes('-')
              ? range.split('-').map(Number)
              : [Number(range), step === undefined ? Number(range) : max];
        return value >= from! && value <= to! && (value - from!) % Number(step ?? 1) === 0;
      });
    const matches = (f: readonly string[], ms: number): boolean => {
      const d = new Date(ms);
      const [mi = '', h = '', dom = '', mo = '', dow = ''] = f;
      const weekday = allows(dow, d.getUTCDay(), 7) || (d.getUTCDay() === 0 && allows(dow, 7, 7));
      const day =
        dom !== '*' && dow !== '*'
          ? allows(dom, d.getUTCDate(), 31, 1) || weekday
          : allows(dom, d.getUTCDate(), 31, 1) && weekday;
      return (
        allows(mi, d.getUTCMinutes(), 59) &&
        allows(h, d.getUTCHours(), 23) &&
        allows(mo, d.getUTCMonth() + 1, 12, 1) &&
        day
      );
    };
    const cron = fc.tuple(
      fc.constantFrom('*', '0', '*/7', '5,35', '10-20/5'),
      fc.constantFrom('*', '3', '*/6', '9-17'),
      fc.constantFrom('*', '1', '15', '28-31'),
      fc.constantFrom('*', '2', '1-6', '*/3'),
      fc.constantFrom('*', '0', '1-5', '6,7'),
    );
    fc.assert(
      fc.property(
        cron,
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        (f, ms) => {
          const found = nextOccurrence({ cron: f.join(' ') }, ms);
          expect(found).toBeGreaterThan(ms);
          expect(found % 60_000).toBe(0);
          expect(matches(f, found)).toBe(true);
          // Stepping minute by minute (up to two days) reaches no match before the one returned.
          const first = Math.floor(ms / 60_000) * 60_000 + 60_000;
          const end = Math.min(found, first + 2 * 86_400_000);
          let m = first;
          while (m < end && !matches(f, m)) m += 60_000;
          expect(new Date(m).toISOString()).toBe(new Date(end).toISOString());
        },
      ),
      { numRuns: 100 },
    );
  });
});
