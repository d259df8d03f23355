/**
 * Visits an object's leaves as text under dotted keys: `{ company: { name: "Acme" } }` gives
 * `company.name = "Acme"`, so that JSON records map through the same header synonyms as CSV
 * columns. Numbers and booleans become their text, null becomes empty, arrays of plain values
 * are joined with "; " and other arrays are kept as JSON text. Empty objects yield nothing.
 */
export const flattenObject = (
  value: Readonly<Record<string, unknown>>,
  visit: (key: string, text: string) => void,
  prefix = '',
): void => {
  for (const key of Object.keys(value)) {
    const item = value[key];
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      flattenObject(item as Record<string, unknown>, visit, name);
    } else {
      visit(name, leafText(item));
    }
  }
};

const leafText = (item: unknown): string => {
  if (item === null || item === undefined) return '';
  if (typeof item === 'string') return item;
  if (Array.isArray(item)) {
    return item.every((x) => x === null || typeof x !== 'object')
      ? item.map(leafText).join('; ')
      : JSON.stringify(item);
  }
  return String(item);
};

/** True for a JSON object (not an array, not null). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Flattens `value` into an array aligned with `columns` (dotted key → index); other keys are skipped. */
export const alignFields = (
  value: Readonly<Record<string, unknown>>,
  columns: Map<string, number>,
): string[] => {
  const fields = new Array<string>(columns.size).fill('');
  flattenObject(value, (key, text) => {
    const index = columns.get(key);
    if (index !== undefined) fields[index] = text;
  });
  return fields;
};

/** Adds the dotted keys of `value` to `columns`, in order of first appearance. */
export const collectKeys = (value: Readonly<Record<string, unknown>>, columns: Map<string, number>): void => {
  flattenObject(value, (key) => {
    if (!columns.has(key)) columns.set(key, columns.size);
  });
};
