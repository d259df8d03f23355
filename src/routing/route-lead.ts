import type { Routing, Target } from '../criteria/resolve-routing.js';
import type { Decision, Verdict } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { Route } from '../domain/route.js';
import { assignRep, type AssignContext } from './assign-rep.js';
import { keepOwner, type LeadOwner } from './lead-owner.js';
import { leadTerritory } from './lead-territory.js';
import { matchRule, type RouteFacts } from './match-rule.js';
import type { RoutingState } from './routing-state.js';

/** A decided lead to route, with the rep who owns other leads of its company (the caller looks it up). */
export interface RouteInput {
  readonly lead: Pick<Lead, 'person' | 'company'>;
  readonly decision: Pick<Decision, 'verdict' | 'score' | 'grade' | 'playbook'>;
  /** The rep id owning the account, if any: kept by the `account-owner` strategy while active. */
  readonly accountOwnerId?: string;
  /** The rep the lead's earlier routes assigned it to: kept while the rule it now matches allows. */
  readonly owner?: LeadOwner;
}

/** The route, and the routing state to store and pass with the next lead. */
export interface Routed {
  readonly route: Route;
  readonly state: RoutingState;
}

const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  qualified: 'Qualified',
  needs_info: 'Needs information',
  not_qualified: 'Not qualified',
};

/** "Qualified (A1, score 86, enterprise-demo playbook) in EMEA". */
const heading = (facts: RouteFacts): string => {
  const playbook = facts.playbook === 'default' ? '' : `, ${facts.playbook} playbook`;
  const where = facts.territory === undefined ? '' : ` in ${facts.territory}`;
  return `${VERDICT_LABELS[facts.verdict]} (${facts.grade}, score ${Math.round(facts.score)}${playbook})${where}`;
};

interface Situation {
  readonly input: RouteInput;
  readonly facts: RouteFacts;
  readonly country?: string;
  readonly rule: string;
  /** "no routing rule matched; " for the default destination. */
  readonly preface: string;
}

/** The route a target gives, without assisted mode. */
const follow = (target: Target, s: Situation, routing: Routing, state: RoutingState): Routed => {
  const base = {
    rule: s.rule,
    ...(s.facts.territory === undefined ? {} : { territory: s.facts.territory }),
  };
  const say = (what: string) => `${heading(s.facts)}: ${s.preface}${what}`;
  switch (target.kind) {
    case 'nurture':
      return {
        route: {
          ...base,
          destination: 'nurture',
          sequence: target.sequence,
          reason: say(`nurture sequence ${target.sequence}`),
        },
        state,
      };
    case 'disqualify':
      return { route: { ...base, destination: 'disqualify', reason: say('disqualified') }, state };
    case 'review':
      return { route: { ...base, destination: 'review', reason: say('to the review queue') }, state };
    case 'assign': {
      const owner = s.input.owner;
      const keeping =
        owner === undefined
          ? undefined
          : keepOwner(owner, target, routing, {
              ruleKey: s.rule,
              ...(s.facts.territory === undefined ? {} : { territory: s.facts.territory }),
            });
      // A kept lead takes no turn: the rotations stay where they were.
      const assigned =
        keeping?.rep !== undefined
          ? { rep: keeping.rep, steps: [], state }
          : assignRep(target.strategies, routing, assignContext(target, s), state);
      const steps = [...(keeping === undefined ? [] : [keeping.phrase]), ...assigned.steps];
      if (assigned.rep === undefined) {
        const why = `no active rep can take it (${steps.join('; ')}); to the review queue`;
        return { route: { ...base, destination: 'review', reason: say(why) }, state };
      }
      const { id, name, email } = assigned.rep;
      return {
        route: { ...base, destination: 'ae', owner: { id, name, email }, reason: say(steps.join('; ')) },
        state: assigned.state,
      };
    }
  }
};

const assignContext = (target: Extract<Target, { kind: 'assign' }>, s: Situation): AssignContext => ({
  ruleKey: s.rule,
  ...(target.reps === undefined ? {} : { reps: target.reps }),
  ...(s.country === undefined ? {} : { country: s.country }),
  ...(s.facts.territory === undefined ? {} : { territory: s.facts.territory }),
  ...(s.input.accountOwnerId === undefined ? {} : { accountOwnerId: s.input.accountOwnerId }),
});

/**
 * Route a decided lead: the first rule matching its verdict, grade, score, playbook and
 * territory picks the destination (the `default` destination when none matches); an
 * assignment that finds no active rep goes to the review queue. In assisted mode (globally or
 * for the lead's playbook) the route goes to the review queue with the route it would have
 * taken as `proposed`; rotations still move on, so that queued proposals spread over the reps.
 * A lead decided again keeps the owner its earlier routes gave it when the assigning rule it now
 * matches allows (see `keepOwner`), taking no turn from the rotations; otherwise it is routed
 * afresh and the reason says why.
 * Pure and deterministic: the same input, routing and state give the same route and state.
 */
export const routeLead = (input: RouteInput, routing: Routing, state: RoutingState): Routed => {
  const { country, territory } = leadTerritory(input.lead, routing.territories);
  const { verdict, grade, score } = input.decision;
  const playbook = input.decision.playbook ?? 'default';
  const facts: RouteFacts = {
    verdict,
    grade,
    score,
    playbook,
    ...(territory === undefined ? {} : { territory }),
  };
  const rule = matchRule(routing.rules, facts);
  const situation: Situation = {
    input,
    facts,
    ...(country === undefined ? {} : { country }),
    rule: rule?.key ?? 'default',
    preface: rule === undefined ? 'no routing rule matched; ' : '',
  };
  const routed = follow(rule?.to ?? routing.fallback, situation, routing, state);
  const assisted = routing.mode === 'assisted' || routing.assisted.includes(playbook);
  if (!assisted || routed.route.destination === 'review') return routed;
  const why = routing.mode === 'assisted' ? 'assisted mode' : `assisted mode for the ${playbook} playbook`;
  const { route } = routed;
  return {
    route: {
      destination: 'review',
      rule: route.rule,
      ...(route.territory === undefined ? {} : { territory: route.territory }),
      reason: `For review (${why}), proposed: ${route.reason}`,
      proposed: route,
    },
    state: routed.state,
  };
};
