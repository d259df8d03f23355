import { ACTIVITY_TYPES, type Activity } from '../../../domain/activity.js';

/** The prefix of the behaviour columns, so that they never collide with a file's own columns. */
export const EVENT_PREFIX = 'leadsift events: ';

/** Events count when they happened in this many days up to the moment the lead is scored. */
export const EVENT_WINDOW_DAYS = 90;

const DAY = 86_400_000;
const COUNTED = ACTIVITY_TYPES.filter((t) => t !== 'custom');

/** The behaviour column names, in order. */
export const EVENT_COLUMNS: readonly string[] = [
  ...COUNTED.map((t) => `${EVENT_PREFIX}${t} (${EVENT_WINDOW_DAYS} days)`),
  `${EVENT_PREFIX}all (${EVENT_WINDOW_DAYS} days)`,
  `${EVENT_PREFIX}days since the last`,
];

/**
 * A lead's behaviour as columns the model can learn from: how many events of each type it had
 * in the `EVENT_WINDOW_DAYS` days up to `asOfMs`, in all, and how many days ago the last one was
 * (empty when none). Events after `asOfMs` are ignored: at training time `asOfMs` is when the
 * outcome was recorded, so what happened after the sale cannot explain the sale.
 */
export const eventColumns = (
  activities: readonly Pick<Activity, 'type' | 'occurredAt'>[],
  asOfMs: number,
): Record<string, string> => {
  const counts = new Map<string, number>();
  let all = 0;
  let last = -Infinity;
  for (const a of activities) {
    const at = Date.parse(a.occurredAt);
    if (!(at <= asOfMs)) continue;
    if (at > last) last = at;
    if (asOfMs - at > EVENT_WINDOW_DAYS * DAY) continue;
    counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    all++;
  }
  const out: Record<string, string> = {};
  COUNTED.forEach((t, i) => (out[EVENT_COLUMNS[i] as string] = String(counts.get(t) ?? 0)));
  out[EVENT_COLUMNS[COUNTED.length] as string] = String(all);
  out[EVENT_COLUMNS[COUNTED.length + 1] as string] =
    last === -Infinity ? '' : String(Math.floor((asOfMs - last) / DAY));
  return out;
};

/** True when a plan reads any behaviour column. */
export const usesEvents = (columns: readonly { readonly column: string }[]): boolean =>
  columns.some((c) => c.column.startsWith(EVENT_PREFIX));
