import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import type { ProviderQuery } from '../../provider.js';
import {
  FALLBACK_CONFIDENCE,
  createEmailPatternProvider,
  emailGuessConfidence,
} from './email-pattern-provider.js';
import { learnEmailPatterns, type KnownEmail } from './learn-email-patterns.js';

const signal = new AbortController().signal;
const ACME: KnownEmail[] = [
  { email: 'jdoe@acme.com', firstName: 'Jane', lastName: 'Doe' },
  { email: 'bjones@acme.com', firstName: 'Bob', lastName: 'Jones' },
  { email: 'mary.major@acme.com', firstName: 'Mary', lastName: 'Major' },
];
const query: ProviderQuery = { firstName: 'José', lastName: "O'Núñez", domain: 'acme.com' };

/** `count` known addresses at acme.com following flast, plus `others` following first.last. */
const acmeWith = (count: number, others = 0): KnownEmail[] => [
  ...Array.from({ length: count }, (_, i) => ({
    email: `px${'x'.repeat(i)}@acme.com`,
    firstName: 'Pat',
    lastName: `x${'x'.repeat(i)}`,
  })),
  ...Array.from({ length: others }, (_, i) => ({
    email: `kim.y${'y'.repeat(i)}@acme.com`,
    firstName: 'Kim',
    lastName: `y${'y'.repeat(i)}`,
  })),
];

describe('createEmailPatternProvider', () => {
  it('guesses with the domain’s most frequent pattern, unverified', async () => {
    const provider = createEmailPatternProvider(learnEmailPatterns(ACME));
    const answer = await provider.lookup(query, signal);
    expect(answer.fields).toEqual([
      {
        field: 'person.email',
        value: 'jonunez@acme.com',
        confidence: emailGuessConfidence(2, 3),
        verified: false,
        detail: 'pattern flast: 2 of 3 known addresses at acme.com',
      },
    ]);
  });

  it('says who it is and that it is free and unlimited', () => {
    const provider = createEmailPatternProvider(new Map());
    expect(provider.name).toBe('email-pattern');
    expect(provider.supplies).toEqual(['person.email']);
    expect(provider.limits.costCents).toBe(0);
    expect(provider.limits.ratePerSecond).toBeUndefined();
    expect(createEmailPatternProvider(new Map(), { name: 'patterns-eu' }).name).toBe('patterns-eu');
  });

  it('answers for the registrable domain of a website', async () => {
    const provider = createEmailPatternProvider(learnEmailPatterns(ACME));
    const answer = await provider.lookup({ ...query, domain: 'https://www.Acme.com/about' }, signal);
    expect(answer.fields[0]?.value).toBe('jonunez@acme.com');
  });

  it('answers nothing for a domain without known addresses unless asked to fall back', async () => {
    const patterns = learnEmailPatterns(ACME);
    const other = { ...query, domain: 'initech.io' };
    expect((await createEmailPatternProvider(patterns).lookup(other, signal)).fields).toEqual([]);
    const fallback = createEmailPatternProvider(patterns, { fallback: true });
    expect((await fallback.lookup(other, signal)).fields).toEqual([
      {
        field: 'person.email',
        value: 'jose.onunez@initech.io',
        confidence: FALLBACK_CONFIDENCE,
        verified: false,
        detail: 'fallback first.last: fewer than 1 known addresses at initech.io',
      },
    ]);
  });

  it('treats a domain with fewer than minExamples known addresses as unknown', async () => {
    const patterns = learnEmailPatterns(ACME);
    expect(
      (await createEmailPatternProvider(patterns, { minExamples: 4 }).lookup(query, signal)).fields,
    ).toEqual([]);
    const fallback = createEmailPatternProvider(patterns, { minExamples: 4, fallback: true });
    expect((await fallback.lookup(query, signal)).fields[0]).toMatchObject({
      value: 'jose.onunez@acme.com',
      confidence: FALLBACK_CONFIDENCE,
    });
    expect(
      (await createEmailPatternProvider(patterns, { minExamples: 3 }).lookup(query, signal)).fields,
    ).toHaveLength(1);
  });

  it('rejects a minExamples that is not a whole number of at least 1', () => {
    for (const minExamples of [0, -1, 1.5, Number.NaN]) {
      expect(() => createEmailPatternProvider(new Map(), { minExamples })).toThrow(
        expect.toSatisfy((error) => isAppError(error, 'CONFIG_INVALID')),
      );
    }
  });

  it('never guesses at a free-mail or disposable domain, even with fallback', async () => {
    // Learned patterns for gmail.com cannot exist (learning skips it), so build them by hand.
    const patterns = new Map([
      ['gmail.com', { examples: 5, counts: new Map([['first.last', 5] as const]) }],
      ['mailinator.com', { examples: 5, counts: new Map([['first.last', 5] as const]) }],
    ]);
    const provider = createEmailPatternProvider(patterns, { fallback: true });
    for (const domain of ['gmail.com', 'yahoo.co.uk', 'mailinator.com']) {
      expect(provider.canAnswer({ ...query, domain })).toBe(false);
      expect((await provider.lookup({ ...query, domain }, signal)).fields).toEqual([]);
    }
  });

  it('can answer only with a first name, a last name and a domain, and no email', () => {
    const provider = createEmailPatternProvider(new Map(), { fallback: true });
    expect(provider.canAnswer(query)).toBe(true);
    expect(provider.canAnswer({ lastName: 'Doe', domain: 'acme.com' })).toBe(false);
    expect(provider.canAnswer({ firstName: 'Jane', domain: 'acme.com' })).toBe(false);
    expect(provider.canAnswer({ firstName: 'Jane', lastName: 'Doe' })).toBe(false);
    expect(provider.canAnswer({ firstName: 'Jane', lastName: '  ', domain: 'acme.com' })).toBe(false);
    expect(provider.canAnswer({ firstName: '李', lastName: 'Doe', domain: 'acme.com' })).toBe(false);
    expect(provider.canAnswer({ ...query, email: 'jose@acme.com' })).toBe(false);
    expect(provider.canAnswer({ ...query, domain: 'not a domain' })).toBe(false);
  });

  it('answers nothing when asked without what it needs', async () => {
    const provider = createEmailPatternProvider(learnEmailPatterns(ACME), { fallback: true });
    expect((await provider.lookup({ firstName: 'Jane', domain: 'acme.com' }, signal)).fields).toEqual([]);
  });

  it('stops when the call is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const provider = createEmailPatternProvider(learnEmailPatterns(ACME));
    await expect(provider.lookup(query, controller.signal)).rejects.toThrow();
  });

  it('is sure in proportion to the examples: more matching addresses, higher confidence', async () => {
    const confidences: number[] = [];
    for (const count of [1, 2, 3, 5, 8]) {
      const provider = createEmailPatternProvider(learnEmailPatterns(acmeWith(count)));
      confidences.push((await provider.lookup(query, signal)).fields[0]?.confidence ?? 0);
    }
    expect(confidences).toEqual([0.5, 0.667, 0.75, 0.833, 0.889]);
  });
});

describe('emailGuessConfidence', () => {
  it('grows with the examples at a fixed share and stays within 0..0.9', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 10 }), (examples, scale) => {
        const count = Math.ceil(examples / 2);
        const now = emailGuessConfidence(count, examples);
        const more = emailGuessConfidence(count * (scale + 1), examples * (scale + 1));
        expect(more).toBeGreaterThanOrEqual(now);
        expect(now).toBeGreaterThan(0);
        expect(now).toBeLessThanOrEqual(0.9);
      }),
    );
  });

  it('grows with the pattern’s share at a fixed number of examples', () => {
    expect(emailGuessConfidence(3, 6)).toBeLessThan(emailGuessConfidence(4, 6));
    expect(emailGuessConfidence(6, 6)).toBeCloseTo(6 / 7);
    expect(emailGuessConfidence(50, 50)).toBe(0.9);
  });

  it('lets a dominant pattern beat a split one in the provider', async () => {
    const split = createEmailPatternProvider(learnEmailPatterns(acmeWith(3, 2)));
    const answer = (await split.lookup(query, signal)).fields[0];
    expect(answer?.value).toBe('jonunez@acme.com');
    expect(answer?.confidence).toBeCloseTo(emailGuessConfidence(3, 5));
  });
});
