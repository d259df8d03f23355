import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rep } from '../criteria/resolve-routing.js';
import { nextInRotation, nextWeighted } from './next-in-rotation.js';

const rep = (id: string, more: Partial<Rep> = {}): Rep => ({
  id,
  name: id.toUpperCase(),
  email: `${id}@example.com`,
  territories: [],
  weight: 1,
  active: true,
  ...more,
});

/** The ids `pick` gives for n leads in a row, threading its entry from the start. */
const run = <E>(
  pick: (pool: readonly Rep[], entry: unknown) => { rep: Rep; entry: E } | undefined,
  pool: readonly Rep[],
  n: number,
  start: unknown = undefined,
): { ids: string[]; entry: unknown } => {
  let entry = start;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const next = pick(pool, entry);
    if (next === undefined) throw new Error('no rep');
    ids.push(next.rep.id);
    entry = next.entry;
  }
  return { ids, entry };
};

const counts = (ids: readonly string[]): Record<string, number> =>
  ids.reduce<Record<string, number>>((c, id) => ({ ...c, [id]: (c[id] ?? 0) + 1 }), {});

describe('round-robin', () => {
  it('serves the reps in pool order, starting at the top', () => {
    expect(run(nextInRotation, [rep('a'), rep('b'), rep('c')], 7).ids).toEqual([
      'a',
      'b',
      'c',
      'a',
      'b',
      'c',
      'a',
    ]);
  });

  it('gives every active rep the same number of leads, give or take one, and none to inactive reps', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.nat(200), (flags, n) => {
        fc.pre(flags.some(Boolean));
        const pool = flags.map((active, i) => rep(`r${i}`, { active }));
        const got = counts(run(nextInRotation, pool, n).ids);
        const active = pool.filter((r) => r.active).map((r) => r.id);
        expect(Object.keys(got).every((id) => active.includes(id))).toBe(true);
        const per = active.map((id) => got[id] ?? 0);
        expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
        expect(per.reduce((a, b) => a + b, 0)).toBe(n);
      }),
    );
  });

  it('keeps its place when a rep goes inactive, and when the last rep served leaves the pool starts again at the top', () => {
    const after = run(nextInRotation, [rep('a'), rep('b'), rep('c')], 1).entry; // a served
    expect(nextInRotation([rep('a'), rep('b', { active: false }), rep('c')], after)?.rep.id).toBe('c');
    expect(nextInRotation([rep('b'), rep('c')], after)?.rep.id).toBe('b');
    expect(nextInRotation([rep('b'), rep('c')], { nonsense: 1 })?.rep.id).toBe('b');
  });

  it('finds no one when every rep is inactive, or the pool is empty', () => {
    expect(nextInRotation([rep('a', { active: false })], undefined)).toBeUndefined();
    expect(nextInRotation([], undefined)).toBeUndefined();
  });
});

describe('weighted rotation', () => {
  it('spreads a 5:1:1 pool as smooth weighted round-robin does', () => {
    const pool = [rep('a', { weight: 5 }), rep('b'), rep('c')];
    expect(run(nextWeighted, pool, 7).ids).toEqual(['a', 'a', 'b', 'a', 'c', 'a', 'a']);
  });

  it('gives each rep exactly its weight in every cycle of Σweights leads', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (weights, cycles) => {
          const pool = weights.map((weight, i) => rep(`r${i}`, { weight }));
          const total = weights.reduce((a, b) => a + b, 0);
          let entry: unknown;
          for (let c = 0; c < cycles; c++) {
            const cycle = run(nextWeighted, pool, total, entry);
            entry = cycle.entry;
            expect(counts(cycle.ids)).toEqual(Object.fromEntries(pool.map((r) => [r.id, r.weight])));
          }
        },
      ),
    );
  });

  it('skips inactive reps and starts afresh when the active reps change', () => {
    const pool = [rep('a', { weight: 2 }), rep('b', { active: false, weight: 9 }), rep('c')];
    const first = run(nextWeighted, pool, 3);
    expect(first.ids).toEqual(['a', 'c', 'a']);
    const back = pool.map((r) => ({ ...r, active: true }));
    expect(run(nextWeighted, back, 12, first.entry).ids).toEqual(run(nextWeighted, back, 12).ids);
  });

  it('finds no one when every rep is inactive', () => {
    expect(nextWeighted([rep('a', { active: false })], undefined)).toBeUndefined();
  });
});
