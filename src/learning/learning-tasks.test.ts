import { expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Clock } from '../domain/clock.js';
import { planOccurrences, runDueOccurrences } from '../scheduler/run-occurrences.js';
import type { ScheduledTask } from '../scheduler/scheduled-task.js';
import { describeStores } from '../test-support/describe-stores.js';
import { drawAuditTask, driftCheckTask, retrainTask } from './learning-tasks.js';
import { handClock, storeLeadsAt } from './test-support/dated-leads.js';
import { storeOutcomeWorld } from './test-support/outcome-world.js';

const tick = async (store: StoreHandle, clock: Clock, task: ScheduledTask) => {
  await planOccurrences({ store, clock }, [task]);
  return runDueOccurrences({ store, clock }, [task], { worker: 'w', leaseMs: 60_000, log: () => undefined });
};

describeStores('the learning tasks on the scheduler', (t) => {
  it('retrains on Monday at 04:00: skipped while there are no outcomes, then a promotion logged by schedule', async () => {
    const clock = handClock('2026-01-01T00:00:00Z');
    const store = await t.open({ clock });
    const task = retrainTask();
    await tick(store, clock, task);
    clock.set('2026-01-05T04:00:10Z');
    const [empty] = await tick(store, clock, task);
    expect(empty).toMatchObject({ task: 'retrain-model', due: '2026-01-05T04:00:00.000Z', outcome: 'done' });

    await storeOutcomeWorld(store, clock, '2026-01-06T00:00:00Z', 300);
    clock.set('2026-03-30T04:00:10Z');
    // The occurrence planned after the last run (12 January) runs late, at the clock's time.
    const [ran] = await tick(store, clock, task);
    expect(ran).toMatchObject({ due: '2026-01-12T04:00:00.000Z', outcome: 'done' });
    const log = await store.learning.listChanges();
    expect(log.map((c) => [c.action, c.by, c.at])).toEqual([
      ['promoted', 'schedule', '2026-03-30T04:00:10.000Z'],
    ]);
  });

  it('draws new not-qualified decisions into the audit sample every 15 minutes', async () => {
    const clock = handClock('2026-01-10T09:00:00Z');
    const store = await t.open({ clock });
    await store.learning.setAuditShare(1, '2026-01-10T09:00:00.000Z');
    const ids = await storeLeadsAt(store, clock, '2026-01-10T09:00:00Z', 'a', 3, 0);
    for (const leadId of ids)
      await store.leads.saveDecision({
        leadId,
        verdict: 'not_qualified',
        score: 10,
        grade: 'D4',
        fit: { score: 10, grade: 'D' },
        intent: { score: 10, grade: 4 },
        reasons: [],
        missing: [],
        versions: { engine: 'test', criteria: 'criteria@test' },
        decidedAt: '2026-01-10T09:00:00.000Z',
      });
    const task = drawAuditTask();
    await tick(store, clock, task);
    clock.set('2026-01-10T09:15:01Z');
    const [ran] = await tick(store, clock, task);
    expect(ran).toMatchObject({ task: 'draw-audit-sample', outcome: 'done' });
    expect((await store.learning.listAudit({ limit: 10 })).map((e) => e.leadId).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('checks drift daily at 04:30 and stores what it found', async () => {
    const clock = handClock('2026-01-10T09:00:00Z');
    const store = await t.open({ clock });
    await storeLeadsAt(store, clock, '2026-01-10T09:00:00Z', 'a', 200, 0.1);
    await storeLeadsAt(store, clock, '2026-04-25T09:00:00Z', 'b', 200, 0.5);
    const task = driftCheckTask();
    await tick(store, clock, task);
    clock.set('2026-04-26T04:30:05Z');
    const [ran] = await tick(store, clock, task);
    expect(ran).toMatchObject({ task: 'check-drift', due: '2026-04-26T04:30:00.000Z', outcome: 'done' });
    const alerts = await store.learning.listAlerts({ limit: 5 });
    expect(alerts.map((a) => [a.kind, a.subject, a.raisedAt])).toEqual([
      ['feature_drift', 'source', '2026-04-26T04:30:05.000Z'],
    ]);
    expect(alerts[0]?.text).toMatch(
      /^Share of leads with source 'paid_search' rose from 10 % to 50 % since training/,
    );
  });
});
