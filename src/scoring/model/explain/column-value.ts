import { formatCount } from '../../../domain/format-count.js';
import type { FeatureInfo } from '../feature-matrix.js';

/** How one source column's value reads in a reason about a lead. */
export interface ColumnValue {
  /** The category label, the formatted number, "12 days ago"; null when missing or not shown. */
  readonly value: string | null;
  /** True when the lead has no value in this column (every feature from it is missing). */
  readonly missing: boolean;
  /** The sentence's subject: "Lead Source 'Reference'", "Specialization missing", "Created". */
  readonly phrase: string;
}

/** A number as people read it: thousands separators, at most 2 decimals ("1,532.5"). */
export const formatNumber = (v: number): string =>
  formatCount((Math.sign(v) * Math.round(Math.abs(v) * 100)) / 100 + 0);

const words = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** True when the feature's name is its column's name plus more ("Created month"). */
const extendsColumn = (feature: FeatureInfo): boolean =>
  words(feature.name).startsWith(`${words(feature.column)} `);

/** What a feature's name says beyond its column's: "" for the column itself, "month", "days since created". */
const derivedPart = (feature: FeatureInfo): string => {
  const name = words(feature.name);
  const column = words(feature.column);
  if (name === column) return '';
  return extendsColumn(feature) ? name.slice(column.length + 1) : name;
};

/**
 * An age in days of a date column ("Created age_days", "days_since_created"). An unqualified
 * "age" is read as days too; a feature in other units is not recognised and shows no value.
 */
const isAgeInDays = (feature: FeatureInfo): boolean => {
  const part = derivedPart(feature);
  if (feature.kind !== 'numeric') return false;
  return part === 'age' || (/\bdays?\b/.test(part) && /\b(age|ago|since|old|elapsed)\b/.test(part));
};

const agoWords = (days: number): string => {
  const n = Math.round(days);
  if (n === 0) return 'today';
  const count = `${formatNumber(Math.abs(n))} ${Math.abs(n) === 1 ? 'day' : 'days'}`;
  return n > 0 ? `${count} ago` : `in ${count}`;
};

const missingValue = (column: string): ColumnValue => ({
  value: null,
  missing: true,
  phrase: `${column} missing`,
});

/** Event types as people say them, singular and plural. */
const EVENT_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  page_view: ['page view', 'page views'],
  pricing_page_view: ['pricing page view', 'pricing page views'],
  demo_request: ['demo request', 'demo requests'],
  content_download: ['content download', 'content downloads'],
  webinar_attended: ['webinar attended', 'webinars attended'],
  form_submission: ['form submission', 'form submissions'],
  email_open: ['email opened', 'emails opened'],
  email_click: ['email click', 'email clicks'],
  email_reply: ['email reply', 'email replies'],
  chat_message: ['chat message', 'chat messages'],
  trial_signup: ['trial signup', 'trial signups'],
  meeting_booked: ['meeting booked', 'meetings booked'],
  all: ['event', 'events'],
};

const EVENT_COUNT = /^leadsift events: (\w+) \((\d+) days\)$/;

/**
 * leadsift's own columns read as sentences: "4 pricing page views in the last 90 days", "Last
 * event 12 days ago", "Seniority 'vp'" instead of their column names.
 */
const leadsiftPhrase = (column: string, v: number): ColumnValue | undefined => {
  const count = EVENT_COUNT.exec(column);
  if (count !== null && Number.isFinite(v)) {
    const [one, many] = EVENT_WORDS[count[1] as string] ?? [count[1] as string, count[1] as string];
    const value = formatNumber(v);
    return { value, missing: false, phrase: `${value} ${v === 1 ? one : many} in the last ${count[2]} days` };
  }
  if (column === 'leadsift events: days since the last')
    return Number.isFinite(v)
      ? { value: agoWords(v), missing: false, phrase: `Last event ${agoWords(v)}` }
      : { value: null, missing: true, phrase: 'No events yet' };
  return undefined;
};

/** `leadsift: seniority` → `Seniority`: the derived columns' names as people read them. */
const plainColumn = (column: string): string => {
  if (!column.startsWith('leadsift: ')) return column;
  const name = column.slice('leadsift: '.length);
  return name.charAt(0).toUpperCase() + name.slice(1);
};

/** One feature's value as the lead has it; unseen categories are named as such. */
const featureValue = (feature: FeatureInfo, v: number): ColumnValue => {
  const own = leadsiftPhrase(feature.column, v);
  if (own !== undefined) return own;
  const column = plainColumn(feature.column);
  if (Number.isNaN(v)) return missingValue(column);
  if (feature.kind === 'numeric') {
    const value = formatNumber(v);
    return { value, missing: false, phrase: `${column} ${value}` };
  }
  const label = Number.isInteger(v) ? feature.categories[v] : undefined;
  if (label === undefined)
    return { value: null, missing: false, phrase: `${column} (a value new to the model)` };
  return { value: label, missing: false, phrase: `${column} '${label}'` };
};

/**
 * The display value of a source column from the features derived from it (`indices` into
 * `features` and `x`): the column's own feature when there is one, else an age in days for a
 * date column, else a lone feature not named as a part of the column ("Created month" is).
 * Anything else shows the column without a value rather than a guess.
 */
export const columnValue = (
  column: string,
  features: readonly FeatureInfo[],
  indices: readonly number[],
  x: Float64Array,
): ColumnValue => {
  const at = (i: number): number => x[i] as number;
  if (indices.every((i) => Number.isNaN(at(i)))) return missingValue(column);
  const own = indices.find((i) => derivedPart(features[i] as FeatureInfo) === '');
  if (own !== undefined) return featureValue(features[own] as FeatureInfo, at(own));
  const age = indices.find((i) => isAgeInDays(features[i] as FeatureInfo) && Number.isFinite(at(i)));
  if (age !== undefined) {
    const value = agoWords(at(age));
    return { value, missing: false, phrase: `${column} ${value}` };
  }
  // A lone feature named otherwise ("lead_src" for "Lead Source") stands for its column.
  const only = indices.length === 1 ? (indices[0] as number) : -1;
  if (only >= 0 && !extendsColumn(features[only] as FeatureInfo))
    return featureValue(features[only] as FeatureInfo, at(only));
  return { value: null, missing: false, phrase: column };
};
