import { AppError } from '../domain/app-error.js';
import type { Schedule } from './scheduled-task.js';

/** A cron expression read into the allowed values of each field. */
interface CronFields {
  readonly minutes: readonly boolean[];
  readonly hours: readonly boolean[];
  readonly days: readonly boolean[];
  readonly months: readonly boolean[];
  readonly weekdays: readonly boolean[];
  /** Both day fields restricted: a day matches when either does (as in every cron). */
  readonly eitherDay: boolean;
}

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

const MINUTE_MS = 60_000;
// Four years and a day: every expression that can match at all matches within it (29 February).
const HORIZON_MS = (4 * 366 + 1) * 86_400_000;

const invalid = (expression: string, why: string): AppError =>
  new AppError('CONFIG_INVALID', {
    message: `cron "${expression}": ${why}; expected five fields (minute hour day-of-month month day-of-week) of *, n, a-b, a,b or */n, read in UTC — e.g. "0 3 * * *" for 03:00 daily`,
    details: { cron: expression },
  });

const parseField = (
  expression: string,
  text: string,
  field: (typeof FIELDS)[number],
): { readonly allowed: boolean[]; readonly star: boolean } => {
  const allowed = new Array<boolean>(field.max + 1).fill(false);
  const number = (part: string): number => {
    if (!/^\d+$/.test(part)) throw invalid(expression, `${field.name} "${part}" is not a number`);
    const n = Number(part);
    if (n < field.min || n > field.max)
      throw invalid(expression, `${field.name} ${n} is outside ${field.min}–${field.max}`);
    return n;
  };
  for (const item of text.split(',')) {
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) throw invalid(expression, `${field.name} "${item}" has two steps`);
    const step = stepText === undefined ? 1 : number(stepText);
    if (step === 0) throw invalid(expression, `${field.name} "${item}" has a step of 0`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [field.min, field.max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [number(a), number(b)];
      if (from > to) throw invalid(expression, `${field.name} range "${range}" runs backwards`);
    } else {
      from = number(range);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) allowed[v] = true;
  }
  return { allowed, star: text === '*' };
};

/** Read a five-field cron expression, or fail with CONFIG_INVALID saying which field and why. */
const parseCron = (expression: string): CronFields => {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) throw invalid(expression, `it has ${parts.length} fields`);
  const [minutes, hours, days, months, weekdays] = FIELDS.map((field, i) =>
    parseField(expression, parts[i] ?? '', field),
  ) as [ReturnType<typeof parseField>, ...ReturnType<typeof parseField>[]];
  const week = weekdays!.allowed;
  if (week[7] === true) week[0] = true; // 7 is Sunday too
  return {
    minutes: minutes.allowed,
    hours: hours!.allowed,
    days: days!.allowed,
    months: months!.allowed,
    weekdays: week,
    eitherDay: !days!.star && !weekdays!.star,
  };
};

const dayMatches = (cron: CronFields, date: Date): boolean => {
  const dom = cron.days[date.getUTCDate()] === true;
  const dow = cron.weekdays[date.getUTCDay()] === true;
  return cron.eitherDay ? dom || dow : dom && dow;
};

/** The first minute strictly after `afterMs` that `cron` matches, skipping whole months, days, hours. */
const nextCron = (expression: string, cron: CronFields, afterMs: number): number => {
  const d = new Date(Math.floor(afterMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const limit = afterMs + HORIZON_MS;
  while (d.getTime() <= limit) {
    if (cron.months[d.getUTCMonth() + 1] !== true) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(cron, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (cron.hours[d.getUTCHours()] !== true) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    } else if (cron.minutes[d.getUTCMinutes()] !== true) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    } else return d.getTime();
  }
  throw invalid(expression, 'it never matches a real date');
};

/**
 * Check a schedule once (at registration), so that a bad one fails at start-up saying why:
 * `every` a whole number of milliseconds of at least a second, or a cron expression that matches.
 */
export const checkSchedule = (schedule: Schedule, task: string): void => {
  if ('every' in schedule) {
    if (!Number.isInteger(schedule.every) || schedule.every < 1000) {
      throw new AppError('CONFIG_INVALID', {
        message: `scheduled task "${task}": every must be a whole number of milliseconds, at least 1000; got ${String(schedule.every)}`,
        details: { task },
      });
    }
    return;
  }
  nextCron(schedule.cron, parseCron(schedule.cron), 0);
};

/**
 * The schedule's first occurrence strictly after `afterMs` (ms since the epoch). Occurrences are
 * a pure function of the schedule, so every process agrees on them: `every` counts multiples of
 * its period from the epoch, `cron` matches whole UTC minutes.
 */
export const nextOccurrence = (schedule: Schedule, afterMs: number): number => {
  if ('every' in schedule) return (Math.floor(afterMs / schedule.every) + 1) * schedule.every;
  return nextCron(schedule.cron, parseCron(schedule.cron), afterMs);
};
