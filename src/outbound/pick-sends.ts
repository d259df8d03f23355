import { zonedParts } from '../domain/zoned-time.js';
import { WEEKDAYS, type CampaignConfig } from './campaign-config.js';

/** A message waiting to go: to which company domain, the recipient's zone if known, due when. */
export interface QueuedMessage {
  readonly id: string;
  readonly domain: string;
  /** The recipient's IANA zone; the campaign's when unknown. */
  readonly timeZone?: string;
  /** The earliest it may go (the sequence's delay after the previous message). */
  readonly dueAt: string;
}

/** A message already sent by the campaign: when and to which domain. */
export interface SentRecord {
  readonly at: string;
  readonly domain: string;
}

/** The part of a campaign the sending pace is made of. */
export type SendRules = Pick<CampaignConfig, 'limits' | 'quietHours' | 'sendingDays' | 'timeZone'>;

const QUARTER_HOUR = 15 * 60_000;
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The campaign-zone calendar day of an instant: what `perDay` and `perDomainPerDay` count by. */
const dayOf = (ms: number, zone: string): string => {
  const p = zonedParts(ms, zone);
  return `${p.year}-${p.month}-${p.day}`;
};

/** Whether a message may reach its recipient at `ms`: a sending day, outside quiet hours, in their zone. */
export const inSendingWindow = (ms: number, zone: string, rules: SendRules): boolean => {
  const p = zonedParts(ms, zone);
  if (!rules.sendingDays.includes(WEEKDAYS[p.weekday] ?? 'sun')) return false;
  const minute = p.hour * 60 + p.minute;
  const from = minutesOf(rules.quietHours.from);
  const to = minutesOf(rules.quietHours.to);
  const quiet = from <= to ? minute >= from && minute < to : minute >= from || minute < to;
  return !quiet;
};

/** The first quarter hour from `ms` on (within 8 days) when the window is open; undefined if never. */
const nextWindow = (ms: number, zone: string, rules: SendRules): number | undefined => {
  if (inSendingWindow(ms, zone, rules)) return ms;
  const start = Math.ceil(ms / QUARTER_HOUR) * QUARTER_HOUR;
  for (let t = start; t < ms + 8 * 86_400_000; t += QUARTER_HOUR)
    if (inSendingWindow(t, zone, rules)) return t;
  return undefined;
};

/**
 * Which queued messages go now, and when to look again. A message goes when it is due, its
 * recipient is inside the sending window (a sending day, outside quiet hours, in their zone),
 * and sending it keeps the campaign within `perDay` and the domain within `perDomainPerDay`
 * (days in the campaign's zone, counting what was sent and what is picked now) and at least
 * `minGapSeconds` after the last send. Oldest due first. A pure function of its inputs: the
 * caller sends what it returns, records it, and calls again at `nextAt`.
 */
export const pickSends = (
  queue: readonly QueuedMessage[],
  sent: readonly SentRecord[],
  rules: SendRules,
  nowMs: number,
): { readonly send: QueuedMessage[]; readonly nextAt?: string } => {
  const today = dayOf(nowMs, rules.timeZone);
  let sentToday = 0;
  const perDomain = new Map<string, number>();
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const s of sent) {
    const at = Date.parse(s.at);
    lastMs = Math.max(lastMs, at);
    if (dayOf(at, rules.timeZone) !== today) continue;
    sentToday++;
    perDomain.set(s.domain, (perDomain.get(s.domain) ?? 0) + 1);
  }
  const gapMs = rules.limits.minGapSeconds * 1000;
  const picked: QueuedMessage[] = [];
  let next = Number.POSITIVE_INFINITY;
  const later = (ms: number | undefined): void => {
    if (ms !== undefined && ms > nowMs) next = Math.min(next, ms);
  };
  const ordered = [...queue].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
  // The next campaign day starts the counts afresh: look again then if today is full.
  const tomorrow = (): number => {
    let t = Math.ceil((nowMs + 1) / QUARTER_HOUR) * QUARTER_HOUR;
    while (dayOf(t, rules.timeZone) === today) t += QUARTER_HOUR;
    return t;
  };
  // Looking for the next open window costs up to a week of quarter hours: once per zone and
  // start, not per message (the earliest start of a zone gives its earliest window).
  const earliestDue = new Map<string, number>();
  const closedNow = new Set<string>();
  const openNow = new Map<string, boolean>();
  for (const message of ordered) {
    const due = Date.parse(message.dueAt);
    const zone = message.timeZone ?? rules.timeZone;
    if (due > nowMs) {
      earliestDue.set(zone, Math.min(earliestDue.get(zone) ?? Number.POSITIVE_INFINITY, due));
      continue;
    }
    let open = openNow.get(zone);
    if (open === undefined) openNow.set(zone, (open = inSendingWindow(nowMs, zone, rules)));
    if (!open) {
      closedNow.add(zone);
      continue;
    }
    if (sentToday >= rules.limits.perDay) {
      later(tomorrow());
      break;
    }
    if ((perDomain.get(message.domain) ?? 0) >= rules.limits.perDomainPerDay) {
      later(tomorrow());
      continue;
    }
    if (nowMs - lastMs < gapMs) {
      later(lastMs + gapMs);
      break;
    }
    picked.push(message);
    sentToday++;
    perDomain.set(message.domain, (perDomain.get(message.domain) ?? 0) + 1);
    lastMs = nowMs;
  }
  for (const zone of closedNow) later(nextWindow(nowMs, zone, rules));
  for (const [zone, due] of earliestDue) later(nextWindow(due, zone, rules));
  return Number.isFinite(next) ? { send: picked, nextAt: new Date(next).toISOString() } : { send: picked };
};
