import { describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { flagStale, type StaleCandidate } from './flag-stale.js';

const qualified: StaleCandidate = {
  leadId: 'l1',
  latest: { verdict: 'qualified', decidedAt: '2026-01-10T09:00:00.000Z', fit: { score: 80, grade: 'A' } },
  lastActivity: {
    type: 'pricing_page_view',
    occurredAt: '2026-01-12T15:00:00.000Z',
    source: 'tracking-snippet',
  },
  outcomes: [],
};
const at = (iso: string) => ({ clock: fixedClock(iso) });

describe('flagStale', () => {
  it('leaves a qualified lead alone until it has been silent for 60 days, then flags it to re-engage', () => {
    expect(flagStale(at('2026-03-12T14:59:00Z'), qualified)).toBeUndefined(); // 59 days and 23 hours
    const flag = flagStale(at('2026-03-13T15:00:00Z'), qualified);
    expect(flag).toMatchObject({ leadId: 'l1', kind: 'lead', silentDays: 60, action: 're-engage' });
    expect(flag?.since).toBe('2026-01-12T15:00:00.000Z');
    expect(flag?.reason.text).toBe(
      'Qualified on 2026-01-10 but silent for 60 days (60 allowed); last seen visiting the pricing page on 2026-01-12 — re-engage: still an A fit',
    );
    expect(flag?.reason.facts[0]).toMatchObject({
      field: 'activity.pricing_page_view',
      provenance: { source: 'input', origin: 'tracking-snippet' },
    });
  });

  it('counts silence from the qualification when that came after the last event, and takes another limit', () => {
    const requalified = {
      ...qualified,
      latest: { ...qualified.latest, decidedAt: '2026-03-01T00:00:00.000Z' },
    };
    expect(flagStale(at('2026-04-01T00:00:00Z'), requalified)).toBeUndefined();
    expect(flagStale(at('2026-04-01T00:00:00Z'), requalified, { silentDays: 30 })?.silentDays).toBe(31);
  });

  it('suggests removing a silent lead that no longer fits, and says when nothing was ever heard', () => {
    const weak: StaleCandidate = {
      leadId: 'l2',
      latest: { verdict: 'qualified', decidedAt: '2026-01-01T00:00:00.000Z', fit: { score: 30, grade: 'C' } },
      outcomes: [],
    };
    const flag = flagStale(at('2026-06-01T00:00:00Z'), weak);
    expect(flag?.action).toBe('remove');
    expect(flag?.reason.text).toContain('no event was ever recorded — remove: a C fit');
  });

  it('flags an open opportunity to update, never a closed one or a lead that was not qualified', () => {
    const opportunity = {
      ...qualified,
      latest: { ...qualified.latest, verdict: 'not_qualified' as const },
      outcomes: [{ type: 'opportunity_created' as const, occurredAt: '2026-01-20T00:00:00.000Z' }],
    };
    const flag = flagStale(at('2026-04-01T00:00:00Z'), opportunity);
    expect(flag).toMatchObject({ kind: 'opportunity', action: 'update', silentDays: 71 });
    expect(flag?.reason.text).toMatch(/^Open opportunity \(since 2026-01-20\) silent for 71 days/);
    const won = {
      ...opportunity,
      outcomes: [...opportunity.outcomes, { type: 'won' as const, occurredAt: '2026-02-01T00:00:00.000Z' }],
    };
    expect(flagStale(at('2026-09-01T00:00:00Z'), won)).toBeUndefined();
    const notQualified = { ...qualified, latest: { ...qualified.latest, verdict: 'not_qualified' as const } };
    expect(flagStale(at('2026-09-01T00:00:00Z'), notQualified)).toBeUndefined();
  });
});
