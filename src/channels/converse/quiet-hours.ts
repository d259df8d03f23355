import { zonedParts } from '../../domain/zoned-time.js';

/** Hours in which the agent does not write first, as local `HH:MM` (may span midnight). */
export interface QuietHours {
  readonly from: string;
  readonly to: string;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const QUARTER_HOUR = 900_000;

/** Whether `ms` falls in the quiet hours of `timeZone`. */
export const isQuiet = (ms: number, timeZone: string, quiet: QuietHours): boolean => {
  const p = zonedParts(ms, timeZone);
  const minute = p.hour * 60 + p.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
};

/**
 * The first moment from `ms` on when the agent may write first to someone in `timeZone`: `ms`
 * itself outside quiet hours, else the first quarter hour after they end (read in the zone, so
 * daylight-saving changes move it with the prospect's clock).
 */
export const nextSendingTime = (ms: number, timeZone: string, quiet: QuietHours): number => {
  if (!isQuiet(ms, timeZone, quiet)) return ms;
  for (let t = Math.ceil(ms / QUARTER_HOUR) * QUARTER_HOUR; t < ms + 2 * 86_400_000; t += QUARTER_HOUR)
    if (!isQuiet(t, timeZone, quiet)) return t;
  return ms;
};
