import * as chrono from 'chrono-node';
import { zonedParts } from '../../domain/zoned-time.js';
import type { Slot } from './free-slots.js';

const ORDINALS: readonly (readonly [RegExp, (n: number) => number])[] = [
  [/\b(?:second|2nd|two)\b/i, () => 1],
  [/\b(?:third|3rd|three)\b/i, () => 2],
  [/\b(?:last|final)\b/i, (n) => n - 1],
  [/\b(?:first|1st)\b|^\W*(?:the )?one\W*$/i, () => 0],
];
const NUMBER = /^\W*(?:option|slot|number|no\.?|#)?\s*([1-9])\W*$|\b(?:option|slot|number|#)\s*([1-9])\b/i;

/** The index a message picks by position: "the second one", "2", "option 3", "last". */
const byPosition = (text: string, count: number): number | undefined => {
  const n = NUMBER.exec(text);
  if (n !== null) return Number(n[1] ?? n[2]) - 1;
  for (const [pattern, index] of ORDINALS) if (pattern.test(text)) return index(count);
  return undefined;
};

/** The slot a message names by time: "Tuesday 3pm", "the 1st at 10:30", "Friday" (when only one is on Friday). */
const byTime = (text: string, offered: readonly Slot[], now: Date, timeZone: string): Slot | undefined => {
  const found = chrono.parse(text, now, { forwardDate: true })[0];
  if (found === undefined) return undefined;
  const s = found.start;
  const matches = offered.filter((slot) => {
    const p = zonedParts(Date.parse(slot.start), timeZone);
    if (s.isCertain('weekday') && s.get('weekday') !== p.weekday) return false;
    if (s.isCertain('day') && (s.get('day') !== p.day || s.get('month') !== p.month)) return false;
    if (s.isCertain('hour') && (s.get('hour') !== p.hour || (s.get('minute') ?? 0) !== p.minute))
      return false;
    return s.isCertain('weekday') || s.isCertain('day') || s.isCertain('hour');
  });
  return matches.length === 1 ? matches[0] : undefined;
};

/**
 * The offered slot the prospect picked: by position ("the second one", "2") or by the time
 * they name, read in their zone ("Tuesday 3pm"). Undefined when the pick is unclear or
 * matches several slots — the caller asks again rather than booking a guess.
 */
export const pickSlot = (
  text: string,
  offered: readonly Slot[],
  now: Date,
  timeZone: string,
): Slot | undefined => {
  const index = byPosition(text, offered.length);
  if (index !== undefined) return offered[index];
  return byTime(text, offered, now, timeZone);
};
