import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { Verdict } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { ActionsFunction, RouteFunction } from '../pipeline/qualify-jobs.js';
import { ROUTING_STATE_KEY } from '../pipeline/qualify-jobs.js';
import { routeDecision } from '../pipeline/route-decision.js';
import type { LeadOwner } from '../routing/lead-owner.js';
import type { DecisionDraft } from '../scoring/decide-with-rules.js';
import type { RequalifyWork } from './hygiene-store.js';

/** What acting on a moved verdict needs: the pipeline's routing and actions, and who owns what. */
export interface RequalifyDeps {
  readonly route: RouteFunction;
  readonly actions: ActionsFunction;
  /** The reps owning these company domains' accounts (see `ServiceStore.accountOwners`). */
  readonly accountOwners: (companyDomains: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** The reps who own these leads from their earlier routes (see `ServiceStore.leadOwners`). */
  readonly leadOwners: (leadIds: readonly string[]) => Promise<ReadonlyMap<string, LeadOwner>>;
}

/** A lead whose verdict re-evaluation moved (or whose score sends it elsewhere), with the decision it was compared with. */
export interface MovedLead {
  readonly lead: Lead;
  /** The newest decision when the lead was read: acted on only if it is still the newest. */
  readonly comparedWith: string;
  readonly previousVerdict: Verdict;
  /** The new decision, whose first reason says how and why it moved. */
  readonly draft: DecisionDraft;
}

/**
 * Whether a new decision would go to another destination than the lead's newest route — what
 * the routing rules decide from the verdict, score, grade and playbook, whatever the rotation
 * state. False for a lead never routed (nothing to compare with).
 */
export const routesElsewhere = (
  route: RouteFunction,
  criteria: LoadedCriteria,
  lead: Lead,
  draft: DecisionDraft,
  destination: string | undefined,
): boolean =>
  destination !== undefined &&
  route({ lead, decision: { ...draft, id: '', leadId: lead.id } }, criteria, undefined).route.destination !==
    destination;

/** What acting on one batch's moves did (counted once the transaction commits). */
export interface RequalifyTally {
  routed: number;
  reviews: number;
  actions: number;
  superseded: number;
}

/**
 * The work that treats moved verdicts as any requalification, for the batch's transaction:
 * each decision saved, routed keeping the lead's owner (round-robin pointers advance), a touch
 * recorded (it "arrived" at the re-evaluation's time), a review opened when the route waits for
 * one, and the `lead.requalified` actions (with the previous verdict) enqueued — all committed
 * with the batch or not at all. Owners are read before the transaction, as the qualify pipeline
 * does. `tally` is reset on each attempt (a transaction may be retried).
 */
export const requalifyMoved = async (
  deps: { readonly clock: Clock; readonly criteria: LoadedCriteria; readonly requalify: RequalifyDeps },
  moved: readonly MovedLead[],
  at: string,
  tally: RequalifyTally,
): Promise<RequalifyWork> => {
  const ids = moved.map((m) => m.lead.id);
  const domains = moved.flatMap((m) =>
    m.lead.company.domain === undefined ? [] : [m.lead.company.domain.value],
  );
  const [leadOwners, accountOwners] = await Promise.all([
    ids.length === 0 ? new Map<string, LeadOwner>() : deps.requalify.leadOwners(ids),
    domains.length === 0 ? new Map<string, string>() : deps.requalify.accountOwners(domains),
  ]);
  const routing = { clock: deps.clock, route: deps.requalify.route, actions: deps.requalify.actions };
  return {
    leads: moved.map((m) => ({ leadId: m.lead.id, decisionId: m.comparedWith })),
    work: async (tx, current) => {
      Object.assign(tally, { routed: 0, reviews: 0, actions: 0, superseded: 0 });
      let state = await tx.routingState(ROUTING_STATE_KEY);
      for (const m of moved) {
        if (!current.has(m.lead.id)) {
          tally.superseded += 1;
          continue;
        }
        const domain = m.lead.company.domain?.value;
        const accountOwnerId = domain === undefined ? undefined : accountOwners.get(domain);
        const owner = leadOwners.get(m.lead.id);
        const routed = await routeDecision(routing, tx, deps.criteria, state, {
          lead: m.lead,
          draft: m.draft,
          arrivedAt: at,
          previousVerdict: m.previousVerdict,
          ...(accountOwnerId === undefined ? {} : { accountOwnerId }),
          ...(owner === undefined ? {} : { owner }),
        });
        state = routed.state;
        tally.routed += 1;
        tally.actions += routed.actions;
        if (routed.reviewId !== undefined) tally.reviews += 1;
      }
      await tx.setRoutingState(ROUTING_STATE_KEY, state ?? {});
    },
  };
};
