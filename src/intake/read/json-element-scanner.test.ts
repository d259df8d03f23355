import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonElementScanner, type JsonElement } from './json-element-scanner.js';

/** Feed `text` to a scanner in chunks of the given sizes, cycling; return its elements and verdict. */
const scan = (text: string, sizes: readonly number[] = [text.length || 1]) => {
  const scanner = createJsonElementScanner();
  const elements: JsonElement[] = [];
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = Math.max(1, sizes[k % sizes.length] ?? 1);
    scanner.push(text.slice(at, at + size), elements);
    at += size;
  }
  return { elements, problem: scanner.finish() };
};

const record = fc.dictionary(
  fc.string({ maxLength: 8 }),
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string(), { maxLength: 3 }),
  ),
  { maxKeys: 5 },
);

describe('the JSON element scanner', () => {
  it('finds every element of an array, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 12 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        (records, sizes, wrapped) => {
          const array = JSON.stringify(records, null, sizes[0]! % 3);
          const text = wrapped ? `{"meta": [{"leads": [1]}], "leads": ${array}, "after": [2]}` : array;
          const { elements, problem } = scan(text, sizes);
          expect(problem).toBeUndefined();
          expect(elements.map((e) => JSON.parse(e.text) as unknown)).toEqual(records);
        },
      ),
    );
  });

  it('gives each element the line it starts on and keeps a bad element to itself', () => {
    const { elements } = scan('[\n {"a": "x]}\\"{"},\n {oops},\n 42, "s,t"\n]', [3]);
    expect(elements).toEqual([
      { line: 2, text: '{"a": "x]}\\"{"}' },
      { line: 3, text: '{oops}' },
      { line: 4, text: '42' },
      { line: 4, text: '"s,t"' },
    ]);
  });

  it('says when there is no record array, or when it is never closed', () => {
    expect(scan('{"leads": 3}').problem).toBe('no array of records found');
    expect(scan('"just a string"').problem).toBe('no array of records found');
    expect(scan('[{"a": 1},\n{"b": 2}').problem).toMatch(/never closed/);
    expect(scan('[]').problem).toBeUndefined();
  });
});
