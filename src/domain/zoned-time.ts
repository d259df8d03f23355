/** A wall-clock moment in some time zone: what a calendar on that wall shows. */
export interface WallTime {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

/** A wall time and its weekday (0 Sunday .. 6 Saturday). */
export interface ZonedParts extends WallTime {
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // h23 so that midnight is 0, not 24 (some engines answer 24 with hour12: false).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The zone's wall time at `ms` read from Intl (slow: formatToParts allocates). */
const intlWallTime = (ms: number, timeZone: string): WallTime => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
  };
};

const QUARTER_HOUR = 900_000;
const MAX_CACHED = 50_000;
const offsets = new Map<string, number>();

/**
 * How far `timeZone` is ahead of UTC at instant `ms`, in milliseconds. Zones change their
 * offset only on quarter-hour boundaries, so the offset is read from Intl once per zone and
 * quarter hour and remembered (bounded): formatToParts was nearly all of slot search's time.
 */
export const offsetAt = (ms: number, timeZone: string): number => {
  const quarter = Math.floor(ms / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = quarter * QUARTER_HOUR;
    const w = intlWallTime(at, timeZone);
    offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - at;
    if (offsets.size >= MAX_CACHED) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
};

/** The wall time in `timeZone` (an IANA name such as `Europe/Berlin`) at instant `ms`. */
export const zonedParts = (ms: number, timeZone: string): ZonedParts => {
  const d = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
};

/**
 * The instant at which clocks in `timeZone` show `wall`. The zone's offset is read twice, at the
 * first guess and at the corrected instant, so that times just after a daylight-saving change
 * land right; a wall time skipped by a spring-forward change maps to the instant one hour later.
 */
export const zonedToUtc = (wall: WallTime, timeZone: string): number => {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  if (first === second) return first;
  // Near a change the two readings differ: take the one whose clocks show `wall` (a guess on the
  // far side of a fall-back change reads the wrong offset first), else — a wall time the change
  // skipped — the later one.
  const shows = (ms: number): boolean => {
    const p = zonedParts(ms, timeZone);
    return (
      p.year === wall.year &&
      p.month === wall.month &&
      p.day === wall.day &&
      p.hour === wall.hour &&
      p.minute === wall.minute
    );
  };
  return shows(second) ? second : shows(first) ? first : Math.max(first, second);
};

/** `YYYY-MM-DD` of a calendar date. */
export const isoDate = (year: number, month: number, day: number): string => {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.toISOString().slice(0, 10);
};

/** The calendar date `days` after `date` (`YYYY-MM-DD`); days may be negative. */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The last day (28..31) of a month. */
export const lastDayOf = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();
