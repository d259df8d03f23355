import nlp from 'compromise';
import { spanOf, type Budget, type Extraction, type UnderstandContext } from './understanding.js';

const CURRENCY_WORDS: Readonly<Record<string, string>> = {
  $: 'USD',
  us$: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  bucks: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  chf: 'CHF',
};
const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  grand: 1e3,
  tsd: 1e3,
  m: 1e6,
  mm: 1e6,
  mil: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
};

// One amount: optional currency, a number with thousands separators or a decimal part, an
// optional multiplier and an optional currency after it ("$50k", "40.000 EUR", "2,5k€").
const AMOUNT =
  /(?<![\w.,])(us\$|\$|€|£|usd|eur|gbp|chf)?\s?(\d{1,3}(?:[.,\s]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)\s?(k|mm|m|mil|mio|million|millions|thousand|grand|tsd)?\b\s?(us\$|\$|€|£|usd|eur|gbp|chf|dollars?|bucks|euros?|pounds?)?(?![\w])/gi;
// Words after a number that make it something other than money.
const NOT_MONEY_AFTER =
  /^\s*(?:%|percent|employees|people|persons|staff|users|seats|licen[cs]es|reps|agents|weeks?|months?|days?|years?|hours?|hrs?|h\b|mins?|minutes|am\b|pm\b|o'?clock|leads|deals|customers|st\b|nd\b|rd\b|th\b|x\b)/i;
const BUDGET_WORDS =
  /\b(?:budget|spend|spending|afford|invest|price|pay|paying|allocated|approved|per (?:year|month|annum)|annually|yearly|a year|\/yr|\/year)\b/i;
const APPROX_BEFORE =
  /(?:around|about|approx(?:\.|imately)?|roughly|~|circa|ca\.|maybe|something like|ballpark)\s*$/i;
const UP_TO_BEFORE = /(?:up to|under|below|less than|max(?:imum)?\.?|no more than|at most|<)\s*$/i;
const AT_LEAST_BEFORE = /(?:at least|over|above|more than|min(?:imum)?\.?|from|>)\s*$/i;
const RANGE_JOIN = /^\s*(?:-|–|—|to|and|or)\s*$/i;

const NONE_PATTERNS: readonly RegExp[] = [
  /\bno\s+(?:real\s+|dedicated\s+|allocated\s+|approved\s+|set\s+)?budget\b/i,
  /\b(?:don'?t|do not|dont|doesn'?t|does not|didn'?t)\s+have\s+(?:a\s+|any\s+|the\s+)?budget\b/i,
  /\b(?:haven'?t|have not|not)\s+(?:got\s+|set\s+|yet\s+)?(?:a\s+|any\s+)?budget\b/i,
  /\bbudget\s+(?:is\s+|was\s+)?(?:not|isn'?t|wasn'?t)\s+(?:yet\s+)?(?:approved|allocated|set|defined|decided|available|there)\b/i,
  /\bbudget\s*(?::|=|is)?\s*(?:none|zero|nil|tbd|unknown)\b/i,
  /\b(?:zero|nil)\s+budget\b/i,
  /\bno\s+money\b/i,
  /\bcan'?t\s+afford\b/i,
];
const TERSE_NONE = /^\s*(?:no|none|nothing|not yet|nope|zero|nada|nein|non)\b[\s.!]*(?:yet|so far)?[\s.!]*$/i;

interface Amount {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly currency?: string;
  readonly multiplied: boolean;
  /** The multiplier written after the number (1000 for "k"), 1 when none. */
  readonly scale: number;
}

const parseNumber = (digits: string): number => {
  const compact = digits.replace(/\s/g, '');
  // "40.000" and "1,500,000" use separators for thousands; "2,5" and "1.5" are decimals.
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(compact)) return Number(compact.replace(/[.,]/g, ''));
  return Number(compact.replace(',', '.'));
};

const amountsIn = (text: string): Amount[] => {
  const found: Amount[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const [whole, pre, digits = '', mult, post] = m;
    const start = m.index;
    const end = start + whole.trimEnd().length;
    if (NOT_MONEY_AFTER.test(text.slice(start + whole.length))) continue;
    const multiplier = mult === undefined ? 1 : (MULTIPLIERS[mult.toLowerCase()] ?? 1);
    const currency = CURRENCY_WORDS[(pre ?? post ?? '').toLowerCase()];
    const value = parseNumber(digits) * multiplier;
    // A bare year ("2027") is not an amount.
    if (currency === undefined && mult === undefined && value >= 1900 && value <= 2100) continue;
    found.push({
      start,
      end,
      value,
      multiplied: mult !== undefined,
      scale: multiplier,
      ...(currency === undefined ? {} : { currency }),
    });
  }
  return found;
};

/** Number words ("thirty thousand euros") through compromise, when no digits were written. */
const wordAmounts = (text: string): Amount[] => {
  const numbers = nlp(text).numbers().json({ offset: true }) as ReadonlyArray<{
    readonly text?: string;
    readonly number?: { readonly num?: number; readonly unit?: string };
    readonly offset?: { readonly start: number; readonly length: number };
  }>;
  return numbers.flatMap((n) => {
    const value = n.number?.num;
    // Digits were read by `amountsIn`; here only amounts written in words count.
    if (value === undefined || n.offset === undefined || value < 100 || /\d/.test(n.text ?? '')) return [];
    if (NOT_MONEY_AFTER.test(text.slice(n.offset.start + n.offset.length))) return [];
    const currency = CURRENCY_WORDS[(n.number?.unit ?? '').toLowerCase()];
    const start = n.offset.start;
    return [
      {
        start,
        end: start + n.offset.length,
        value,
        multiplied: true,
        scale: 1,
        ...(currency === undefined ? {} : { currency }),
      },
    ];
  });
};

/** The first amount (or "40-60k" range) that counts as money, as a budget and its span. */
const budgetFrom = (
  text: string,
  amounts: readonly Amount[],
  counts: (a: Amount) => boolean,
): { budget: Budget; start: number; end: number; sure: boolean } | undefined => {
  for (let i = 0; i < amounts.length; i++) {
    const first = amounts[i] as Amount;
    const second = amounts[i + 1];
    const before = text.slice(Math.max(0, first.start - 24), first.start);
    const approximate = APPROX_BEFORE.test(before);
    if (second !== undefined && RANGE_JOIN.test(text.slice(first.end, second.start))) {
      if (!counts(first) && !counts(second)) continue;
      // "40-60k EUR": the multiplier and currency written once apply to both ends.
      const low = !first.multiplied && second.multiplied ? first.value * second.scale : first.value;
      const currency = first.currency ?? second.currency;
      const budget: Budget = {
        kind: 'amount',
        min: Math.min(low, second.value),
        max: Math.max(low, second.value),
        approximate,
        ...(currency === undefined ? {} : { currency }),
      };
      const sure = currency !== undefined || second.multiplied;
      return { budget, start: first.start, end: second.end, sure };
    }
    if (!counts(first)) continue;
    const base = { approximate, ...(first.currency === undefined ? {} : { currency: first.currency }) };
    const budget: Budget = UP_TO_BEFORE.test(before)
      ? { kind: 'amount', min: 0, max: first.value, ...base }
      : AT_LEAST_BEFORE.test(before)
        ? { kind: 'amount', min: first.value, ...base }
        : { kind: 'amount', min: first.value, max: first.value, ...base };
    return {
      budget,
      start: first.start,
      end: first.end,
      sure: first.currency !== undefined || first.multiplied,
    };
  }
  return undefined;
};

/**
 * Reads a budget from a message: an amount or range with its currency, or "no budget". A number
 * counts as money when it carries a currency or a multiplier (k, m), when the message talks about
 * budget or spending, or when the budget was just asked for ("30k", "budget 30k", "40-60k EUR").
 */
export const extractBudget = (text: string, context: UnderstandContext): Extraction<Budget> | undefined => {
  for (const pattern of NONE_PATTERNS) {
    const m = pattern.exec(text);
    if (m !== null)
      return { value: { kind: 'none' }, confidence: 0.9, span: spanOf(text, m.index, m.index + m[0].length) };
  }
  const expecting = context.expecting === 'budget';
  const talksMoney = BUDGET_WORDS.test(text);
  const counts = (a: Amount): boolean => a.currency !== undefined || a.multiplied || talksMoney || expecting;
  let found = budgetFrom(text, amountsIn(text), counts);
  if (found === undefined && (talksMoney || expecting)) found = budgetFrom(text, wordAmounts(text), counts);
  if (found === undefined) {
    const terse = expecting ? TERSE_NONE.exec(text) : null;
    if (terse === null) return undefined;
    return {
      value: { kind: 'none' },
      confidence: 0.7,
      span: spanOf(text, terse.index, terse.index + terse[0].trim().length),
    };
  }
  const confidence = found.sure && talksMoney ? 0.95 : found.sure || talksMoney ? 0.85 : 0.7;
  return { value: found.budget, confidence, span: spanOf(text, found.start, found.end) };
};
