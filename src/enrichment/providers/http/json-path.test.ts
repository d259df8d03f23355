import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonPath, readJsonPath } from './json-path.js';

const read = (document: unknown, path: string): unknown => {
  const steps = parseJsonPath(path);
  if (steps === undefined) throw new Error(`not a path: ${path}`);
  return readJsonPath(document, steps);
};

const DOC = {
  data: { category: { industry: 'Software' } },
  tech: ['react', 'stripe'],
  people: [{ email: 'a@x.com', tags: ['x'] }, { name: 'B' }, { email: 'c@x.com', tags: ['y', 'z'] }],
};

describe('JSON paths', () => {
  it('read nested keys, array elements and every element', () => {
    expect(read(DOC, 'data.category.industry')).toBe('Software');
    expect(read(DOC, 'tech[1]')).toBe('stripe');
    expect(read(DOC, 'tech[]')).toEqual(['react', 'stripe']);
    expect(read(DOC, 'people[].email')).toEqual(['a@x.com', 'c@x.com']);
    expect(read(DOC, 'people[].tags[]')).toEqual(['x', 'y', 'z']);
    expect(read([{ name: 'first' }], '[0].name')).toBe('first');
  });

  it('find nothing where a step meets a value of another kind or a missing key', () => {
    expect(read(DOC, 'data.category.industry.name')).toBeUndefined();
    expect(read(DOC, 'tech.length')).toBeUndefined();
    expect(read(DOC, 'data[0]')).toBeUndefined();
    expect(read(DOC, 'data[]')).toBeUndefined();
    expect(read(DOC, 'tech[9]')).toBeUndefined();
    expect(read(null, 'a')).toBeUndefined();
  });

  it('never reach the prototype', () => {
    expect(read({}, 'constructor')).toBeUndefined();
    expect(read({ a: 'x' }, 'a.length')).toBeUndefined();
    expect(read(JSON.parse('{"__proto__": {"polluted": "yes"}}'), '__proto__.polluted')).toBe('yes');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reject texts that are not paths', () => {
    for (const text of ['', 'a..b', '.a', 'a.', 'a[x]', 'a]', 'a[0]b', 'a.[0]'])
      expect(parseJsonPath(text), text).toBeUndefined();
  });

  it('read back any value stored under any keys', () => {
    const key = fc.stringMatching(/^[A-Za-z_$][\w$-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 5 }), fc.jsonValue(), (keys, value) => {
        const document = keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), value);
        expect(read(document, keys.join('.'))).toEqual(value);
      }),
    );
  });

  it('never throw on any document', () => {
    const path = fc.constantFrom('a', 'a.b', 'a[0]', 'a[]', 'a[].b', 'a[].b[]', '[0]', '[].a');
    fc.assert(fc.property(fc.jsonValue(), path, (document, p) => void read(document, p)));
  });
});
