import * as chrono from 'chrono-node';
import { addDays, isoDate, lastDayOf, zonedParts } from '../../domain/zoned-time.js';
import { spanOf, type Extraction, type Timeline, type UnderstandContext } from './understanding.js';

const ASAP =
  /\b(?:asap|a\.s\.a\.p\.?|as soon as possible|right away|immediately|urgent(?:ly)?|yesterday|this week|straight away|now now|right now)\b/i;
const NONE =
  /\b(?:no (?:real |fixed |set )?(?:timeline|time ?frame|rush|plans?|deadline|hurry|date)|just (?:looking|browsing|researching|curious|exploring)|not (?:planning|looking) to buy|someday|some day|no idea when)\b/i;
const NOT_THIS_YEAR =
  /\bnot (?:this|before next|until next) year\b|\bnot before the end of (?:the|this) year\b/i;
const SEASON = /\b(?:(next|this)\s+)?(spring|summer|autumn|fall|winter)\b/i;
const SEASON_START: Readonly<Record<string, number>> = {
  spring: 3,
  summer: 6,
  autumn: 9,
  fall: 9,
  winter: 12,
};
const QUARTER =
  /\b(?:(?:q|quarter\s*)([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th) quarter)(?:\s*(?:of\s*)?(?:'|20)?(\d{2})\b|\s+(next|this) year)?/i;
const RELATIVE_QUARTER = /\b(this|next|the next|coming|following|end of (?:the|this)) quarter\b/i;
const HALF =
  /\b(?:h([12])|(first|second) half(?: of (?:the )?year)?)(?:\s*(?:'|20)(\d{2})\b|\s+(next|this) year)?/i;
const YEAR_PART = /\b(?:(early|mid|late|end of|beginning of|start of)[\s-]+)?(next|this) year\b/i;
// Words that make a date in a message a timeline rather than, say, a return from holiday.
const TIME_CONTEXT =
  /\b(?:by|before|within|in|until|till|start|starting|go(?:ing)? live|launch|live|implement\w*|roll ?out|deploy\w*|need|needed|deadline|timeline|time ?frame|plan\w*|looking|aim\w*|target\w*|decid\w*|decision|purchase|buy\w*|ready|soon|when)\b/i;

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
};

interface Today {
  readonly year: number;
  readonly month: number;
  readonly date: string;
}

const dated = (from: string, to: string): Timeline => ({ horizon: 'dated', from, to });

const quarterRange = (year: number, q: number): Timeline =>
  dated(isoDate(year, q * 3 - 2, 1), isoDate(year, q * 3, lastDayOf(year, q * 3)));

const yearOf = (
  today: Today,
  twoDigits: string | undefined,
  relative: string | undefined,
): number | undefined => {
  if (twoDigits !== undefined) return 2000 + Number(twoDigits);
  if (relative !== undefined) return today.year + (relative.toLowerCase() === 'next' ? 1 : 0);
  return undefined;
};

/** Our own patterns: quarters, halves, parts of a year, "ASAP", "no plans". */
const fromPatterns = (
  text: string,
  today: Today,
): { value: Timeline; m: RegExpExecArray; confidence: number } | undefined => {
  let m = NONE.exec(text);
  if (m !== null) return { value: { horizon: 'none' }, m, confidence: 0.85 };
  m = NOT_THIS_YEAR.exec(text);
  if (m !== null)
    return {
      value: dated(isoDate(today.year + 1, 1, 1), isoDate(today.year + 1, 12, 31)),
      m,
      confidence: 0.75,
    };
  m = ASAP.exec(text);
  if (m !== null) return { value: dated(today.date, addDays(today.date, 30)), m, confidence: 0.9 };
  m = QUARTER.exec(text);
  if (m !== null) {
    const q = m[1] !== undefined ? Number(m[1]) : (ORDINALS[(m[2] ?? '').toLowerCase()] ?? 1);
    const currentQ = Math.ceil(today.month / 3);
    // A quarter without a year is the next one of that number ("q1" in November is next year's).
    const year = yearOf(today, m[3], m[4]) ?? (q < currentQ ? today.year + 1 : today.year);
    return { value: quarterRange(year, q), m, confidence: 0.9 };
  }
  m = RELATIVE_QUARTER.exec(text);
  if (m !== null) {
    const currentQ = Math.ceil(today.month / 3);
    const which = (m[1] ?? '').toLowerCase();
    if (which === 'this' || which.startsWith('end of'))
      return { value: quarterRange(today.year, currentQ), m, confidence: 0.85 };
    const next = currentQ === 4 ? { year: today.year + 1, q: 1 } : { year: today.year, q: currentQ + 1 };
    return { value: quarterRange(next.year, next.q), m, confidence: 0.9 };
  }
  m = HALF.exec(text);
  if (m !== null) {
    const h = m[1] !== undefined ? Number(m[1]) : m[2]?.toLowerCase() === 'first' ? 1 : 2;
    const year = yearOf(today, m[3], m[4]) ?? (h === 1 && today.month > 6 ? today.year + 1 : today.year);
    return {
      value:
        h === 1
          ? dated(isoDate(year, 1, 1), isoDate(year, 6, 30))
          : dated(isoDate(year, 7, 1), isoDate(year, 12, 31)),
      m,
      confidence: 0.85,
    };
  }
  m = YEAR_PART.exec(text);
  if (m !== null) {
    const year = today.year + ((m[2] ?? '').toLowerCase() === 'next' ? 1 : 0);
    const part = (m[1] ?? '').toLowerCase();
    const [from, to] =
      part === 'early' || part === 'beginning of' || part === 'start of'
        ? [1, 4]
        : part === 'mid'
          ? [5, 8]
          : part === 'late' || part === 'end of'
            ? [9, 12]
            : [1, 12];
    const start = year === today.year && from < today.month ? today.date : isoDate(year, from, 1);
    return { value: dated(start, isoDate(year, to, lastDayOf(year, to))), m, confidence: 0.85 };
  }
  m = SEASON.exec(text);
  if (m !== null) {
    const first = SEASON_START[(m[2] ?? '').toLowerCase()] ?? 3;
    // A season without "next" is the coming one, or the current one while it lasts.
    let year = today.year + ((m[1] ?? '').toLowerCase() === 'next' ? 1 : 0);
    if (m[1] === undefined && today.month > first + 2) year += 1;
    const end = new Date(Date.UTC(year, first + 2, 0));
    const to = end.toISOString().slice(0, 10);
    const from = isoDate(year, first, 1) < today.date ? today.date : isoDate(year, first, 1);
    return { value: dated(from, to), m, confidence: 0.75 };
  }
  return undefined;
};

/** A date chrono found; a month without a day is the whole month ("by March" is by its end). */
const fromChrono = (
  text: string,
  now: Date,
  today: Today,
): { value: Timeline; index: number; end: number } | undefined => {
  const found = chrono.parse(text, now, { forwardDate: true })[0];
  if (found === undefined) return undefined;
  const s = found.start;
  const year = s.get('year') ?? today.year;
  const month = s.get('month') ?? today.month;
  const day = s.get('day') ?? 1;
  const exactDay = s.isCertain('day') || s.isCertain('weekday');
  const before = text.slice(0, found.index);
  const deadline =
    /\b(?:by|before|until|till|within|no later than)\s*(?:the\s*)?$/i.test(before) ||
    /\bwithin\b/i.test(found.text);
  const from = exactDay ? isoDate(year, month, day) : isoDate(year, month, 1);
  const to = exactDay ? isoDate(year, month, day) : isoDate(year, month, lastDayOf(year, month));
  const value =
    deadline || /\bin \d+|\bin (?:a|an|one|two|three|four|five|six)\b/i.test(found.text)
      ? dated(today.date, to)
      : dated(from, to);
  return { value, index: found.index, end: found.index + found.text.length };
};

/**
 * Reads when the prospect wants a solution: our own patterns for quarters ("q3", "next
 * quarter"), halves, parts of a year, "ASAP", "not this year" and "no plans", then chrono-node
 * for dates ("by March", "in 6 weeks"), resolved against `context.now` in the prospect's zone.
 * A date counts only next to timeline words or when the timeline was just asked for.
 */
export const extractTimeline = (
  text: string,
  context: UnderstandContext,
): Extraction<Timeline> | undefined => {
  const p = zonedParts(context.now.getTime(), context.timeZone ?? 'UTC');
  const today: Today = { year: p.year, month: p.month, date: isoDate(p.year, p.month, p.day) };
  const own = fromPatterns(text, today);
  if (own !== undefined)
    return {
      value: own.value,
      confidence: own.confidence,
      span: spanOf(text, own.m.index, own.m.index + own.m[0].length),
    };
  const expecting = context.expecting === 'timeline';
  if (!expecting && !TIME_CONTEXT.test(text)) return undefined;
  const date = fromChrono(text, context.now, today);
  if (date === undefined || (date.value.to !== undefined && date.value.to < today.date)) return undefined;
  return { value: date.value, confidence: expecting ? 0.85 : 0.75, span: spanOf(text, date.index, date.end) };
};
