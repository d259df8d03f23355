import { describe, expect, it } from 'vitest';
import { compileRawRecord } from './compile-raw-record.js';

describe('compileRawRecord', () => {
  it('keys each value by its column name, in header order, with missing values empty', () => {
    const raw = compileRawRecord(['Email', 'Job "Title"', 'a\nb', 'x'])(['a@b.co', 'CTO', '1']);
    expect(raw).toEqual({ Email: 'a@b.co', 'Job "Title"': 'CTO', 'a\nb': '1', x: '' });
    expect(Object.keys(raw)).toEqual(['Email', 'Job "Title"', 'a\nb', 'x']);
  });

  it('treats names that look like code as plain text', () => {
    const name = "'}; throw new Error('injected'); ({'";
    expect(compileRawRecord([name, '\u2028'])(['1', '2'])).toEqual({ [name]: '1', '\u2028': '2' });
  });

  it('keeps a column named __proto__ as an own property instead of a prototype', () => {
    const raw = compileRawRecord(['a', '__proto__'])(['1', '2']);
    expect(Object.getPrototypeOf(raw)).toBe(Object.prototype);
    expect(Object.entries(raw)).toEqual([
      ['a', '1'],
      ['__proto__', '2'],
    ]);
  });
});
