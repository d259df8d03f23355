import { describe, expect, it } from 'vitest';
import { learnEmailPatterns, mostFrequentPattern, type DomainPatterns } from './learn-email-patterns.js';

const patternsAt = (learned: ReturnType<typeof learnEmailPatterns>, domain: string): DomainPatterns => {
  const patterns = learned.get(domain);
  if (patterns === undefined) throw new Error(`nothing learned for ${domain}`);
  return patterns;
};

describe('learnEmailPatterns', () => {
  it('counts the patterns of each domain apart', () => {
    const learned = learnEmailPatterns([
      { email: 'john.smith@acme.com', firstName: 'John', lastName: 'Smith' },
      { email: 'jane.doe@acme.com', firstName: 'Jane', lastName: 'Doe' },
      { email: 'bjones@initech.io', firstName: 'Bob', lastName: 'Jones' },
    ]);
    expect([...learned.keys()].sort()).toEqual(['acme.com', 'initech.io']);
    expect(patternsAt(learned, 'acme.com')).toEqual({ examples: 2, counts: new Map([['first.last', 2]]) });
    expect(patternsAt(learned, 'initech.io')).toEqual({ examples: 1, counts: new Map([['flast', 1]]) });
  });

  it('reads accented and apostrophed names and cleans the address', () => {
    const learned = learnEmailPatterns([
      { email: ' Jose.Nunez@ACME.com ', firstName: 'José', lastName: 'Núñez' },
      { email: '<mailto:sobrien@acme.com>', firstName: 'Seán', lastName: "O'Brien" },
    ]);
    expect(patternsAt(learned, 'acme.com').counts).toEqual(
      new Map([
        ['first.last', 1],
        ['flast', 1],
      ]),
    );
  });

  it('ignores role mailboxes, free-mail, disposable and unusable addresses', () => {
    const learned = learnEmailPatterns([
      { email: 'info@acme.com', firstName: 'Info', lastName: 'Desk' },
      { email: 'sales@acme.com', firstName: 'Sales', lastName: 'Team' },
      { email: 'john.smith@gmail.com', firstName: 'John', lastName: 'Smith' },
      { email: 'john.smith@mailinator.com', firstName: 'John', lastName: 'Smith' },
      { email: 'john.smith@@acme.com', firstName: 'John', lastName: 'Smith' },
    ]);
    expect(learned.size).toBe(0);
  });

  it('ignores addresses that follow no pattern and entries without both names', () => {
    const learned = learnEmailPatterns([
      { email: 'johnny@acme.com', firstName: 'John', lastName: 'Smith' },
      { email: 'jsmith@acme.com', firstName: 'John' },
      { email: 'jdoe@acme.com', lastName: 'Doe' },
      { email: 'mary.major@acme.com', firstName: 'Mary', lastName: 'Major' },
    ]);
    expect(patternsAt(learned, 'acme.com')).toEqual({ examples: 1, counts: new Map([['first.last', 1]]) });
  });

  it('counts an ambiguous address for each pattern it follows but as one example', () => {
    const learned = learnEmailPatterns([{ email: 'j.smith@acme.com', firstName: 'J', lastName: 'Smith' }]);
    expect(patternsAt(learned, 'acme.com')).toEqual({
      examples: 1,
      counts: new Map([
        ['first.last', 1],
        ['f.last', 1],
      ]),
    });
  });
});

describe('mostFrequentPattern', () => {
  it('picks the pattern most addresses follow', () => {
    const learned = learnEmailPatterns([
      { email: 'john.smith@acme.com', firstName: 'John', lastName: 'Smith' },
      { email: 'jdoe@acme.com', firstName: 'Jane', lastName: 'Doe' },
      { email: 'bjones@acme.com', firstName: 'Bob', lastName: 'Jones' },
    ]);
    expect(mostFrequentPattern(patternsAt(learned, 'acme.com'))).toEqual({ pattern: 'flast', count: 2 });
  });

  it('breaks a tie by table order, whatever order the addresses came in', () => {
    const known = [
      { email: 'smith.john@acme.com', firstName: 'John', lastName: 'Smith' },
      { email: 'jdoe@acme.com', firstName: 'Jane', lastName: 'Doe' },
      { email: 'bob@acme.com', firstName: 'Bob', lastName: 'Jones' },
    ];
    for (const order of [known, [...known].reverse()]) {
      expect(mostFrequentPattern(patternsAt(learnEmailPatterns(order), 'acme.com'))).toEqual({
        pattern: 'flast',
        count: 1,
      });
    }
  });

  it('finds nothing in empty counts', () => {
    expect(mostFrequentPattern({ examples: 0, counts: new Map() })).toBeUndefined();
  });
});
