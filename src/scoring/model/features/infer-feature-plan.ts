import {
  cellText,
  parseBooleanCell,
  parseDateCell,
  parseNumberCell,
  parseSlashDate,
  slashParts,
  type SlashOrder,
} from './cell-values.js';
import { OTHER, type ColumnPlan, type DroppedColumn, type FeaturePlan } from './feature-plan.js';

/** How columns are read into features. */
export interface InferOptions {
  /** Columns never used (post-contact fields, identifiers): matched case-insensitively. */
  readonly exclude?: readonly string[];
  /** Most categories kept per column; rarer values share the `(other)` category. */
  readonly maxCategories?: number;
  /** A value needs this many rows to be a category of its own. */
  readonly minCategoryCount?: number;
}

const ID_NAME = /(^|[^a-z])(id|ids|number|no|key|uuid|guid)$|^(id|uuid|guid)([^a-z]|$)/i;
// camelCase ids ("leadId", "accountID"), matched with case, or "Amount Paid" would be an id too.
const CAMEL_ID = /[a-z](Id|ID)$/;

interface ColumnStats {
  readonly filled: number;
  readonly counts: Map<string, number>;
  readonly numbers: number;
  readonly integers: number;
  readonly booleans: number;
  readonly dates: number;
  readonly latestDate: number;
  /** Cells written `NN/NN/YYYY`, and the largest first and second numbers among them. */
  readonly slashed: number;
  readonly slashFirst: number;
  readonly slashSecond: number;
}

const statsOf = (values: readonly string[]): ColumnStats => {
  const counts = new Map<string, number>();
  let filled = 0,
    numbers = 0,
    integers = 0,
    booleans = 0,
    dates = 0,
    latestDate = -Infinity,
    slashed = 0,
    slashFirst = 0,
    slashSecond = 0;
  for (const raw of values) {
    const t = cellText(raw);
    if (t.length === 0) continue;
    filled++;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    const n = parseNumberCell(t);
    if (n === n) {
      numbers++;
      if (Number.isInteger(n)) integers++;
    }
    if (parseBooleanCell(t) === parseBooleanCell(t)) booleans++;
    else if (n !== n) {
      const d = parseDateCell(t);
      if (d === d) {
        dates++;
        if (d > latestDate) latestDate = d;
      }
      const parts = d === d ? undefined : slashParts(t);
      if (parts !== undefined) {
        slashed++;
        slashFirst = Math.max(slashFirst, parts[0]);
        slashSecond = Math.max(slashSecond, parts[1]);
      }
    }
  }
  return { filled, counts, numbers, integers, booleans, dates, latestDate, slashed, slashFirst, slashSecond };
};

/**
 * The order of a column of `NN/NN/YYYY` dates, when the column itself settles it: a first number
 * above 12 means day first, a second above 12 month first. A column where both stay ≤ 12 is
 * ambiguous and stays categorical rather than guessed.
 */
const slashOrder = (s: ColumnStats): SlashOrder | undefined => {
  if (s.slashed < 0.98 * s.filled) return undefined;
  if (s.slashFirst > 12 && s.slashSecond <= 12) return 'dmy';
  if (s.slashSecond > 12 && s.slashFirst <= 12) return 'mdy';
  return undefined;
};

const latestSlashDate = (values: readonly string[], order: SlashOrder): number => {
  let latest = -Infinity;
  for (const raw of values) {
    const d = parseSlashDate(cellText(raw), order);
    if (d > latest) latest = d;
  }
  return latest;
};

const categoriesOf = (counts: Map<string, number>, max: number, minCount: number): string[] => {
  const ranked = [...counts.entries()].sort(
    (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const kept = ranked
    .filter(([, n]) => n >= minCount)
    .slice(0, max)
    .map(([v]) => v);
  return kept.length < ranked.length ? [...kept, OTHER] : kept;
};

const planColumn = (
  column: string,
  values: readonly string[],
  o: Required<InferOptions>,
): ColumnPlan | string => {
  const s = statsOf(values);
  const distinct = s.counts.size;
  if (s.filled === 0) return 'always empty';
  if (distinct === 1 && s.filled === values.length) return 'the same value in every row';
  const mostlyUnique = s.filled >= 50 && distinct >= 0.95 * s.filled;
  if (s.booleans === s.filled && distinct <= 2) return { column, kind: 'boolean' };
  if (s.numbers >= 0.98 * s.filled) {
    const name = column.trim();
    if (mostlyUnique && s.integers === s.numbers && (ID_NAME.test(name) || CAMEL_ID.test(name)))
      return 'an identifier (a different whole number in nearly every row)';
    return { column, kind: 'numeric' };
  }
  if (s.dates >= 0.98 * s.filled) return { column, kind: 'date', reference: s.latestDate };
  const order = slashOrder(s);
  if (order !== undefined) return { column, kind: 'date', reference: latestSlashDate(values, order), order };
  if (mostlyUnique) return 'nearly every value is different (an identifier or free text)';
  const categories = categoriesOf(s.counts, o.maxCategories, o.minCategoryCount);
  if (categories.length === 1 && categories[0] === OTHER && s.filled === values.length)
    return 'no value occurs often enough to learn from';
  return { column, kind: 'categorical', categories };
};

/**
 * Decides from the data how each column becomes features: booleans, numbers (≥ 98 % of the
 * filled cells parse), ISO dates or `NN/NN/YYYY` dates whose order the column settles, else categories (the most frequent, rare values pooled as
 * `(other)`). Blank cells and placeholders ("Select", "N/A") are missing values, which the
 * models treat as information. Excluded columns, empty or constant columns, identifiers and
 * free text are dropped with the reason.
 */
export const inferFeaturePlan = (
  header: readonly string[],
  columns: readonly (readonly string[])[],
  options: InferOptions = {},
): FeaturePlan => {
  const o: Required<InferOptions> = {
    exclude: options.exclude ?? [],
    maxCategories: options.maxCategories ?? 250,
    minCategoryCount: options.minCategoryCount ?? 5,
  };
  const excluded = new Set(o.exclude.map((c) => c.trim().toLowerCase()));
  const planned: ColumnPlan[] = [];
  const dropped: DroppedColumn[] = [];
  header.forEach((column, c) => {
    if (excluded.has(column.trim().toLowerCase())) {
      dropped.push({ column, reason: 'excluded (post-contact or not to be used)' });
      return;
    }
    const plan = planColumn(column, columns[c] ?? [], o);
    if (typeof plan === 'string') dropped.push({ column, reason: plan });
    else planned.push(plan);
  });
  return { columns: planned, dropped };
};
