import type { Rep } from '../criteria/resolve-routing.js';
import { currentOf, lastOf, type RotationState, type WeightedState } from './routing-state.js';

/**
 * Round-robin: the first active rep after the last one served, in pool order. The pool keeps
 * its inactive reps so that the pointer survives a rep going inactive; a pointer to a rep no
 * longer in the pool starts again at the top. Undefined when no rep of the pool is active.
 */
export const nextInRotation = (
  pool: readonly Rep[],
  entry: unknown,
): { readonly rep: Rep; readonly entry: RotationState } | undefined => {
  const last = lastOf(entry);
  const at = pool.findIndex((r) => r.id === last);
  for (let step = 1; step <= pool.length; step++) {
    const rep = pool[(at + step) % pool.length];
    if (rep?.active === true) return { rep, entry: { last: rep.id } };
  }
  return undefined;
};

/**
 * Smooth weighted round-robin (as nginx balances upstreams): every active rep's current weight
 * grows by its weight, the largest takes the lead (the first in pool order on a tie) and gives
 * back the total. Over any run of Σweights leads each rep gets exactly its weight, spread out
 * rather than in bursts. When the set of active reps changes the weights start again from zero.
 */
export const nextWeighted = (
  pool: readonly Rep[],
  entry: unknown,
): { readonly rep: Rep; readonly entry: WeightedState } | undefined => {
  const active = pool.filter((r) => r.active);
  const stored = currentOf(entry);
  const same =
    active.length === Object.keys(stored).length && active.every((r) => Object.hasOwn(stored, r.id));
  const total = active.reduce((sum, r) => sum + r.weight, 0);
  const current: Record<string, number> = {};
  let best: Rep | undefined;
  for (const rep of active) {
    const weight = (same ? (stored[rep.id] ?? 0) : 0) + rep.weight;
    current[rep.id] = weight;
    if (best === undefined || weight > (current[best.id] ?? 0)) best = rep;
  }
  if (best === undefined) return undefined;
  current[best.id] = (current[best.id] ?? 0) - total;
  return { rep: best, entry: { current } };
};
