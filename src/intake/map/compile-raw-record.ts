/** Builds a record's `raw` object (column name → text as it arrived) from its fields. */
export type RawRecordFactory = (values: readonly string[]) => Record<string, string>;

/**
 * Compiles the raw-record builder for one header: an object literal with the column names as
 * keys, so that every row's object shares one hidden class. Measured about 3× faster than
 * assigning computed keys in a loop, which turns the store site megamorphic. Names enter the
 * generated code only as JSON string literals; `__proto__`, which a literal would treat as
 * the prototype, is defined as an own property afterwards.
 */
export const compileRawRecord = (names: readonly string[]): RawRecordFactory => {
  const entries = names.map((name, i) =>
    name === '__proto__' ? '' : `${JSON.stringify(name)}: v[${i}] ?? '',`,
  );
  const literal = new Function('v', `return {${entries.join('')}};`) as RawRecordFactory;
  const proto = names.indexOf('__proto__');
  if (proto === -1) return literal;
  return (values) => {
    const raw = literal(values);
    Object.defineProperty(raw, '__proto__', {
      value: values[proto] ?? '',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return raw;
  };
};
