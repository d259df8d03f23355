import type { Rep, Routing } from '../criteria/resolve-routing.js';
import type { AssignStrategy } from '../criteria/routing-schema.js';
import { nextInRotation, nextWeighted } from './next-in-rotation.js';
import type { RotationState, RoutingState, WeightedState } from './routing-state.js';

/** What a strategy needs to know about the lead and the rule. */
export interface AssignContext {
  /** The rule's key, which names its rotations in the state. */
  readonly ruleKey: string;
  /** The rep ids the rule chooses among; every rep when absent. */
  readonly reps?: readonly string[];
  readonly country?: string;
  readonly territory?: string;
  readonly accountOwnerId?: string;
}

/**
 * The outcome of trying a rule's strategies in turn: the rep (if one was found), the state
 * with that strategy's rotation moved on, and one phrase per strategy tried, for the reason.
 */
export type Assignment =
  | { readonly rep: Rep; readonly steps: readonly string[]; readonly state: RoutingState }
  | { readonly rep?: undefined; readonly steps: readonly string[] };

type Attempt =
  | {
      readonly rep: Rep;
      readonly phrase: string;
      readonly pool?: readonly [string, RotationState | WeightedState];
    }
  | { readonly rep?: undefined; readonly phrase: string };

const among = (n: number): string => (n === 1 ? 'the only active rep' : `${n} reps`);

const accountOwner = (routing: Routing, ctx: AssignContext): Attempt => {
  if (ctx.accountOwnerId === undefined) return { phrase: 'new account' };
  const owner = routing.reps.find((r) => r.id === ctx.accountOwnerId);
  if (owner === undefined)
    return { phrase: `the account's owner "${ctx.accountOwnerId}" is not a routing rep` };
  if (!owner.active) return { phrase: `the account's owner ${owner.name} is inactive` };
  return { rep: owner, phrase: `kept with the account's owner → ${owner.name}` };
};

const territory = (pool: readonly Rep[], ctx: AssignContext, state: RoutingState): Attempt => {
  const name = ctx.territory;
  if (name === undefined)
    return {
      phrase:
        ctx.country === undefined ? "the lead's country is unknown" : `no territory covers ${ctx.country}`,
    };
  const key = `${ctx.ruleKey}:territory:${name}`;
  const next = nextInRotation(
    pool.filter((r) => r.territories.includes(name)),
    state.pools[key],
  );
  if (next === undefined) return { phrase: `no active rep in ${name}` };
  return {
    rep: next.rep,
    phrase: `round-robin among the ${name} reps → ${next.rep.name}`,
    pool: [key, next.entry],
  };
};

const rotation = (
  strategy: 'round-robin' | 'weighted',
  pool: readonly Rep[],
  ctx: AssignContext,
  state: RoutingState,
): Attempt => {
  const key = `${ctx.ruleKey}:${strategy}`;
  const next = (strategy === 'weighted' ? nextWeighted : nextInRotation)(pool, state.pools[key]);
  if (next === undefined)
    return { phrase: pool.length === 0 ? 'no reps are configured' : 'no rep is active' };
  const how = strategy === 'weighted' ? 'weighted rotation' : 'round-robin';
  const active = pool.filter((r) => r.active).length;
  return {
    rep: next.rep,
    phrase: `${how} among ${among(active)} → ${next.rep.name}`,
    pool: [key, next.entry],
  };
};

/**
 * Choose an account executive with a rule's strategies, in order, until one finds an active
 * rep. Pure: the rotations' new positions come back in the returned state.
 */
export const assignRep = (
  strategies: readonly AssignStrategy[],
  routing: Routing,
  ctx: AssignContext,
  state: RoutingState,
): Assignment => {
  const pool =
    ctx.reps === undefined ? routing.reps : ctx.reps.flatMap((id) => routing.reps.filter((r) => r.id === id));
  const steps: string[] = [];
  for (const strategy of strategies) {
    const attempt =
      strategy === 'account-owner'
        ? accountOwner(routing, ctx)
        : strategy === 'territory'
          ? territory(pool, ctx, state)
          : rotation(strategy, pool, ctx, state);
    steps.push(attempt.phrase);
    if (attempt.rep !== undefined) {
      const pools =
        attempt.pool === undefined ? state.pools : { ...state.pools, [attempt.pool[0]]: attempt.pool[1] };
      return { rep: attempt.rep, steps, state: { pools } };
    }
  }
  return { steps };
};
