import { expect, it } from 'vitest';
import { describeStores } from '../test-support/describe-stores.js';
import { promoteModel, rollbackModel } from './change-active-model.js';
import { readOutcomeHistory } from './outcome-history.js';
import { runLearningCycle } from './run-learning-cycle.js';
import { handClock } from './test-support/dated-leads.js';
import { storeOutcomeWorld } from './test-support/outcome-world.js';
import { trainModel } from '../scoring/model/train-model.js';

const START = '2026-01-05T00:00:00.000Z';
const DAY = 86_400_000;

describeStores('the learning loop', (t) => {
  it('promotes a better model, refuses a worse one, logs both with their figures, and rolls back', async () => {
    const clock = handClock(START);
    const store = await t.open({ clock });
    const last = await storeOutcomeWorld(store, clock, START, 600);
    const now = last + DAY;
    const deps = { leads: store.leads, models: store.models, learning: store.learning, clock };

    // A weak model is active: it never saw the column that decides deals.
    const history = await readOutcomeHistory(store.leads);
    expect(history.table.labels.length).toBe(540);
    expect(history.table.rejected.length).toBe(60);
    const weak = trainModel({ clock }, history.table, { exclude: ['Plan'] }).document;
    await store.models.saveModel(weak);
    await store.models.activate(weak.version);

    const better = await runLearningCycle(deps, now);
    expect(better.action).toBe('promoted');
    expect(better.holdout.rule).toBe('window');
    expect(better.candidate.rows).toBe(better.holdout.rows);
    expect(better.current?.version).toBe(weak.version);
    expect(better.candidate.auc!).toBeGreaterThan(better.current!.auc! + 0.01);
    expect(better.reason).toMatch(/^AUC 0\.\d{3} against 0\.\d{3} \(\+0\.\d{3}\), log loss/);
    expect((await store.models.activeModel())?.version).toBe(better.candidate.version);

    const worse = await runLearningCycle(deps, now + DAY, { train: { exclude: ['Plan'] } });
    expect(worse.action).toBe('refused');
    expect(worse.candidate.auc!).toBeLessThan(worse.current!.auc!);
    expect(worse.reason).toContain(`${better.candidate.version} stays active`);
    expect((await store.models.activeModel())?.version).toBe(better.candidate.version);
    // The refused model is kept: a person may still promote it.
    expect((await store.models.getModel(worse.candidate.version)).active).toBe(false);

    const log = await store.learning.listChanges();
    expect(log.map((c) => [c.action, c.from, c.to])).toEqual([
      ['refused', better.candidate.version, worse.candidate.version],
      ['promoted', weak.version, better.candidate.version],
    ]);
    expect(log[1]?.figures).toMatchObject({
      candidate: { version: better.candidate.version, auc: better.candidate.auc },
      current: { version: weak.version, auc: better.current?.auc },
    });

    const back = await rollbackModel(deps, { name: 'dana' }, now + 2 * DAY);
    expect([back.action, back.from, back.to]).toEqual([
      'rolled_back',
      better.candidate.version,
      weak.version,
    ]);
    expect((await store.models.activeModel())?.version).toBe(weak.version);
    await expect(rollbackModel(deps, { name: 'dana' }, now + 3 * DAY)).rejects.toThrow(/no earlier model/);

    const person = await promoteModel(
      deps,
      worse.candidate.version,
      { name: 'dana', reason: 'trial' },
      now + 3 * DAY,
    );
    expect([person.action, person.from, person.to, person.by]).toEqual([
      'promoted_by_person',
      weak.version,
      worse.candidate.version,
      'dana',
    ]);
    expect((await store.models.activeModel())?.version).toBe(worse.candidate.version);
  });

  it('promotes the first model when none is active, and says why', async () => {
    const clock = handClock(START);
    const store = await t.open({ clock });
    const last = await storeOutcomeWorld(store, clock, START, 300);
    const result = await runLearningCycle(
      { leads: store.leads, models: store.models, learning: store.learning, clock },
      last + DAY,
    );
    expect(result.action).toBe('promoted');
    expect(result.current).toBeUndefined();
    expect(result.reason).toMatch(/^no model was active; model@\w+ ranks recent leads at AUC 0\.\d{3}$/);
  });
});
