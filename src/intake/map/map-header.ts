import { INPUT_FIELDS } from '../input-fields.js';
import type { InputField } from '../input-fields.js';
import type { ColumnMapping, ColumnTarget } from './column-mapping.js';
import { columnKey, matchSynonym } from './header-synonyms.js';

/** How one source column was assigned, and why. */
export interface ColumnAssignment {
  readonly column: number;
  readonly name: string;
  readonly target: ColumnTarget;
  /** `user`: the mapping file; `synonym`: built-in names; `duplicate`: its field was taken; `unknown`: no match. */
  readonly via: 'user' | 'synonym' | 'duplicate' | 'unknown';
}

/**
 * A header mapped to fields, shaped to be applied per row by indexed loops: parallel arrays of
 * (field, column, negated) and (custom name, column), and per-column value rewrites.
 */
export interface HeaderMapping {
  readonly header: readonly string[];
  /** One entry per header column, in order: what it became. */
  readonly columns: readonly ColumnAssignment[];
  readonly fields: readonly InputField[];
  readonly fieldColumns: readonly number[];
  /** True where the column's yes/no is inverted ("Do Not Call" → consent_phone). */
  readonly fieldNegated: readonly boolean[];
  readonly customNames: readonly string[];
  readonly customColumns: readonly number[];
  /** Per column: values to rewrite (lower-cased key → replacement), or undefined when none. */
  readonly rewrites: readonly ReadonlyMap<string, string>[];
  /** The longest value any rewrite matches: longer cells skip the lookup. */
  readonly longestRewrite: number;
  /** Unique names for the raw record, one per column ("Notes", "Notes (2)"). */
  readonly rawNames: readonly string[];
  /** Two columns meant the same field: the first kept it, the second became custom. */
  readonly duplicates: readonly {
    readonly field: InputField;
    readonly kept: string;
    readonly demoted: string;
  }[];
  /** Mapping entries naming columns the header does not have, and similar notes. */
  readonly warnings: readonly string[];
}

const uniqueNames = (header: readonly string[]): string[] => {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const name = raw.trim() === '' ? `column ${i + 1}` : raw.trim();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
};

/**
 * Values that mean "not answered" in any column: web-form placeholders ("Select", the X
 * Education export's unanswered dropdowns), spreadsheet blanks and analytics' "(not set)".
 * Deliberately not "NA" (Namibia) nor "none" (an answer). Matched case-insensitively.
 */
export const DEFAULT_EMPTY_VALUES = [
  'n/a',
  '#n/a',
  '-',
  '--',
  'null',
  'nil',
  'select',
  'select...',
  '-- select --',
  'please select',
  '(not set)',
  'not provided',
  'unknown',
] as const;

const DEFAULT_REWRITES: ReadonlyMap<string, string> = new Map(DEFAULT_EMPTY_VALUES.map((v) => [v, '']));

const rewritesFor = (name: string, user: ColumnMapping | undefined): ReadonlyMap<string, string> => {
  if (user === undefined || (user.empty.length === 0 && user.values[name] === undefined))
    return DEFAULT_REWRITES;
  const map = new Map<string, string>(DEFAULT_REWRITES);
  for (const value of user.empty) map.set(value.trim().toLowerCase(), '');
  for (const [value, replacement] of Object.entries(user.values[name] ?? {}))
    map.set(value.trim().toLowerCase(), replacement);
  return map;
};

const chooseTarget = (
  raw: string,
  name: string,
  user: ReadonlyMap<string, ColumnTarget>,
): Pick<ColumnAssignment, 'target' | 'via'> & { readonly rank: number } => {
  const chosen = user.get(raw.trim()) ?? user.get(columnKey(raw));
  if (chosen !== undefined) return { target: chosen, via: 'user', rank: -2 };
  const match = matchSynonym(raw);
  if (match !== undefined) {
    const { field, negated, rank } = match;
    return { target: { kind: 'field', field, negated }, via: 'synonym', rank };
  }
  return { target: { kind: 'custom', name }, via: 'unknown', rank: Infinity };
};

/** The user's column entries by exact name and by `columnKey`, so "lead origin" finds "Lead Origin". */
const userTargets = (user: ColumnMapping | undefined): Map<string, ColumnTarget> => {
  const targets = new Map<string, ColumnTarget>();
  for (const [name, target] of Object.entries(user?.columns ?? {})) {
    targets.set(name.trim(), target);
    if (!targets.has(columnKey(name))) targets.set(columnKey(name), target);
  }
  return targets;
};

const absentColumns = (header: readonly string[], names: readonly string[]): string[] => {
  const present = new Set(header.flatMap((h) => [h.trim(), columnKey(h)]));
  return names.filter((name) => !present.has(name.trim()) && !present.has(columnKey(name)));
};

/**
 * Maps each header column to a canonical field (by the user's mapping first, then built-in
 * synonyms, case, spaces and punctuation ignored), a custom field (named after the column) or
 * nothing (`ignore`). When two columns claim one field, the user's choice wins, then the
 * better-ranked synonym, then the first column; the others become custom, reported in
 * `duplicates`. Mapping entries for absent columns become `warnings`.
 */
export const mapHeader = (header: readonly string[], user?: ColumnMapping): HeaderMapping => {
  const rawNames = uniqueNames(header);
  const targets = userTargets(user);
  const taken = new Map<InputField, string>();
  const result = {
    fields: [] as InputField[],
    fieldColumns: [] as number[],
    fieldNegated: [] as boolean[],
    customNames: [] as string[],
    customColumns: [] as number[],
    duplicates: [] as { field: InputField; kept: string; demoted: string }[],
  };
  const chosen = header.map((raw, column) => chooseTarget(raw, rawNames[column] ?? raw, targets));
  // A field the user sent a column to is theirs, even when an earlier column's synonym matches it;
  // among synonyms, the best-ranked name wins ("Lead Source" over "Lead Origin"), then the first.
  const claims = chosen
    .map(({ target, via, rank }, column) => ({ target, column, order: via === 'user' ? -2 : rank }))
    .sort((a, b) => a.order - b.order || a.column - b.column);
  for (const { target, column } of claims) {
    if (target.kind === 'field' && !taken.has(target.field)) taken.set(target.field, rawNames[column] ?? '');
  }
  const columns = header.map((raw, column): ColumnAssignment => {
    const name = rawNames[column] ?? raw;
    let { target, via } = chosen[column] ?? chooseTarget(raw, name, targets);
    if (target.kind === 'field') {
      const kept = taken.get(target.field) ?? name;
      if (kept === name) {
        result.fields.push(target.field);
        result.fieldColumns.push(column);
        result.fieldNegated.push(target.negated);
      } else {
        result.duplicates.push({ field: target.field, kept, demoted: name });
        target = { kind: 'custom', name };
        via = 'duplicate';
      }
    }
    if (target.kind === 'custom') {
      result.customNames.push(target.name);
      result.customColumns.push(column);
    }
    return { column, name, target, via };
  });
  const rewrites = header.map((raw) => rewritesFor(raw.trim(), user));
  const warnings = [
    ...absentColumns(header, Object.keys(user?.columns ?? {})).map(
      (name) => `mapping names column "${name}", which the header does not have`,
    ),
    ...absentColumns(header, Object.keys(user?.values ?? {})).map(
      (name) => `mapping rewrites values of column "${name}", which the header does not have`,
    ),
  ];
  return {
    header,
    columns,
    ...result,
    rewrites,
    longestRewrite: Math.max(0, ...rewrites.flatMap((map) => [...map.keys()].map((key) => key.length))),
    rawNames,
    warnings,
  };
};

/** The fields no column fills: what a caller may want to enrich or ask for. */
export const unmappedFields = (mapping: HeaderMapping): InputField[] =>
  INPUT_FIELDS.filter((field) => !mapping.fields.includes(field));
