import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../domain/seeded-random.js';
import type { DemoEvent, DemoOutcome } from './demo-data.js';
import { generateDemoFollowUp } from './generate-demo-follow-up.js';

const DAY_MS = 86_400_000;
const NOW = Date.parse('2026-11-01T00:00:00.000Z');
const at = (daysAgo: number): string => new Date(NOW - daysAgo * DAY_MS).toISOString();
const outcome = (type: DemoOutcome['type'], daysAgo: number): DemoOutcome => ({
  leadRef: 'L1',
  type,
  occurredAt: at(daysAgo),
});
const followUp = (outcomes: readonly DemoOutcome[], createdDaysAgo = 120, interest = 0.9): DemoEvent[] => {
  const out: DemoEvent[] = [];
  const input = { leadRef: 'L1', interest, createdMs: NOW - createdDaysAgo * DAY_MS, nowMs: NOW, outcomes };
  generateDemoFollowUp(createSeededRandom(1), input, out);
  return out;
};

describe('generateDemoFollowUp', () => {
  it('gives a lead in an open deal behaviour from its acceptance until today, in time order', () => {
    const events = followUp([outcome('accepted', 110), outcome('opportunity_created', 100)]);
    expect(events.length).toBeGreaterThan(10);
    const times = events.map((e) => e.occurredAt);
    expect(times).toEqual([...times].sort());
    expect(times[0]! >= at(110)).toBe(true);
    expect(times.at(-1)! <= at(0)).toBe(true);
    expect(events.some((e) => e.type === 'pricing_page_view')).toBe(true);
  });

  it('stops at the close of a won or lost deal', () => {
    const events = followUp([
      outcome('accepted', 110),
      outcome('opportunity_created', 100),
      outcome('won', 60),
    ]);
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.occurredAt <= at(60))).toBe(true);
  });

  it('gives nothing to a rejected lead, or an unengaged one too young for an outcome', () => {
    expect(followUp([outcome('rejected', 115)])).toEqual([]);
    expect(followUp([], 10, 0.2)).toEqual([]);
    expect(followUp([], 10, 0.9).length).toBeGreaterThan(0);
  });
});
