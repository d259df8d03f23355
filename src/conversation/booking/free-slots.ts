import { AppError } from '../../domain/app-error.js';
import { zonedParts, zonedToUtc } from '../../domain/zoned-time.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours per weekday as local `HH:MM` intervals; a day not listed is not worked. */
export type WorkingHours = Readonly<Partial<Record<Weekday, readonly (readonly [string, string])[]>>>;

/** A busy interval (ISO 8601 instants). */
export interface Busy {
  readonly start: string;
  readonly end: string;
}

/** A rep's calendar: where they are (IANA zone), when they work, and what is already booked. */
export interface RepCalendar {
  readonly repId: string;
  readonly name: string;
  readonly email: string;
  readonly timeZone: string;
  readonly workingHours: WorkingHours;
  readonly bookings: readonly Busy[];
}

/** A free meeting slot with a rep (ISO 8601 UTC instants). */
export interface Slot {
  readonly repId: string;
  readonly start: string;
  readonly end: string;
}

/** How slots are cut: length, spacing, how far ahead to look and how much notice to give. */
export interface SlotOptions {
  readonly durationMinutes: number;
  /** Slots start every this many minutes from the start of a working interval. */
  readonly stepMinutes: number;
  readonly days: number;
  readonly minNoticeMinutes: number;
}

export const DEFAULT_SLOT_OPTIONS: SlotOptions = Object.freeze({
  durationMinutes: 30,
  stepMinutes: 30,
  days: 14,
  minNoticeMinutes: 120,
});

const minutesOf = (hhmm: string, repId: string): number => {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$|^(24):(00)$/.exec(hhmm);
  if (m === null)
    throw new AppError('INPUT_INVALID', {
      message: `rep ${repId}: working hours "${hhmm}" must be HH:MM, such as 09:00`,
    });
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
};

const checkZone = (calendar: RepCalendar): void => {
  try {
    zonedParts(0, calendar.timeZone);
  } catch (cause) {
    throw new AppError('INPUT_INVALID', {
      message: `rep ${calendar.repId}: "${calendar.timeZone}" is not a time zone; use an IANA name such as Europe/Berlin`,
      cause,
    });
  }
};

/**
 * The rep's free slots from `fromMs` (plus the notice) over the next `days` days: each working
 * interval of each local day, cut into slots at local wall times and converted to UTC in the
 * rep's zone — so that "09:00" stays 09:00 for the rep across a daylight-saving change —
 * leaving out slots that overlap a booking. In start order.
 */
export const freeSlots = (
  calendar: RepCalendar,
  fromMs: number,
  options: SlotOptions = DEFAULT_SLOT_OPTIONS,
): Slot[] => {
  checkZone(calendar);
  const earliest = fromMs + options.minNoticeMinutes * 60_000;
  const busy = calendar.bookings.map((b) => [Date.parse(b.start), Date.parse(b.end)] as const);
  const today = zonedParts(fromMs, calendar.timeZone);
  const slots: Slot[] = [];
  for (let d = 0; d < options.days; d++) {
    // Calendar arithmetic on the local date at noon UTC never crosses a date line by accident.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + d, 12));
    const weekday = WEEKDAYS[date.getUTCDay()] ?? 'sun';
    for (const [from, to] of calendar.workingHours[weekday] ?? []) {
      const endMin = minutesOf(to, calendar.repId);
      for (
        let m = minutesOf(from, calendar.repId);
        m + options.durationMinutes <= endMin;
        m += options.stepMinutes
      ) {
        const wall = {
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
          hour: Math.floor(m / 60),
          minute: m % 60,
        };
        const start = zonedToUtc(wall, calendar.timeZone);
        const end = start + options.durationMinutes * 60_000;
        if (start < earliest || busy.some(([bs, be]) => start < be && bs < end)) continue;
        slots.push({
          repId: calendar.repId,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        });
      }
    }
  }
  return slots;
};

/**
 * `count` slots to offer: the earliest free one, then the earliest on each following day (in
 * `timeZone`), so that the prospect gets a choice of days rather than three neighbouring half hours.
 */
export const offerSlots = (free: readonly Slot[], count = 3, timeZone = 'UTC'): Slot[] => {
  const chosen: Slot[] = [];
  const days = new Set<string>();
  for (const slot of free) {
    if (chosen.length === count) break;
    const p = zonedParts(Date.parse(slot.start), timeZone);
    const day = `${p.year}-${p.month}-${p.day}`;
    if (days.has(day)) continue;
    days.add(day);
    chosen.push(slot);
  }
  for (const slot of free) {
    if (chosen.length === count) break;
    if (!chosen.includes(slot)) chosen.push(slot);
  }
  return chosen.sort((a, b) => a.start.localeCompare(b.start));
};

const slotFormatters = new Map<string, Intl.DateTimeFormat>();

/** A slot as the prospect reads it in their zone: `Tue 1 Dec, 15:00 (Europe/Berlin)`. */
export const formatSlot = (slot: Slot, timeZone: string): string => {
  let f = slotFormatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    slotFormatters.set(timeZone, f);
  }
  return `${f.format(new Date(slot.start))} (${timeZone})`;
};
