import { describe, expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Verdict } from '../domain/decision.js';
import { describeStores } from '../test-support/describe-stores.js';
import { auditDraw, inAuditSample } from './audit-sample.js';
import { checkDrift } from './check-drift.js';
import { drawAuditSample } from './draw-audit-sample.js';
import { handClock, storeLeadsAt } from './test-support/dated-leads.js';

const TRAINING = '2026-01-10T09:00:00.000Z';
const RECENT = '2026-04-20T09:00:00.000Z';
const NOW = Date.parse('2026-05-01T00:00:00.000Z');

const decide = async (store: StoreHandle, ids: readonly string[], verdict: Verdict, at: string) => {
  for (const leadId of ids)
    await store.leads.saveDecision({
      leadId,
      verdict,
      score: verdict === 'qualified' ? 80 : 20,
      grade: verdict === 'qualified' ? 'A1' : 'D4',
      fit: { score: 20, grade: 'D' },
      intent: { score: 20, grade: 4 },
      reasons: [],
      missing: [],
      versions: { engine: 'test', criteria: 'criteria@test' },
      decidedAt: at,
    });
};

describe('auditDraw', () => {
  it('spreads lead ids evenly over [0, 1), the same for the same seed, differently for another', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `01JLEAD${String(i).padStart(8, '0')}`);
    const drawn = ids.filter((id) => inAuditSample(id, 'seed-a', 0.02)).length;
    expect(drawn).toBeGreaterThan(320);
    expect(drawn).toBeLessThan(480);
    expect(ids.map((id) => auditDraw(id, 'seed-a'))).toEqual(ids.map((id) => auditDraw(id, 'seed-a')));
    const other = ids.filter((id) => inAuditSample(id, 'seed-b', 0.02));
    expect(other).not.toEqual(ids.filter((id) => inAuditSample(id, 'seed-a', 0.02)));
  });
});

describeStores('the false-negative audit sample', (t) => {
  it('draws the share of not-qualified leads by their seeded hash, once each, whichever worker draws', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    const settings = await store.learning.setAuditShare(0.3, TRAINING);
    expect(settings).toMatchObject({ share: 0.3 });
    const turnedAway = await storeLeadsAt(store, clock, TRAINING, 'n', 200, 0.5);
    const kept = await storeLeadsAt(store, clock, TRAINING, 'q', 50, 0.5);
    await decide(store, turnedAway, 'not_qualified', TRAINING);
    await decide(store, kept, 'qualified', TRAINING);
    const expected = turnedAway.filter((id) => inAuditSample(id, settings.seed, 0.3)).sort();
    expect(expected.length).toBeGreaterThan(30);

    // Two workers draw at once: the same leads, none twice.
    const other = await t.open({ clock });
    const [a, b] = await Promise.all([
      drawAuditSample({ learning: store.learning }, NOW),
      drawAuditSample({ learning: other.learning }, NOW),
    ]);
    expect(a.drawn + b.drawn).toBe(expected.length);
    const listed = await store.learning.listAudit({ limit: 1000 });
    expect(listed.map((e) => e.leadId).sort()).toEqual(expected);
    expect(listed.every((e) => e.status === 'pending' && e.share === 0.3 && e.decidedAt === TRAINING)).toBe(
      true,
    );

    // Drawing again adds nothing; a lead decided again is not drawn twice. (Decisions of the last
    // ten minutes are read again, as a late writer's may land behind the cursor: all of these.)
    await decide(store, turnedAway.slice(0, 20), 'not_qualified', RECENT);
    const later = await storeLeadsAt(store, clock, RECENT, 'r', 100, 0.5);
    await decide(store, later, 'not_qualified', RECENT);
    const again = await drawAuditSample({ learning: store.learning }, NOW);
    expect(again.drawn).toBe(later.filter((id) => inAuditSample(id, settings.seed, 0.3)).length);
    expect(again.read).toBe(320);
    expect(await store.learning.auditCounts()).toEqual({
      drawn: expected.length + again.drawn,
      followedUp: 0,
      foundGood: 0,
    });
  });

  it('reads a bulk load once: a draw more than the overlap after it reads nothing again, and a new decision is still drawn', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    await store.learning.setAuditShare(1, TRAINING);
    const ids = await storeLeadsAt(store, clock, TRAINING, 'n', 40, 0);
    await decide(store, ids, 'not_qualified', TRAINING);
    expect(await drawAuditSample({ learning: store.learning }, NOW)).toMatchObject({ read: 40, drawn: 40 });
    // Within the overlap the last minutes are read again (a late writer's decision may land there).
    expect((await drawAuditSample({ learning: store.learning }, NOW)).read).toBe(40);
    // Eleven minutes on, by the store's clock, that is settled: nothing is read again.
    clock.set('2026-01-10T09:11:00.000Z');
    expect((await drawAuditSample({ learning: store.learning }, NOW)).read).toBe(40);
    expect((await drawAuditSample({ learning: store.learning }, NOW)).read).toBe(0);
    const late = await storeLeadsAt(store, clock, '2026-01-10T09:11:00.000Z', 'm', 1, 0);
    await decide(store, late, 'not_qualified', '2026-01-10T09:11:00.000Z');
    expect(await drawAuditSample({ learning: store.learning }, NOW)).toMatchObject({ read: 1, drawn: 1 });
  });

  it('records follow-ups and counts them per period; a lead outside the sample is NOT_FOUND', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    await store.learning.setAuditShare(1, TRAINING);
    const ids = await storeLeadsAt(store, clock, TRAINING, 'n', 5, 0);
    await decide(store, ids, 'not_qualified', TRAINING);
    await drawAuditSample({ learning: store.learning }, NOW);
    const [first = '', second = ''] = ids;
    await store.leads.addOutcomes([
      { leadId: first, type: 'opportunity_created', occurredAt: RECENT, source: 'test' },
    ]);
    const good = await store.learning.recordAuditResult(first, {
      result: 'good',
      note: 'VP asked for a demo on the call',
      by: 'dana',
      at: RECENT,
    });
    expect(good).toMatchObject({
      leadId: first,
      status: 'followed_up',
      result: 'good',
      note: 'VP asked for a demo on the call',
      followedUpBy: 'dana',
      followedUpAt: RECENT,
      outcomes: ['opportunity_created'],
    });
    await store.learning.recordAuditResult(second, { result: 'bad', by: 'dana', at: RECENT });
    expect((await store.learning.listAudit({ status: 'followed_up', limit: 10 })).length).toBe(2);
    expect((await store.learning.listAudit({ status: 'pending', limit: 10 })).length).toBe(3);
    expect(await store.learning.auditCounts({ from: TRAINING, to: RECENT })).toEqual({
      drawn: 5,
      followedUp: 2,
      foundGood: 1,
    });
    expect(await store.learning.auditCounts({ from: RECENT, to: '9999' })).toEqual({
      drawn: 0,
      followedUp: 0,
      foundGood: 0,
    });
    await expect(
      store.learning.recordAuditResult('no-such-lead', { result: 'good', by: 'dana', at: RECENT }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives drift the audit’s false-negative rate when enough are followed up, else the outcomes with the reason', async () => {
    const clock = handClock(TRAINING);
    const store = await t.open({ clock });
    await store.learning.setAuditShare(1, TRAINING);
    const before = await storeLeadsAt(store, clock, TRAINING, 'a', 40, 0.1);
    const after = await storeLeadsAt(store, clock, RECENT, 'b', 40, 0.1);
    await decide(store, before, 'not_qualified', TRAINING);
    await decide(store, after, 'not_qualified', RECENT);
    const deps = { learning: store.learning, models: store.models };

    const early = await checkDrift(deps, NOW, { save: false });
    expect(early.falseNegativeAudit.source).toBe('outcomes');
    expect(early.falseNegativeAudit.recent.audit).toEqual({ drawn: 40, followedUp: 0, foundGood: 0 });
    expect(early.falseNegatives.text).toContain(
      'recent weeks: only 0 of 40 drawn audit leads followed up (at least 20 needed)',
    );

    // 3 of 30 found good in training, 15 of 30 in recent weeks: the criteria now turn good leads away.
    const follow = async (ids: readonly string[], good: number) => {
      for (const [i, leadId] of ids.slice(0, 30).entries())
        await store.learning.recordAuditResult(leadId, {
          result: i < good ? 'good' : 'bad',
          by: 'omar',
          at: RECENT,
        });
    };
    await follow(before, 3);
    await follow(after, 15);
    const report = await checkDrift(deps, NOW);
    expect(report.falseNegativeAudit.source).toBe('audit');
    expect(report.falseNegativeAudit.recent).toMatchObject({
      source: 'audit',
      rate: 0.5,
      audit: { drawn: 40, followedUp: 30, foundGood: 15 },
    });
    expect(report.falseNegatives.text).toBe(
      'False-negative rate in the followed-up audit sample rose from 10 % to 50 % since training (3 of 30, then 15 of 30)',
    );
    expect(report.raised.map((a) => a.kind)).toContain('false_negative_rate');
  });
});
