import { expect, it } from 'vitest';
import type { Decision, Verdict } from '../../domain/decision.js';
import type { OutcomeType } from '../../domain/outcome.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import { countLeadByLead, splitByDay } from './metrics-data.js';
import * as metricsDays from './migrations/017-metrics-days.js';
import type { StoreHandle } from './open-store.js';

const HOUR = 3_600_000;
const VERDICTS: readonly Verdict[] = ['qualified', 'not_qualified', 'needs_info'];
const OUTCOMES: readonly OutcomeType[] = ['opportunity_created', 'won', 'accepted', 'rejected', 'lost'];

/** A seeded generator (mulberry32), so that a failure replays. */
const generator = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

const decision = (leadId: string, verdict: Verdict, at: string): Omit<Decision, 'id'> => ({
  leadId,
  verdict,
  score: 50,
  grade: 'B2',
  fit: { score: 50, grade: 'B' },
  intent: { score: 50, grade: 2 },
  reasons: [],
  missing: [],
  versions: { engine: 'test', criteria: 'c@1' },
  decidedAt: at,
});

/** Decide leads in one pipeline transaction, as the qualify worker does. */
const decide = async (
  store: StoreHandle,
  items: ReadonlyArray<{ leadId: string; verdict: Verdict }>,
  at: string,
) => {
  const [job = ''] = await store.jobs.enqueue([{ kind: 'qualify', payload: {} }]);
  await store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
  await store.jobs.finish('w', [job], async (tx) => {
    for (const item of items) await tx.saveDecision(decision(item.leadId, item.verdict, at));
    return new Map();
  });
};

/**
 * Leads arriving over ten days at random hours, decided, re-decided into other groups, with
 * opportunities (several in one insert, some before any decision) and other outcomes between.
 */
const fill = async (store: StoreHandle, advance: (ms: number) => string, random: () => number) => {
  const ids: string[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  for (let round = 0; round < 40; round += 1) {
    const drafts = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) =>
      draftLead({ email: `lead${round}-${i}@acme${round}.io` }),
    );
    ids.push(...(await store.leads.upsertLeads(drafts)).map((r) => r.id));
    const at = advance(random() * 8 * HOUR);
    const toDecide = ids.filter(() => random() < 0.4);
    await decide(
      store,
      toDecide.map((leadId) => ({ leadId, verdict: pick(VERDICTS) })),
      at,
    );
    const outcomes = ids
      .filter(() => random() < 0.15)
      .flatMap((leadId) =>
        Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
          leadId,
          type: pick(OUTCOMES),
          occurredAt: at,
          source: 'test',
        })),
      );
    if (outcomes.length > 0) await store.leads.addOutcomes(outcomes);
  }
  return ids;
};

/** The periods compared: whole days, partial days at either end, one day, none, date-only bounds. */
const PERIODS = [
  { from: '2000-01-01', to: '2999-01-01' },
  { from: '2026-10-01', to: '2026-10-05' },
  { from: '2026-10-01T07:30:00.000Z', to: '2026-10-06T13:15:00.000Z' },
  { from: '2026-10-02T00:00:00.000Z', to: '2026-10-04T00:00:00.000Z' },
  { from: '2026-10-03T05:00:00.000Z', to: '2026-10-03T20:00:00.000Z' },
  { from: '2026-10-03T05:00:00.000Z', to: '2026-10-04T01:00:00.000Z' },
  { from: '2026-10-05T23:59:59.999Z', to: '2026-10-12T00:00:00.001Z' },
  { from: '2026-10-04T12:00:00+02:00', to: '2026-10-08T00:00:00-05:00' },
  { from: '1990-01-01', to: '2000-01-01' },
];

describeStores('the period comparison from per-day counters', (t) => {
  it('gives the figures of counting lead by lead, for whole, partial and empty periods', async () => {
    let now = Date.parse('2026-10-01T06:00:00.000Z');
    const store = await t.open({ clock: { now: () => now } });
    const advance = (ms: number) => new Date((now += Math.round(ms))).toISOString();
    await fill(store, advance, generator(7));

    const compare = async () => {
      for (const period of PERIODS) {
        const expected = [...(await countLeadByLead(store, period))].sort((a, b) =>
          a.group < b.group ? -1 : 1,
        );
        expect(await store.service.periodConversion(period), JSON.stringify(period)).toEqual({
          ...period,
          groups: expected,
        });
      }
    };
    const all = await countLeadByLead(store, PERIODS[0] ?? { from: '', to: '' });
    // The data exercises every group and some opportunities in each decided group.
    expect(all.map((g) => g.group).sort()).toEqual(['qualified', 'rest', 'undecided']);
    expect(all.filter((g) => g.opportunities > 0).length).toBeGreaterThanOrEqual(2);
    await compare();

    // The migration counts existing data in: dropped and applied again, the figures stand.
    await metricsDays.down(store.db);
    await metricsDays.up(store.db);
    await compare();
  });

  it('splits a period into its whole UTC days and the partial days at its ends', () => {
    expect(splitByDay({ from: '2026-10-01T07:30:00.000Z', to: '2026-10-06T13:15:00.000Z' })).toEqual({
      edges: [
        { from: '2026-10-01T07:30:00.000Z', to: '2026-10-02T00:00:00.000Z' },
        { from: '2026-10-06T00:00:00.000Z', to: '2026-10-06T13:15:00.000Z' },
      ],
      days: { from: '2026-10-02', to: '2026-10-06' },
    });
    expect(splitByDay({ from: '2026-10-01', to: '2026-10-05' })).toEqual({
      edges: [{ from: '2026-10-01', to: '2026-10-01T00:00:00.000Z' }],
      days: { from: '2026-10-01', to: '2026-10-05' },
    });
    const sameDay = { from: '2026-10-03T05:00:00.000Z', to: '2026-10-03T20:00:00.000Z' };
    expect(splitByDay(sameDay)).toEqual({ edges: [sameDay] });
    const offsets = { from: '2026-10-04T12:00:00+02:00', to: '2026-10-08T00:00:00-05:00' };
    expect(splitByDay(offsets)).toEqual({ edges: [offsets] });
  });
});
