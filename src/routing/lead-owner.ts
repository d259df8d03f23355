import type { Rep, Routing, Target } from '../criteria/resolve-routing.js';

/** The rep a lead was assigned by its earlier routes, and since when they have held it. */
export interface LeadOwner {
  readonly id: string;
  /** When the current run of routes to this rep began (ISO 8601). */
  readonly since: string;
}

/** One earlier route of a lead, as ownership reads it. */
export interface OwnedRoute {
  readonly ownerId?: string;
  readonly routedAt: string;
}

/**
 * The owner of a lead from its earlier routes, oldest first: the rep of its newest route that
 * assigned one, held since the first of the unbroken run of routes to that rep. Routes without
 * an owner (nurture, review, disqualify) neither end nor start an ownership: a lead that went to
 * nurture while the prospect was answering still belongs to the rep who had it.
 */
export const leadOwner = (routes: readonly OwnedRoute[]): LeadOwner | undefined => {
  let owner: LeadOwner | undefined;
  for (const { ownerId, routedAt } of routes) {
    if (ownerId !== undefined && ownerId !== owner?.id) owner = { id: ownerId, since: routedAt };
  }
  return owner;
};

/** Whether a lead's owner keeps it under the rule it now falls in, with the phrase for the reason. */
export type Keeping =
  { readonly rep: Rep; readonly phrase: string } | { readonly rep?: undefined; readonly phrase: string };

/** What the rule needs to know about the lead to judge its owner. */
export interface KeepContext {
  /** The rule's key, for the reason. */
  readonly ruleKey: string;
  readonly territory?: string;
}

const day = (iso: string): string => iso.slice(0, 10);

/**
 * Whether a re-decided lead stays with its owner under the assigning rule it now matches: yes
 * while the owner is an active routing rep among the rule's reps and — when the rule assigns by
 * territory and an active rep of that pool covers the lead's territory — covers it too. A kept
 * lead takes no turn from any rotation. Otherwise the phrase says why it is routed afresh. The
 * lead's own owner comes before the account's: the rep working the lead keeps it.
 */
export const keepOwner = (
  owner: LeadOwner,
  target: Extract<Target, { kind: 'assign' }>,
  routing: Routing,
  ctx: KeepContext,
): Keeping => {
  const rep = routing.reps.find((r) => r.id === owner.id);
  const afresh = (name: string, why: string) =>
    `routed afresh: ${name} (its owner since ${day(owner.since)}) ${why}`;
  if (rep === undefined) return { phrase: afresh(`"${owner.id}"`, 'is no longer a routing rep') };
  if (!rep.active) return { phrase: afresh(rep.name, 'is inactive') };
  if (target.reps !== undefined && !target.reps.includes(rep.id)) {
    return { phrase: afresh(rep.name, `is not among the reps of rule ${ctx.ruleKey}`) };
  }
  const territory = ctx.territory;
  if (
    territory !== undefined &&
    target.strategies.includes('territory') &&
    !rep.territories.includes(territory)
  ) {
    const pool =
      target.reps === undefined ? routing.reps : routing.reps.filter((r) => target.reps?.includes(r.id));
    if (pool.some((r) => r.active && r.territories.includes(territory))) {
      return { phrase: afresh(rep.name, `does not cover ${territory}`) };
    }
  }
  return { rep, phrase: `kept with ${rep.name}, who owns it since ${day(owner.since)}` };
};
