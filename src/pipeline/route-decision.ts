import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { isoNow } from '../domain/clock.js';
import type { Clock } from '../domain/clock.js';
import type { Decision, Verdict } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { Route } from '../domain/route.js';
import type { LeadOwner } from '../routing/lead-owner.js';
import { routeLead } from '../routing/route-lead.js';
import { readRoutingState } from '../routing/routing-state.js';
import type { DecisionDraft } from '../scoring/decide-with-rules.js';
import type { PipelineTransaction } from './pipeline-transaction.js';
import type { ActionsFunction, RouteFunction } from './qualify-jobs.js';

/** Routing as the pipeline calls it: the criteria's routing section over the stored state. */
export const routeWithCriteria: RouteFunction = (input, criteria, state) =>
  routeLead(input, criteria.routing, readRoutingState(state));

/** A decided lead to save, route and act on. */
export interface DecisionToRoute {
  readonly lead: Lead;
  readonly draft: DecisionDraft;
  /** When the lead (or what re-decided it) arrived: the touch measures speed from it. */
  readonly arrivedAt: string;
  readonly accountOwnerId?: string;
  /** The rep the lead's earlier routes gave it, kept while the rules allow. */
  readonly owner?: LeadOwner;
  /** The verdict before this decision: the actions are then `lead.requalified`. */
  readonly previousVerdict?: Verdict;
}

/** What routing one decision wrote, and the routing state to pass to the next. */
export interface RoutedDecision {
  readonly decision: Decision;
  readonly route: Route;
  readonly touchId: string;
  readonly routedAt: string;
  readonly reviewId?: string;
  /** Webhook, CRM and other jobs enqueued. */
  readonly actions: number;
  readonly state: unknown;
}

/**
 * Inside a pipeline transaction: save a decision, route it (keeping the lead's owner while the
 * rules allow), record the touch, open a review when the route waits for one, and enqueue the
 * actions — `lead.requalified` with the previous verdict when there was one, else `lead.decided`.
 * The routing state comes in and goes out, so that a batch reads and writes it once; what the
 * qualify pipeline and scheduled re-evaluation both do with a decision, so that they act alike.
 */
export const routeDecision = async (
  deps: { readonly clock: Clock; readonly route: RouteFunction; readonly actions: ActionsFunction },
  tx: PipelineTransaction,
  criteria: LoadedCriteria,
  state: unknown,
  input: DecisionToRoute,
): Promise<RoutedDecision> => {
  const { lead, draft } = input;
  const decisionId = await tx.saveDecision({ ...draft, leadId: lead.id });
  const decision: Decision = { ...draft, id: decisionId, leadId: lead.id };
  const routed = deps.route(
    {
      lead,
      decision,
      ...(input.accountOwnerId === undefined ? {} : { accountOwnerId: input.accountOwnerId }),
      ...(input.owner === undefined ? {} : { owner: input.owner }),
    },
    criteria,
    state,
  );
  const routedAt = isoNow(deps.clock);
  const touchId = await tx.saveTouch({
    leadId: lead.id,
    decisionId,
    route: routed.route,
    arrivedAt: input.arrivedAt,
    decidedAt: draft.decidedAt,
    routedAt,
  });
  let reviewId: string | undefined;
  if (routed.route.destination === 'review') {
    reviewId = await tx.addReview({
      leadId: lead.id,
      decisionId,
      touchId,
      verdict: decision.verdict,
      proposed: routed.route.proposed ?? routed.route,
      createdAt: routedAt,
    });
  }
  const jobs = deps.actions({
    lead,
    decision,
    route: routed.route,
    touchId,
    occurredAt: routedAt,
    ...(input.previousVerdict === undefined
      ? {}
      : { event: 'lead.requalified' as const, previousVerdict: input.previousVerdict }),
  });
  await tx.enqueue(jobs);
  return {
    decision,
    route: routed.route,
    touchId,
    routedAt,
    ...(reviewId === undefined ? {} : { reviewId }),
    actions: jobs.length,
    state: routed.state,
  };
};
