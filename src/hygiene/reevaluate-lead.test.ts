import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import { fixedClock } from '../domain/clock.js';
import { intakeJsonLeads } from '../intake/intake-json-leads.js';
import type { ActivityFacts } from '../scoring/rules/score-intent.js';
import { reevaluateLead } from './reevaluate-lead.js';

const BANT = parseCriteria(
  readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8'),
  'bant.yaml',
);
const { accepted } = intakeJsonLeads(
  [
    {
      email: 'dana@acme-robotics.com',
      name: 'Dana Kim',
      title: 'VP of Sales',
      website: 'acme-robotics.com',
      industry: 'Software',
      employees: '450',
      country: 'US',
    },
  ],
  { origin: 'test', receivedAt: '2026-01-01T00:00:00Z' },
);
const lead = accepted[0]!.draft;
const event = (type: ActivityFacts['type'], occurredAt: string): ActivityFacts => ({
  type,
  occurredAt,
  properties: {},
  source: 'tracking-snippet',
});
const busy = [
  event('pricing_page_view', '2026-01-08T10:00:00Z'),
  event('pricing_page_view', '2026-01-09T10:00:00Z'),
  event('demo_request', '2026-01-09T11:00:00Z'),
];
const at = (iso: string) => ({ clock: fixedClock(iso) });

describe('reevaluateLead', () => {
  it('lets intent decay: the same lead and events, two months later, move down and say why', () => {
    const first = reevaluateLead(at('2026-01-10T00:00:00Z'), BANT, lead, busy).decision;
    expect(first.verdict).toBe('qualified');
    const later = reevaluateLead(at('2026-03-10T00:00:00Z'), BANT, lead, busy, first);
    expect(later.decision.intent.score).toBeLessThan(first.intent.score / 8);
    expect(later.change?.direction).toBe('down');
    expect(later.decision.verdict).toBe('not_qualified');
    expect(later.decision.reasons[0]!.text).toBe(
      `Verdict moved down from qualified to not_qualified (score ${first.score} → ${later.decision.score}): intent fell from ${first.intent.score} to ${later.decision.intent.score} as its events aged (nothing new since 2026-01-09)`,
    );
    expect(later.decision.reasons[0]!.effect).toBe(later.decision.score - first.score);
  });

  it('moves back up when the lead acts again, naming the new events', () => {
    const cold = reevaluateLead(at('2026-03-10T00:00:00Z'), BANT, lead, busy).decision;
    const again = [
      ...busy,
      event('demo_request', '2026-03-11T09:00:00Z'),
      event('pricing_page_view', '2026-03-11T09:05:00Z'),
    ];
    const warm = reevaluateLead(at('2026-03-11T12:00:00Z'), BANT, lead, again, cold);
    expect(warm.change?.direction).toBe('up');
    expect(warm.decision.reasons[0]!.text).toMatch(
      /^Verdict moved up from not_qualified to qualified \(score \d+ → \d+\): intent rose from \d+ to \d+ with 2 new events$/,
    );
  });

  it('adds no change when nothing moved, and none for a first decision', () => {
    const first = reevaluateLead(at('2026-01-10T00:00:00Z'), BANT, lead, busy);
    expect(first.change).toBeUndefined();
    const same = reevaluateLead(at('2026-01-10T00:00:00Z'), BANT, lead, busy, first.decision);
    expect(same.change).toBeUndefined();
    expect(same.decision.reasons).toEqual(first.decision.reasons);
  });
});
