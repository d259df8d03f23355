import { describe, expect, it } from 'vitest';
import { coverCommittee } from './cover-committee.js';
import { buildContact } from './test-support/build-contact.js';

const ana = buildContact({ id: 'ana', name: 'Ana Vp', seniority: 'vp', fn: 'sales' });
const ben = buildContact({ id: 'ben', name: 'Ben Vp', seniority: 'vp', fn: 'marketing' });
const cy = buildContact({ id: 'cy', name: 'Cy Mgr', seniority: 'manager', fn: 'it' });

describe('coverCommittee', () => {
  it('moves a person to another seat when that lets a later seat be filled (greedy would leave it empty)', () => {
    const roles = [
      { label: 'economic buyer', minSeniority: 'vp' as const },
      { label: 'sales leader', function: 'sales' as const, minSeniority: 'vp' as const },
    ];
    // Ana is engaged, so she is tried first for the economic buyer's seat, the only one Ben fits too.
    const coverage = coverCommittee(roles, [ana, ben], new Set(['ana']));
    expect(coverage.seats.map((s) => [s.role.label, s.filledBy?.leadId])).toEqual([
      ['economic buyer', 'ben'],
      ['sales leader', 'ana'],
    ]);
    expect(coverage).toMatchObject({ filled: 2, score: 100 });
  });

  it('needs the seniority and, when named, one of the functions; nobody holds two seats', () => {
    const roles = [
      { function: ['it', 'engineering'] as ('it' | 'engineering')[], minSeniority: 'director' as const },
      { minSeniority: 'manager' as const },
      { minSeniority: 'manager' as const },
    ];
    const coverage = coverCommittee(roles, [cy], new Set());
    expect(coverage.seats.map((s) => s.filledBy?.leadId)).toEqual([undefined, 'cy', undefined]);
    expect(coverage).toMatchObject({ filled: 1, score: 33 });
    expect(coverCommittee(roles, [], new Set()).score).toBe(0);
  });
});
