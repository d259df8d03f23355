import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import type { Routing } from '../criteria/resolve-routing.js';
import type { Decision } from '../domain/decision.js';
import type { Fact } from '../domain/provenance.js';
import { leadOwner, type LeadOwner } from './lead-owner.js';
import { routeLead, type RouteInput } from './route-lead.js';
import { EMPTY_ROUTING_STATE, type RoutingState } from './routing-state.js';

const CRITERIA = `name: Owned
icp: Software companies.
routing:
  territories:
    EMEA: [EMEA]
    NA: [US, CA]
  reps:
    - { id: dana, name: Dana Kim, email: dana@example.com, territories: [EMEA] }
    - { id: omar, name: Omar Haddad, email: omar@example.com, territories: [EMEA] }
    - { id: ana, name: Ana Silva, email: ana@example.com, territories: [NA] }
    - { id: sid, name: Sid Roy, email: sid@example.com }
  rules:
    - name: qualified
      when: { verdicts: [qualified] }
      to: { assign: [territory, round-robin], reps: [dana, omar, ana] }
    - name: needs-info
      when: { verdicts: [needs_info] }
      to: { assign: round-robin, reps: [sid] }
    - name: out
      when: { verdicts: [not_qualified] }
      to: { disqualify: true }
`;

const routingOf = (yaml: string): Routing => parseCriteria(yaml, 'criteria.yaml').routing;
const ROUTING = routingOf(CRITERIA);
const SINCE = '2026-11-01T09:30:00.000Z';

const fact = <T>(value: T): Fact<T> => ({ value, provenance: { source: 'input', at: SINCE } });
type Decided = Pick<Decision, 'verdict' | 'score' | 'grade' | 'playbook'>;
const qualified: Decided = { verdict: 'qualified', score: 86, grade: 'A1' };
const needsInfo: Decided = { verdict: 'needs_info', score: 55, grade: 'B2' };

const input = (decision: Decided, owner?: string, country = 'DE'): RouteInput => ({
  lead: { person: { country: fact(country) }, company: {} },
  decision,
  ...(owner === undefined ? {} : { owner: { id: owner, since: SINCE } }),
});

describe('a lead’s owner from its earlier routes', () => {
  it('is the rep of its newest assigning route, held since that rep’s run of routes began', () => {
    expect(leadOwner([])).toBeUndefined();
    expect(leadOwner([{ routedAt: '2026-01-01' }])).toBeUndefined();
    expect(
      leadOwner([
        { ownerId: 'dana', routedAt: '2026-01-01' },
        { routedAt: '2026-01-02' },
        { ownerId: 'dana', routedAt: '2026-01-03' },
      ]),
    ).toEqual({ id: 'dana', since: '2026-01-01' });
    expect(
      leadOwner([
        { ownerId: 'dana', routedAt: '2026-01-01' },
        { ownerId: 'omar', routedAt: '2026-01-02' },
        { ownerId: 'dana', routedAt: '2026-01-03' },
        { ownerId: 'dana', routedAt: '2026-01-04' },
      ]),
    ).toEqual({ id: 'dana', since: '2026-01-03' });
  });
});

describe('routing a lead decided again', () => {
  it('keeps it with its owner and takes no turn from the rotation', () => {
    const first = routeLead(input(qualified), ROUTING, EMPTY_ROUTING_STATE);
    expect(first.route.owner?.id).toBe('dana');
    let state = first.state;
    for (const decision of [qualified, { ...qualified, score: 91 }, { ...qualified, grade: 'B1' }]) {
      const again = routeLead(input(decision, 'dana'), ROUTING, state);
      expect(again.route.owner?.id).toBe('dana');
      expect(again.state).toBe(state);
      state = again.state;
    }
    expect(routeLead(input(qualified, 'dana'), ROUTING, state).route).toEqual({
      destination: 'ae',
      owner: { id: 'dana', name: 'Dana Kim', email: 'dana@example.com' },
      rule: 'qualified',
      territory: 'EMEA',
      reason: 'Qualified (A1, score 86) in EMEA: kept with Dana Kim, who owns it since 2026-11-01',
    });
    expect(routeLead(input(qualified), ROUTING, state).route.owner?.id).toBe('omar');
  });

  it('routes it afresh when the rule it now matches assigns among other reps, and says so', () => {
    const sdr = routeLead(input(needsInfo, 'sid'), ROUTING, EMPTY_ROUTING_STATE);
    expect(sdr.route.reason).toBe(
      'Needs information (B2, score 55) in EMEA: kept with Sid Roy, who owns it since 2026-11-01',
    );
    const moved = routeLead(input(qualified, 'sid'), ROUTING, EMPTY_ROUTING_STATE);
    expect(moved.route).toMatchObject({ owner: { id: 'dana' }, rule: 'qualified' });
    expect(moved.route.reason).toBe(
      'Qualified (A1, score 86) in EMEA: routed afresh: Sid Roy (its owner since 2026-11-01) is not among' +
        ' the reps of rule qualified; round-robin among the EMEA reps → Dana Kim',
    );
    expect(moved.state).not.toEqual(EMPTY_ROUTING_STATE);
  });

  it('routes it afresh when its owner is inactive, gone from the reps, or does not cover its new territory', () => {
    const inactive = routingOf(
      CRITERIA.replace('territories: [EMEA] }', 'territories: [EMEA], active: false }'),
    );
    expect(routeLead(input(qualified, 'dana'), inactive, EMPTY_ROUTING_STATE).route.reason).toBe(
      'Qualified (A1, score 86) in EMEA: routed afresh: Dana Kim (its owner since 2026-11-01) is inactive;' +
        ' round-robin among the EMEA reps → Omar Haddad',
    );
    expect(routeLead(input(qualified, 'kim'), ROUTING, EMPTY_ROUTING_STATE).route.reason).toMatch(
      /: routed afresh: "kim" \(its owner since 2026-11-01\) is no longer a routing rep; round-robin .* → Dana Kim$/,
    );
    const abroad = routeLead(input(qualified, 'dana', 'US'), ROUTING, EMPTY_ROUTING_STATE);
    expect(abroad.route.owner?.id).toBe('ana');
    expect(abroad.route.reason).toMatch(
      /routed afresh: Dana Kim \(its owner since 2026-11-01\) does not cover NA;/,
    );
  });

  it('keeps it with its owner in a territory no active rep of the rule covers, as round-robin would allow them', () => {
    const routed = routeLead(input(qualified, 'dana', 'JP'), ROUTING, EMPTY_ROUTING_STATE);
    expect(routed.route.owner?.id).toBe('dana');
    expect(routed.state).toBe(EMPTY_ROUTING_STATE);
  });

  it('follows a rule that does not assign, and routes to review when no active rep is left', () => {
    const out = routeLead(
      input({ verdict: 'not_qualified', score: 10, grade: 'D4' }, 'dana'),
      ROUTING,
      EMPTY_ROUTING_STATE,
    );
    expect(out.route).toMatchObject({ destination: 'disqualify', rule: 'out' });
    const nobody = routingOf(
      CRITERIA.replace(
        '{ id: sid, name: Sid Roy, email: sid@example.com }',
        '{ id: sid, name: Sid Roy, email: sid@example.com, active: false }',
      ),
    );
    expect(routeLead(input(needsInfo, 'sid'), nobody, EMPTY_ROUTING_STATE).route).toMatchObject({
      destination: 'review',
      reason:
        'Needs information (B2, score 55) in EMEA: no active rep can take it (routed afresh: Sid Roy (its owner' +
        ' since 2026-11-01) is inactive; no rep is active); to the review queue',
    });
  });

  it('proposes the kept owner in assisted mode', () => {
    const assisted = routingOf(CRITERIA.replace('routing:\n', 'routing:\n  mode: assisted\n'));
    const routed = routeLead(input(qualified, 'omar'), assisted, EMPTY_ROUTING_STATE);
    expect(routed.route).toMatchObject({ destination: 'review', proposed: { owner: { id: 'omar' } } });
    expect(routed.state).toBe(EMPTY_ROUTING_STATE);
  });

  it('never changes who the next new leads get, however often owned leads are decided again between them', () => {
    const decision = fc.record({
      verdict: fc.constantFrom('qualified' as const, 'needs_info' as const, 'not_qualified' as const),
      score: fc.integer({ min: 0, max: 100 }),
      grade: fc.constantFrom('A1', 'B2', 'C3'),
    });
    const step = fc.record({
      country: fc.constantFrom('DE', 'FR', 'US', 'JP'),
      decision,
      // Leads routed so far (indexes into them) decided again under the same verdict, with new scores.
      again: fc.array(fc.tuple(fc.nat(), decision), { maxLength: 4 }),
    });
    type Step = { country: string; decision: Decided; again: [number, Decided][] };
    const routeAll = (steps: readonly Step[], withAgain: boolean): string[] => {
      let state: RoutingState = EMPTY_ROUTING_STATE;
      const owned: { country: string; decision: Decided; owner: LeadOwner }[] = [];
      return steps.map(({ country, decision: d, again }) => {
        for (const [i, re] of withAgain && owned.length > 0 ? again : []) {
          const lead = owned[i % owned.length]!;
          const redecided = { ...re, verdict: lead.decision.verdict };
          const routed = routeLead(
            { ...input(redecided, undefined, lead.country), owner: lead.owner },
            ROUTING,
            state,
          );
          expect(routed.route.owner?.id).toBe(lead.owner.id);
          expect(routed.state).toBe(state);
        }
        const routed = routeLead(input(d, undefined, country), ROUTING, state);
        state = routed.state;
        const id = routed.route.owner?.id;
        if (id !== undefined) owned.push({ country, decision: d, owner: { id, since: SINCE } });
        return id ?? routed.route.destination;
      });
    };
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        expect(routeAll(steps, true)).toEqual(routeAll(steps, false));
      }),
    );
  });
});
