import type { ReviewResolution } from '../actions/webhooks/decision-event.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Decision, Verdict } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { LeadOwner } from '../routing/lead-owner.js';
import type { PipelineTransaction } from './pipeline-transaction.js';
import { ROUTING_STATE_KEY, type ActionsFunction, type RouteFunction } from './qualify-jobs.js';

const say = (v: Verdict): string => v.replace('_', ' ');

/**
 * A person's verdict as a decision of its own: the AI's decision with the person's verdict, a
 * first reason saying who overrode what and why, and `versions.engine` = `person`. The AI's
 * scores, reasons and opinions stay for the record.
 */
export const personDecision = (
  decision: Decision,
  override: { readonly verdict: Verdict; readonly reason: string; readonly by: string; readonly at: string },
): Omit<Decision, 'id'> => {
  const { id: _id, ...rest } = decision;
  return {
    ...rest,
    verdict: override.verdict,
    reasons: [
      {
        text: `${override.by} overrode the ${say(decision.verdict)} verdict: ${override.reason}`,
        kind: 'review',
        effect: 0,
        facts: [],
      },
      ...decision.reasons,
    ],
    versions: { ...decision.versions, engine: 'person' },
    decidedAt: override.at,
  };
};

/**
 * Inside the transaction that resolves an overridden review: save the person's decision, route
 * it by the criteria's rules (round-robin pointers advance as for any decision; a route that
 * would wait for review again is the route it proposes, since a person has just looked), record
 * the route with its times, and enqueue the `review.resolved` actions — webhooks and the CRM
 * write-back of the person's verdict.
 */
export const routeOverride = async (
  deps: {
    readonly route: RouteFunction;
    readonly actions: ActionsFunction;
    readonly criteria: LoadedCriteria;
  },
  tx: PipelineTransaction,
  input: {
    readonly lead: Lead;
    readonly decision: Decision;
    readonly review: ReviewResolution;
    readonly reason: string;
    readonly at: string;
    readonly arrivedAt: string;
    readonly accountOwnerId?: string;
    /** The rep the lead's earlier routes gave it, kept while the rules allow. */
    readonly owner?: LeadOwner;
  },
): Promise<{ readonly decisionId: string; readonly touchId: string; readonly jobs: number }> => {
  const { lead, review, at } = input;
  const draft = personDecision(input.decision, {
    verdict: review.finalVerdict,
    reason: input.reason,
    by: review.by,
    at,
  });
  const decisionId = await tx.saveDecision(draft);
  const decision: Decision = { ...draft, id: decisionId };
  const routed = deps.route(
    {
      lead,
      decision,
      ...(input.accountOwnerId === undefined ? {} : { accountOwnerId: input.accountOwnerId }),
      ...(input.owner === undefined ? {} : { owner: input.owner }),
    },
    deps.criteria,
    await tx.routingState(ROUTING_STATE_KEY),
  );
  await tx.setRoutingState(ROUTING_STATE_KEY, routed.state ?? {});
  const route =
    routed.route.destination === 'review' ? (routed.route.proposed ?? routed.route) : routed.route;
  const touchId = await tx.saveTouch({
    leadId: lead.id,
    decisionId,
    route,
    arrivedAt: input.arrivedAt,
    decidedAt: at,
    routedAt: at,
  });
  const jobs = deps.actions({
    lead,
    decision,
    route,
    touchId,
    occurredAt: at,
    event: 'review.resolved',
    review,
  });
  await tx.enqueue(jobs);
  return { decisionId, touchId, jobs: jobs.length };
};
