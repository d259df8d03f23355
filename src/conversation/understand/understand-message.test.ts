import { describe, expect, it } from 'vitest';
import { understandMessage } from './understand-message.js';

const now = new Date('2026-11-28T12:00:00Z');

describe('understandMessage', () => {
  it('reads every slot of a chatty message at once, with spans into the message', () => {
    const text =
      "Hi! I'm the VP of Sales. We need to stop wasting time on junk leads. Budget around $40k, the CFO approves. Hoping to go live next quarter.";
    const u = understandMessage(text, { now });
    expect(u.budget?.value).toMatchObject({ min: 40_000, currency: 'USD' });
    expect(u.authority?.value).toMatchObject({ role: 'influencer', approver: 'cfo', seniority: 'vp' });
    expect(u.timeline?.value).toEqual({ horizon: 'dated', from: '2027-01-01', to: '2027-03-31' });
    expect(u.need?.value.keywords).toContain('junk');
    for (const e of [u.budget, u.authority, u.timeline, u.need])
      expect(text.slice(e?.span.start, e?.span.end)).toBe(e?.span.text);
  });

  it('does not read an out-of-office reply for a timeline', () => {
    const u = understandMessage('Out of office until 3 January, back in the office by then.', {
      now,
      expecting: 'timeline',
    });
    expect(u.timeline).toBeUndefined();
    expect(u.intents[0]).toMatchObject({ value: 'out_of_office', returnDate: '2027-01-03' });
  });

  it('does not read a meeting pick as a timeline', () => {
    expect(understandMessage('Tuesday 3pm', { now, expecting: 'slot_pick' }).timeline).toBeUndefined();
  });
});
