import { describe, expect, it } from 'vitest';
import { extractAuthority } from './extract-authority.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('extractAuthority', () => {
  it.each([
    ['I decide', { role: 'decision_maker' }],
    ['its my call', { role: 'decision_maker' }],
    ['my boss signs off', { role: 'influencer', approver: 'boss' }],
    ['the CFO approves anything over 10k', { role: 'influencer', approver: 'cfo' }],
    ['need approval from finance', { role: 'influencer', approver: 'finance' }],
    ['we have a buying committee', { role: 'committee' }],
    ['me and my cofounder', { role: 'committee' }],
    [
      "I'm the CTO at Acme, and I make the final call",
      { role: 'decision_maker', title: 'CTO', seniority: 'c_level' },
    ],
    [
      'I am head of sales, but the CEO has the final say',
      { role: 'influencer', title: 'head of sales', approver: 'ceo' },
    ],
  ])('reads %j', (text, expected) => {
    expect(extractAuthority(text, { now })?.value).toMatchObject(expected);
  });

  it('understands terse and non-native answers to the authority question', () => {
    expect(extractAuthority('me decide', { now })?.value.role).toBe('decision_maker');
    expect(extractAuthority('me', { now, expecting: 'authority' })?.value.role).toBe('decision_maker');
    expect(extractAuthority('me', { now })).toBeUndefined();
  });

  it('takes a founder title alone as a likely decision maker, with less confidence', () => {
    const found = extractAuthority('I am the founder', { now });
    expect(found?.value).toMatchObject({ role: 'decision_maker', seniority: 'founder' });
    expect(found?.confidence).toBeLessThan(0.8);
    expect(extractAuthority("I'm a developer here", { now })?.value).toMatchObject({
      role: 'unknown',
      title: 'developer',
    });
  });
});
