import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMAIL_PATTERNS, applyPattern, emailPatternOf } from './email-patterns.js';

const asciiName = fc.stringMatching(/^[A-Za-z][a-z]{0,11}$/);

const JOHN_SMITH = [
  ['first.last', 'john.smith@acme.com'],
  ['flast', 'jsmith@acme.com'],
  ['first', 'john@acme.com'],
  ['firstlast', 'johnsmith@acme.com'],
  ['f.last', 'j.smith@acme.com'],
  ['firstl', 'johns@acme.com'],
  ['first_last', 'john_smith@acme.com'],
  ['first-last', 'john-smith@acme.com'],
  ['first.l', 'john.s@acme.com'],
  ['last.first', 'smith.john@acme.com'],
  ['lastfirst', 'smithjohn@acme.com'],
  ['lastf', 'smithj@acme.com'],
  ['last.f', 'smith.j@acme.com'],
  ['last', 'smith@acme.com'],
] as const;

describe('applyPattern', () => {
  it.each(JOHN_SMITH)('writes John Smith with %s as %s', (pattern, email) => {
    expect(applyPattern(pattern, 'John', 'Smith', 'acme.com')).toBe(email);
  });

  it('has an example above for every pattern in the table', () => {
    expect(JOHN_SMITH.map(([pattern]) => pattern)).toEqual(EMAIL_PATTERNS);
  });

  it('folds accents, apostrophes and hyphens out of the names', () => {
    expect(applyPattern('first.last', 'José', 'Núñez', 'acme.com')).toBe('jose.nunez@acme.com');
    expect(applyPattern('flast', 'Seán', "O'Brien", 'acme.com')).toBe('sobrien@acme.com');
    expect(applyPattern('first.last', 'Anna', 'Smith-Jones', 'ACME.com')).toBe('anna.smithjones@acme.com');
  });

  it('gives nothing for a name that folds to nothing', () => {
    expect(applyPattern('first.last', '李', 'Smith', 'acme.com')).toBeUndefined();
    expect(applyPattern('first.last', 'John', '', 'acme.com')).toBeUndefined();
  });
});

describe('emailPatternOf', () => {
  it('finds each pattern in the address it wrote, for any ASCII name', () => {
    const pattern = fc.constantFrom(...EMAIL_PATTERNS);
    fc.assert(
      fc.property(pattern, asciiName, asciiName, (p, first, last) => {
        const email = applyPattern(p, first, last, 'acme.com');
        expect(email).toBeDefined();
        expect(emailPatternOf(email ?? '', first, last)).toContain(p);
      }),
    );
  });

  it('tells f.last from first.last when the first name is longer than a letter', () => {
    expect(emailPatternOf('j.smith@acme.com', 'John', 'Smith')).toEqual(['f.last']);
    expect(emailPatternOf('john@acme.com', 'John', 'Smith')).toEqual(['first']);
  });

  it('reports every pattern an ambiguous address follows, in tie-break order', () => {
    expect(emailPatternOf('j.smith@acme.com', 'J', 'Smith')).toEqual(['first.last', 'f.last']);
  });

  it('reads accented and apostrophed names', () => {
    expect(emailPatternOf('jose.nunez@acme.com', 'José', 'Núñez')).toEqual(['first.last']);
    expect(emailPatternOf('dobrien@acme.com', 'Dana', "O'Brien")).toEqual(['flast']);
  });

  it('ignores a +tag and letter case', () => {
    expect(emailPatternOf('John.Smith+crm@acme.com', 'John', 'Smith')).toEqual(['first.last']);
  });

  it('finds no pattern in nicknames, numbers or role mailboxes', () => {
    expect(emailPatternOf('johnny@acme.com', 'John', 'Smith')).toEqual([]);
    expect(emailPatternOf('john.smith2@acme.com', 'John', 'Smith')).toEqual([]);
    expect(emailPatternOf('info@acme.com', 'John', 'Smith')).toEqual([]);
  });
});
