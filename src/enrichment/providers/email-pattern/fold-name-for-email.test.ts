import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldNameForEmail } from './fold-name-for-email.js';

describe('foldNameForEmail', () => {
  it.each([
    ['José', 'jose'],
    ['Núñez', 'nunez'],
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['Smith-Jones', 'smithjones'],
    ['van der Berg', 'vanderberg'],
    ['Müller', 'muller'],
    ['Łukasz', 'lukasz'],
    ['Søren', 'soren'],
    ['Strauß', 'strauss'],
    ['Ægir', 'aegir'],
    ['İlkay', 'ilkay'],
    ['  JOHN  ', 'john'],
    ['李小龙', ''],
  ])('folds %j to %j', (name, folded) => {
    expect(foldNameForEmail(name)).toBe(folded);
  });

  it('gives only lowercase ASCII letters and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const folded = foldNameForEmail(name);
        expect(folded).toMatch(/^[a-z]*$/);
        expect(foldNameForEmail(folded)).toBe(folded);
      }),
    );
  });
});
