import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria, parseCriteria } from '../criteria/load-criteria.js';
import type { Routing } from '../criteria/resolve-routing.js';
import type { Decision } from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import type { Fact } from '../domain/provenance.js';
import { routeLead, type RouteInput } from './route-lead.js';
import { EMPTY_ROUTING_STATE, readRoutingState, type RoutingState } from './routing-state.js';

const CRITERIA = `name: Routed
icp: Software companies.
playbooks:
  - { name: enterprise-demo, when: { minEmployees: 1000 } }
  - { name: content, when: { sources: [Webinar] } }
routing:
  territories:
    DACH: [DACH]
    EMEA: [EMEA]
    NA: [US, CA]
  reps:
    - { id: dana, name: Dana Kim, email: dana@example.com, territories: [EMEA, DACH], weight: 2 }
    - { id: emil, name: Emil Roth, email: emil@example.com, territories: [DACH] }
    - { id: lee, name: Lee Park, email: lee@example.com, territories: [NA], active: false }
    - { id: ana, name: Ana Silva, email: ana@example.com, territories: [NA] }
    - { id: sam, name: Sam Ito, email: sam@example.com, territories: [EMEA] }
  rules:
    - name: hot-enterprise
      when: { verdicts: [qualified], grades: [A1, A2], playbooks: [enterprise-demo], minScore: 80 }
      to: { assign: [account-owner, territory, round-robin] }
    - name: by-territory
      when: { verdicts: [qualified], territories: [EMEA, DACH, NA] }
      to: { assign: territory }
    - name: weighted
      when: { verdicts: [qualified], grades: [B] }
      to: { assign: weighted, reps: [dana, sam] }
    - when: { verdicts: [needs_info] }
      to: { nurture: needs-info }
    - when: { verdicts: [not_qualified] }
      to: { disqualify: true }
`;

const routingOf = (yaml: string): Routing => parseCriteria(yaml, 'criteria.yaml').routing;
const ROUTING = routingOf(CRITERIA);

const at = '2026-11-28T00:00:00.000Z';
const fact = <T>(value: T): Fact<T> => ({ value, provenance: { source: 'input', at } });

const lead = (country?: string, companyCountry?: string): Pick<Lead, 'person' | 'company'> => ({
  person: country === undefined ? {} : { country: fact(country) },
  company: companyCountry === undefined ? {} : { country: fact(companyCountry) },
});

type Decided = Pick<Decision, 'verdict' | 'score' | 'grade' | 'playbook'>;
const qualified = (more: Partial<Decided> = {}): Decided => ({
  verdict: 'qualified',
  score: 86,
  grade: 'A1',
  ...more,
});

const input = (country: string | undefined, decision: Decided, accountOwnerId?: string): RouteInput => ({
  lead: lead(country),
  decision,
  ...(accountOwnerId === undefined ? {} : { accountOwnerId }),
});

/** Route leads one after another, threading the state; the owners' ids (or destinations). */
const routeAll = (inputs: readonly RouteInput[], routing = ROUTING, start = EMPTY_ROUTING_STATE) => {
  let state: RoutingState = start;
  const who = inputs.map((i) => {
    const routed = routeLead(i, routing, state);
    state = routed.state;
    return routed.route.owner?.id ?? routed.route.destination;
  });
  return { who, state };
};

describe('routing rules', () => {
  it('take the first rule that matches, in file order', () => {
    const enterprise = routeLead(
      input('DE', qualified({ playbook: 'enterprise-demo' })),
      ROUTING,
      EMPTY_ROUTING_STATE,
    );
    expect(enterprise.route.rule).toBe('hot-enterprise');
    const lowScore = routeLead(
      input('DE', qualified({ playbook: 'enterprise-demo', score: 70 })),
      ROUTING,
      EMPTY_ROUTING_STATE,
    );
    expect(lowScore.route.rule).toBe('by-territory');
    const atMinimum = qualified({ playbook: 'enterprise-demo', score: 80 });
    expect(routeLead(input('DE', atMinimum), ROUTING, EMPTY_ROUTING_STATE).route.rule).toBe('hot-enterprise');
    expect(routeLead(input('BR', qualified({ grade: 'B2' })), ROUTING, EMPTY_ROUTING_STATE).route.rule).toBe(
      'weighted',
    );
    expect(routeLead(input('BR', qualified()), ROUTING, EMPTY_ROUTING_STATE).route).toMatchObject({
      rule: 'default',
      destination: 'review',
      reason: 'Qualified (A1, score 86): no routing rule matched; to the review queue',
    });
  });

  it('send needs_info into the nurture sequence and not_qualified out, naming unnamed rules by position', () => {
    const nurture = routeLead(
      input('US', { verdict: 'needs_info', score: 48, grade: 'B2' }),
      ROUTING,
      EMPTY_ROUTING_STATE,
    );
    expect(nurture.route).toEqual({
      destination: 'nurture',
      sequence: 'needs-info',
      territory: 'NA',
      rule: 'rules[3]',
      reason: 'Needs information (B2, score 48) in NA: nurture sequence needs-info',
    });
    const out = routeLead(
      input(undefined, { verdict: 'not_qualified', score: 12, grade: 'D4' }),
      ROUTING,
      EMPTY_ROUTING_STATE,
    );
    expect(out.route).toEqual({
      destination: 'disqualify',
      rule: 'rules[4]',
      reason: 'Not qualified (D4, score 12): disqualified',
    });
  });

  it('say why in words an account executive understands', () => {
    const { route } = routeLead(input('GB', qualified()), ROUTING, EMPTY_ROUTING_STATE);
    expect(route).toEqual({
      destination: 'ae',
      owner: { id: 'dana', name: 'Dana Kim', email: 'dana@example.com' },
      territory: 'EMEA',
      rule: 'by-territory',
      reason: 'Qualified (A1, score 86) in EMEA: round-robin among the EMEA reps → Dana Kim',
    });
  });
});

describe('territories', () => {
  it('place a lead by its country, in the first territory listing it, countries of a region included', () => {
    const territory = (country: string) =>
      routeLead(input(country, qualified()), ROUTING, EMPTY_ROUTING_STATE).route.territory;
    expect(territory('DE')).toBe('DACH');
    expect(territory('ch')).toBe('DACH');
    expect(territory('FR')).toBe('EMEA');
    expect(territory('ZA')).toBe('EMEA');
    expect(territory('CA')).toBe('NA');
    expect(territory('BR')).toBeUndefined();
  });

  it("use the person's country, else the company's", () => {
    const route = (l: Pick<Lead, 'person' | 'company'>) =>
      routeLead({ lead: l, decision: qualified() }, ROUTING, EMPTY_ROUTING_STATE).route.territory;
    expect(route(lead('US', 'DE'))).toBe('NA');
    expect(route(lead(undefined, 'DE'))).toBe('DACH');
  });

  it("rotate among the territory's active reps, each territory on its own", () => {
    const leads = ['DE', 'US', 'FR', 'DE', 'US', 'FR', 'AT', 'FR'].map((c) => input(c, qualified()));
    expect(routeAll(leads).who).toEqual(['dana', 'ana', 'dana', 'emil', 'ana', 'sam', 'dana', 'dana']);
  });

  it('send the lead to review, saying why, when no rep of its territory is active', () => {
    const routing = routingOf(CRITERIA.replace('territories: [NA] }', 'territories: [NA], active: false }'));
    expect(routeLead(input('US', qualified()), routing, EMPTY_ROUTING_STATE).route).toMatchObject({
      destination: 'review',
      rule: 'by-territory',
      reason:
        'Qualified (A1, score 86) in NA: no active rep can take it (no active rep in NA); to the review queue',
    });
  });
});

describe('the account owner', () => {
  const hot = (owner?: string, country = 'DE') =>
    input(country, qualified({ playbook: 'enterprise-demo' }), owner);

  it('keeps the leads of an account while active', () => {
    expect(routeAll([hot('sam'), hot('sam'), hot('sam')]).who).toEqual(['sam', 'sam', 'sam']);
    expect(routeLead(hot('sam'), ROUTING, EMPTY_ROUTING_STATE).route.reason).toBe(
      "Qualified (A1, score 86, enterprise-demo playbook) in DACH: kept with the account's owner → Sam Ito",
    );
  });

  it('falls back to the next strategy when the owner is inactive, unknown or absent', () => {
    expect(routeLead(hot('lee'), ROUTING, EMPTY_ROUTING_STATE).route).toMatchObject({
      owner: { id: 'dana' },
      reason:
        "Qualified (A1, score 86, enterprise-demo playbook) in DACH: the account's owner Lee Park is inactive; round-robin among the DACH reps → Dana Kim",
    });
    expect(routeLead(hot('gone'), ROUTING, EMPTY_ROUTING_STATE).route.reason).toContain(
      `the account's owner "gone" is not a routing rep; round-robin among the DACH reps`,
    );
    expect(routeLead(hot(undefined, 'BR'), ROUTING, EMPTY_ROUTING_STATE).route.reason).toBe(
      'Qualified (A1, score 86, enterprise-demo playbook): new account; no territory covers BR; round-robin among 4 reps → Dana Kim',
    );
  });
});

describe('weighted assignment', () => {
  it('gives the rule’s reps leads in proportion to their weights, exactly over each cycle', () => {
    const leads = Array.from({ length: 30 }, () => input('BR', qualified({ grade: 'B1' })));
    const { who } = routeAll(leads);
    expect(who.filter((id) => id === 'dana')).toHaveLength(20);
    expect(who.filter((id) => id === 'sam')).toHaveLength(10);
    expect(who.slice(0, 3)).toEqual(['dana', 'sam', 'dana']);
  });
});

describe('assisted mode', () => {
  it('sends every route of an assisted playbook to review with the route it would have taken', () => {
    const routing = routingOf(CRITERIA.replace('routing:\n', 'routing:\n  assisted: [enterprise-demo]\n'));
    const routed = routeLead(
      input('GB', qualified({ playbook: 'enterprise-demo' })),
      routing,
      EMPTY_ROUTING_STATE,
    );
    expect(routed.route).toEqual({
      destination: 'review',
      rule: 'hot-enterprise',
      territory: 'EMEA',
      reason:
        'For review (assisted mode for the enterprise-demo playbook), proposed: Qualified (A1, score 86, enterprise-demo playbook) in EMEA: new account; round-robin among the EMEA reps → Dana Kim',
      proposed: {
        destination: 'ae',
        owner: { id: 'dana', name: 'Dana Kim', email: 'dana@example.com' },
        territory: 'EMEA',
        rule: 'hot-enterprise',
        reason:
          'Qualified (A1, score 86, enterprise-demo playbook) in EMEA: new account; round-robin among the EMEA reps → Dana Kim',
      },
    });
    // The rotation moves on, so queued proposals spread over the reps.
    expect(
      routeLead(input('GB', qualified({ playbook: 'enterprise-demo' })), routing, routed.state).route.proposed
        ?.owner?.id,
    ).toBe('sam');
    expect(routeLead(input('GB', qualified()), routing, EMPTY_ROUTING_STATE).route.destination).toBe('ae');
  });

  it('applies to every playbook when the mode is assisted, disqualifications included', () => {
    const routing = routingOf(CRITERIA.replace('routing:\n', 'routing:\n  mode: assisted\n'));
    const out = routeLead(
      input('GB', { verdict: 'not_qualified', score: 5, grade: 'D4' }),
      routing,
      EMPTY_ROUTING_STATE,
    );
    expect(out.route).toMatchObject({ destination: 'review', proposed: { destination: 'disqualify' } });
    expect(out.route.reason).toMatch(/^For review \(assisted mode\), proposed: Not qualified/);
    const review = routeLead(input('BR', qualified()), routing, EMPTY_ROUTING_STATE).route;
    expect(review).toMatchObject({ destination: 'review', rule: 'default' });
    expect(review.proposed).toBeUndefined();
  });
});

describe('routing state', () => {
  const anyLead = fc.record({
    country: fc.constantFrom('DE', 'AT', 'FR', 'GB', 'US', 'CA', 'BR', 'JP'),
    grade: fc.constantFrom('A1', 'A2', 'B1', 'B3', 'C2'),
    score: fc.integer({ min: 0, max: 100 }),
    playbook: fc.constantFrom(undefined, 'enterprise-demo', 'content'),
    owner: fc.constantFrom(undefined, 'dana', 'lee', 'sam'),
  });
  const toInput = (l: typeof anyLead extends fc.Arbitrary<infer T> ? T : never): RouteInput =>
    input(
      l.country,
      qualified({
        grade: l.grade,
        score: l.score,
        ...(l.playbook === undefined ? {} : { playbook: l.playbook }),
      }),
      l.owner,
    );

  it('round-trips through JSON: storing it between leads changes nothing', () => {
    fc.assert(
      fc.property(fc.array(anyLead, { maxLength: 40 }), (leads) => {
        let kept: RoutingState = EMPTY_ROUTING_STATE;
        let stored: RoutingState = EMPTY_ROUTING_STATE;
        for (const l of leads) {
          const a = routeLead(toInput(l), ROUTING, kept);
          const b = routeLead(toInput(l), ROUTING, readRoutingState(JSON.parse(JSON.stringify(stored))));
          expect(b.route).toEqual(a.route);
          kept = a.state;
          stored = b.state;
        }
      }),
    );
  });

  it('is the only thing that changes the next route: same input and state, same route', () => {
    fc.assert(
      fc.property(fc.array(anyLead, { minLength: 1, maxLength: 20 }), (leads) => {
        const { state } = routeAll(leads.map(toInput));
        const next = toInput(leads[0]!);
        expect(routeLead(next, ROUTING, state)).toEqual(routeLead(next, ROUTING, state));
      }),
    );
  });

  it('copes with stale or damaged entries: reps removed, unknown rules, garbage', () => {
    const state = readRoutingState({
      pools: {
        'by-territory:territory:EMEA': { last: 'someone-gone' },
        'weighted:weighted': { current: { gone: 7, dana: 'x' } },
        'old-rule:round-robin': { last: 'dana' },
        broken: 42,
      },
    });
    expect(Object.keys(state.pools).sort()).toEqual([
      'by-territory:territory:EMEA',
      'old-rule:round-robin',
      'weighted:weighted',
    ]);
    expect(routeLead(input('FR', qualified()), ROUTING, state).route.owner?.id).toBe('dana');
    expect(routeLead(input('BR', qualified({ grade: 'B1' })), ROUTING, state).route.owner?.id).toBe('dana');
    expect(readRoutingState('nonsense')).toEqual(EMPTY_ROUTING_STATE);
    expect(
      routeLead(input('FR', qualified()), ROUTING, { pools: { x: null } } as unknown as RoutingState).route
        .owner?.id,
    ).toBe('dana');
  });
});

describe('the default routing, without a routing section', () => {
  const bare = routingOf('name: Bare\nicp: Anyone.\n');

  it('sends qualified leads to review (no reps), needs_info to the needs-info sequence, not_qualified out', () => {
    expect(routeLead(input('US', qualified()), bare, EMPTY_ROUTING_STATE).route).toEqual({
      destination: 'review',
      rule: 'qualified',
      reason:
        'Qualified (A1, score 86): no active rep can take it (no reps are configured); to the review queue',
    });
    expect(
      routeLead(input('US', { verdict: 'needs_info', score: 30, grade: 'C3' }), bare, EMPTY_ROUTING_STATE)
        .route,
    ).toMatchObject({
      destination: 'nurture',
      sequence: 'needs-info',
    });
    expect(
      routeLead(input('US', { verdict: 'not_qualified', score: 3, grade: 'D4' }), bare, EMPTY_ROUTING_STATE)
        .route.destination,
    ).toBe('disqualify');
  });

  it('round-robins over the active reps when the section lists reps but no rules', () => {
    const reps = routingOf(`name: Reps
icp: Anyone.
routing:
  reps:
    - { id: a, name: A, email: a@example.com }
    - { id: b, name: B, email: b@example.com, active: false }
    - { id: c, name: C, email: c@example.com }
`);
    expect(
      routeAll(
        [1, 2, 3].map(() => input('US', qualified())),
        reps,
      ).who,
    ).toEqual(['a', 'c', 'a']);
  });
});

describe('the BANT template', () => {
  it('reviews enterprise demo requests first and rotates other qualified leads within their territory', async () => {
    const { routing } = await loadCriteria(
      fileURLToPath(new URL('../../examples/criteria/bant.yaml', import.meta.url)),
    );
    const enterprise = routeLead(
      input('US', qualified({ playbook: 'enterprise-demo' })),
      routing,
      EMPTY_ROUTING_STATE,
    );
    expect(enterprise.route).toMatchObject({
      destination: 'review',
      rule: 'enterprise',
      proposed: { destination: 'ae', owner: { id: 'maria' } },
    });
    const { who } = routeAll(
      ['GB', 'US', 'DE', 'FR', 'BR'].map((c) => input(c, qualified({ grade: 'B2', score: 65 }))),
      routing,
    );
    // BR is in no territory: the rule's own round-robin over every active rep starts at the top.
    expect(who).toEqual(['dana', 'maria', 'omar', 'dana', 'dana']);
  });
});
