import { DEFAULT_EMPTY_VALUES } from '../../../intake/map/map-header.js';

const EMPTY = new Set<string>(DEFAULT_EMPTY_VALUES);

/** The cell's text trimmed, or '' when it means "not answered" (blank, "Select", "N/A", …). */
export const cellText = (raw: string | undefined): string => {
  if (raw === undefined) return '';
  const t = raw.trim();
  if (t.length === 0 || t.length > 14) return t;
  return EMPTY.has(t.toLowerCase()) ? '' : t;
};

const GROUPED = /^[-+]?[$€£¥]?\s?\d{1,3}(,\d{3})+(\.\d+)?%?$/;
const PLAIN = /^[-+]?[$€£¥]?\s?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?$/;

/**
 * A number from a cell: plain (`12`, `-3.5`, `1e3`), with thousands commas (`1,532`), a
 * currency sign or a trailing percent (kept as written: `12%` → 12). NaN when not a number.
 */
export const parseNumberCell = (text: string): number => {
  if (text.length === 0) return NaN;
  const fast = Number(text);
  if (fast === fast && text.trim() === text) return fast;
  if (!PLAIN.test(text) && !GROUPED.test(text)) return NaN;
  return Number(text.replace(/[,$€£¥%\s]/g, ''));
};

const TRUE = new Set(['yes', 'y', 'true', 't', '1']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0']);

/** 1 for yes/true/y/t/1, 0 for no/false/n/f/0 (any case), NaN otherwise. */
export const parseBooleanCell = (text: string): number => {
  const t = text.toLowerCase();
  return TRUE.has(t) ? 1 : FALSE.has(t) ? 0 : NaN;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/**
 * Milliseconds since the epoch for an ISO 8601 date or date-time (`2024-03-01`,
 * `2024-03-01T10:00:00Z`) or `YYYY/MM/DD`; NaN otherwise. Day-first and month-first dates
 * are ambiguous and deliberately not guessed: such a column stays categorical.
 */
export const parseDateCell = (text: string): number => {
  if (ISO_DATE.test(text)) return Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  const m = SLASH_DATE.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
};
