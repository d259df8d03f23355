import { describe, expect, it } from 'vitest';
import { BARE_LEAD, DECISION, LEAD, ROUTE } from '../test-support/decided-lead.js';
import { WEBHOOK_EVENTS, buildDecisionEvent } from './decision-event.js';

const OCCURRED = '2026-11-28T09:00:01.000Z';

describe('the lead.decided event', () => {
  it('carries the lead, decision and route as plain values', () => {
    const { event, body } = buildDecisionEvent({
      lead: LEAD,
      decision: DECISION,
      route: ROUTE,
      occurredAt: OCCURRED,
    });
    expect(event).toBe('lead.decided');
    const parsed = JSON.parse(body) as Record<string, unknown>;
    expect(parsed).toEqual({
      id: `evt_${DECISION.id}`,
      type: 'lead.decided',
      occurredAt: OCCURRED,
      lead: {
        id: LEAD.id,
        externalId: 'form-4411',
        email: 'dana.kim@acme.com',
        firstName: 'Dana',
        lastName: 'Kim',
        title: 'VP Sales',
        company: 'Acme',
        domain: 'acme.com',
        source: 'demo_request',
      },
      decision: {
        id: DECISION.id,
        verdict: 'qualified',
        score: 82,
        grade: 'A1',
        fit: { score: 90, grade: 'A' },
        intent: { score: 70, grade: 1 },
        playbook: 'enterprise',
        reasons: [
          { text: 'VP-level buyer', kind: 'fit', effect: 20 },
          { text: 'Requested a demo', kind: 'intent', effect: 30 },
          { text: 'Company of 200 people, inside the 50–5,000 range', kind: 'fit', effect: 15 },
        ],
        missing: [{ field: 'budget', how: 'ask', question: 'What budget have you set aside?' }],
        versions: { engine: 'rules@1', criteria: 'criteria@abc123', model: null, llm: null },
      },
      route: {
        destination: 'ae',
        owner: { id: 'rep-7', name: 'Sam Rivera', email: 'sam.rivera@seller.example' },
        sequence: null,
        territory: 'NA',
        rule: 'enterprise-na',
        reason: ROUTE.reason,
      },
      previousVerdict: null,
      review: null,
    });
  });

  it('names a later decision lead.requalified with the verdict before it, and a review by what the person did', () => {
    const again = buildDecisionEvent({
      lead: LEAD,
      decision: DECISION,
      route: ROUTE,
      occurredAt: OCCURRED,
      event: 'lead.requalified',
      previousVerdict: 'needs_info',
    });
    expect(again.event).toBe('lead.requalified');
    expect(again.payload).toMatchObject({
      type: 'lead.requalified',
      previousVerdict: 'needs_info',
      review: null,
    });
    const resolved = buildDecisionEvent({
      lead: LEAD,
      decision: DECISION,
      route: ROUTE,
      occurredAt: OCCURRED,
      event: 'review.resolved',
      review: {
        id: 'rev-1',
        status: 'overridden',
        finalVerdict: 'not_qualified',
        reason: 'A reseller',
        by: 'dana',
      },
    });
    expect(resolved.payload).toMatchObject({
      id: 'evt_rev-1_overridden',
      type: 'review.resolved',
      review: {
        id: 'rev-1',
        status: 'overridden',
        finalVerdict: 'not_qualified',
        reason: 'A reseller',
        by: 'dana',
      },
      previousVerdict: null,
    });
  });

  it('keeps every key, as null, when the lead, decision or route lacks it', () => {
    const decision = { ...DECISION, leadId: BARE_LEAD.id, reasons: [], missing: [] };
    const { playbook: _p, ...withoutPlaybook } = decision;
    const { payload } = buildDecisionEvent({
      lead: BARE_LEAD,
      decision: withoutPlaybook,
      occurredAt: OCCURRED,
    });
    expect(Object.values(payload.lead).filter((v) => v === null)).toHaveLength(8);
    expect(payload.decision.playbook).toBeNull();
    expect(payload.route).toBeNull();
  });

  it('never leaks provenance or cited facts into the payload', () => {
    const { body } = buildDecisionEvent({
      lead: LEAD,
      decision: DECISION,
      route: ROUTE,
      occurredAt: OCCURRED,
    });
    expect(body).not.toContain('provenance');
    expect(body).not.toContain('"facts"');
  });

  it('gives the same id and body when built again', () => {
    const build = () =>
      buildDecisionEvent({ lead: LEAD, decision: DECISION, route: ROUTE, occurredAt: OCCURRED }).body;
    expect(build()).toBe(build());
  });

  it('names the five events an actions file can filter on', () => {
    expect(WEBHOOK_EVENTS).toEqual([
      'lead.decided',
      'lead.requalified',
      'review.resolved',
      'alert.raised',
      'lead.stale',
    ]);
  });
});
