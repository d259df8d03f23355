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

/** One feature's value as the lead has it; unseen categories are named as such. */
const featureValue = (feature: FeatureInfo, v: number): ColumnValue => {
  const column = feature.column;
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
