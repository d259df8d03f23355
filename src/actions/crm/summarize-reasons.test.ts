import { describe, expect, it } from 'vitest';
import { DECISION } from '../test-support/decided-lead.js';
import { summarizeReasons } from './summarize-reasons.js';

const reason = (text: string, effect: number) => ({ text, kind: 'fit' as const, effect, facts: [] });

describe('the reasons summary written to a CRM', () => {
  it('lists the strongest reasons first with their points, one per line', () => {
    expect(summarizeReasons(DECISION)).toBe(
      '+30 Requested a demo\n+20 VP-level buyer\n+15 Company of 200 people, inside the 50–5,000 range',
    );
  });

  it('ranks penalties by their size, keeps ties in order and drops the weakest past the limit', () => {
    const reasons = [reason('a', 5), reason('b', -40), reason('c', 10), reason('d', 10), reason('e', 0)];
    expect(summarizeReasons({ ...DECISION, reasons }, 3)).toBe('-40 b\n+10 c\n+10 d');
    expect(summarizeReasons({ ...DECISION, reasons: [reason('note', 0)] })).toBe('note');
  });

  it('stays within 2,000 characters however long the reasons are', () => {
    const reasons = [reason('x'.repeat(5000), 1)];
    const text = summarizeReasons({ ...DECISION, reasons });
    expect(text).toHaveLength(2000);
    expect(text.endsWith('…')).toBe(true);
  });
});
