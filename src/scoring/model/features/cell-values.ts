import { DEFAULT_EMPTY_VALUES } from '../../../intake/map/map-header.js';

const EMPTY = new Set<string>(DEFAULT_EMPTY_VALUES);
// The first characters of the placeholders, lowercased (| 0x20 folds ASCII case; '#', '-' and
// '(' are unchanged by it): a cell starting otherwise — every number — skips the lookup.
const PLACEHOLDER_START = new Uint8Array(128);
for (const v of DEFAULT_EMPTY_VALUES) PLACEHOLDER_START[v.charCodeAt(0) | 0x20] = 1;

/** The cell's text trimmed, or '' when it means "not answered" (blank, "Select", "N/A", …). */
export const cellText = (raw: string | undefined): string => {
  if (raw === undefined) return '';
  const t = raw.trim();
  if (t.length === 0 || t.length > 14 || PLACEHOLDER_START[t.charCodeAt(0) | 0x20] !== 1) return t;
  return EMPTY.has(t.toLowerCase()) ? '' : t;
};

const GROUPED = /^[-+]?[$€£¥]?\s?\d{1,3}(,\d{3})+(\.\d+)?%?$/;
const PLAIN = /^[-+]?[$€£¥]?\s?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%?$/;
// Number() also reads JavaScript literals ("0x10", "0b11", "Infinity") that are not cell numbers.
const RADIX_PREFIX = /^0[box]/i;

/**
 * A number from a cell: plain (`12`, `-3.5`, `1e3`), with thousands commas (`1,532`), a
 * currency sign or a trailing percent (kept as written: `12%` → 12); surrounding blanks are
 * ignored. NaN when not a finite number.
 */
export const parseNumberCell = (raw: string): number => {
  // Cells from `cellText` are already trimmed; trimming again costs a scan of every cell.
  const c0 = raw.charCodeAt(0);
  const text = c0 > 32 && raw.charCodeAt(raw.length - 1) > 32 ? raw : raw.trim();
  if (text.length === 0) return NaN;
  const fast = Number(text);
  if (Number.isFinite(fast) && !(text.length > 2 && text.charCodeAt(0) === 48 && RADIX_PREFIX.test(text)))
    return fast;
  if (!PLAIN.test(text) && !GROUPED.test(text)) return NaN;
  const n = Number(text.replace(/[,$€£¥%\s]/g, ''));
  return Number.isFinite(n) ? n : NaN;
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
  const iso = ISO_DATE.exec(text);
  if (iso) {
    // Date.parse reads a date-time without a zone as local time; the machine's zone must not
    // change a model's features, so such a time is read as UTC.
    if (iso[1] === undefined) return Date.parse(`${text}T00:00:00Z`);
    const t = text.replace(' ', 'T');
    return Date.parse(iso[2] === undefined ? `${t}Z` : t);
  }
  const m = SLASH_DATE.exec(text);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
};

/** Which way round a column writes its slashed dates: month first (US) or day first. */
export type SlashOrder = 'mdy' | 'dmy';

const SLASH_DMY_OR_MDY =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

/** The two leading numbers of a `NN/NN/YYYY` date, or undefined when the text is not one. */
export const slashParts = (text: string): readonly [number, number] | undefined => {
  const m = SLASH_DMY_OR_MDY.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
};

/**
 * Milliseconds since the epoch (UTC) of `MM/DD/YYYY` or `DD/MM/YYYY` with an optional time
 * (`10:30`, `10:30:15`, `2:05 PM`), read in the given order; NaN when not such a date. The order
 * is decided per column (see `inferFeaturePlan`), never per cell.
 */
export const parseSlashDate = (text: string, order: SlashOrder): number => {
  const m = SLASH_DMY_OR_MDY.exec(text);
  if (!m) return NaN;
  const [a, b] = [Number(m[1]), Number(m[2])];
  const [month, day] = order === 'mdy' ? [a, b] : [b, a];
  if (month < 1 || month > 12 || day < 1 || day > 31) return NaN;
  let hour = m[4] === undefined ? 0 : Number(m[4]);
  const pm = m[7]?.toLowerCase() === 'pm';
  if (m[7] !== undefined) hour = (hour % 12) + (pm ? 12 : 0);
  return Date.UTC(Number(m[3]), month - 1, day, hour, Number(m[5] ?? 0), Number(m[6] ?? 0));
};
