import type { InputField } from '../input-fields.js';
import { compileRawRecord } from './compile-raw-record.js';
import type { RawRecordFactory } from './compile-raw-record.js';
import type { HeaderMapping } from './map-header.js';

/**
 * One record after mapping: canonical fields (trimmed, never empty), custom fields, the record
 * as it arrived, and the column each field came from. Same shape as intake's `IntakeRecord`.
 */
export interface MappedRecord {
  readonly line: number;
  readonly fields: Partial<Record<InputField, string>>;
  readonly custom: Record<string, string>;
  readonly raw: Record<string, string>;
  readonly columns: Readonly<Partial<Record<InputField, string>>>;
}

// Only unambiguous yes/no words are inverted; anything else is passed on for the flag parser to judge.
const OPPOSITE: Readonly<Record<string, string>> = {
  yes: 'no',
  no: 'yes',
  y: 'n',
  n: 'y',
  true: 'false',
  false: 'true',
  '1': '0',
  '0': '1',
};

const rawFactories = new WeakMap<HeaderMapping, RawRecordFactory>();

const rawFactoryOf = (mapping: HeaderMapping): RawRecordFactory => {
  let factory = rawFactories.get(mapping);
  if (factory === undefined) {
    factory = compileRawRecord(mapping.rawNames);
    rawFactories.set(mapping, factory);
  }
  return factory;
};

const cell = (mapping: HeaderMapping, fields: readonly string[], column: number): string => {
  const value = (fields[column] ?? '').trim();
  if (value === '') return value;
  if (value.length > mapping.longestRewrite) return value;
  const rewrite = mapping.rewrites[column]?.get(value.toLowerCase());
  return rewrite === undefined ? value : rewrite.trim();
};

/** The field → source column table of a mapping, shared by every record it produces. */
export const sourceColumns = (mapping: HeaderMapping): Readonly<Partial<Record<InputField, string>>> => {
  const columns: Partial<Record<InputField, string>> = {};
  mapping.fields.forEach((field, k) => {
    const column = mapping.fieldColumns[k];
    if (column !== undefined) columns[field] = mapping.rawNames[column] ?? '';
  });
  return Object.freeze(columns);
};

/**
 * Applies a header mapping to one record's fields: indexed loops over the mapping's arrays.
 * Values are trimmed; sentinel values (`empty`, `values` of the mapping file) count as empty
 * and are left out of `fields` and `custom`; inverted columns ("Do Not Call") get the
 * opposite yes/no. `raw` keeps every column as it arrived. Pass `columns` from
 * `sourceColumns(mapping)` to share one table across records.
 */
export const applyHeaderMapping = (
  mapping: HeaderMapping,
  line: number,
  values: readonly string[],
  columns: Readonly<Partial<Record<InputField, string>>> = sourceColumns(mapping),
): MappedRecord => {
  const fields: Partial<Record<InputField, string>> = {};
  for (let k = 0; k < mapping.fields.length; k++) {
    const field = mapping.fields[k] as InputField;
    const value = cell(mapping, values, mapping.fieldColumns[k] ?? -1);
    if (value === '') continue;
    fields[field] = mapping.fieldNegated[k] === true ? (OPPOSITE[value.toLowerCase()] ?? value) : value;
  }
  const custom: Record<string, string> = {};
  for (let k = 0; k < mapping.customNames.length; k++) {
    const value = cell(mapping, values, mapping.customColumns[k] ?? -1);
    if (value !== '') custom[mapping.customNames[k] ?? ''] = value;
  }
  return { line, fields, custom, raw: rawFactoryOf(mapping)(values), columns };
};
