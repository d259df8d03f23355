import { expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Decision } from '../domain/decision.js';
import { describeStores } from '../test-support/describe-stores.js';
import { checkDrift } from './check-drift.js';
import { runLearningCycle } from './run-learning-cycle.js';
import { handClock, storeLeadsAt, type HandClock } from './test-support/dated-leads.js';
import { storeOutcomeWorld } from './test-support/outcome-world.js';

const DAY = 86_400_000;

const decided = (leadId: string, probability: number, at: string): Omit<Decision, 'id'> => ({
  leadId,
  verdict: 'qualified',
  score: 70,
  grade: 'B2',
  fit: { score: 70, grade: 'B' },
  intent: { score: 50, grade: 2 },
  reasons: [],
  missing: [],
  versions: { engine: 'rules@1', criteria: 'criteria@abc' },
  model: { version: 'model@x', probability, verdict: 'qualified', effect: 'none', agrees: true },
  decidedAt: at,
});

/**
 * A model trained and promoted on a history, then 200 recent leads it gave 75 %, of which
 * `wonShare` were won and the rest lost. Returns the time to check at.
 */
const recentAfterTraining = async (
  store: StoreHandle,
  clock: HandClock,
  wonShare: number,
): Promise<number> => {
  const last = await storeOutcomeWorld(store, clock, '2026-01-05T00:00:00Z', 400);
  const trained = last + DAY;
  clock.set(new Date(trained).toISOString());
  await runLearningCycle(
    { leads: store.leads, models: store.models, learning: store.learning, clock },
    trained,
  );
  const at = new Date(trained + 10 * DAY).toISOString();
  const ids = await storeLeadsAt(store, clock, at, 'r', 200, 0.3);
  for (const id of ids) await store.leads.saveDecision(decided(id, 0.75, at));
  await store.leads.addOutcomes(
    ids.map((leadId, i) => ({
      leadId,
      type: i < wonShare * ids.length ? ('won' as const) : ('lost' as const),
      occurredAt: new Date(trained + 15 * DAY).toISOString(),
      source: 'test',
    })),
  );
  return trained + 20 * DAY;
};

describeStores('calibration drift', (t) => {
  it('alerts when leads the model gave 75 % convert at 20 %', async () => {
    const clock = handClock('2026-01-05T00:00:00Z');
    const store = await t.open({ clock });
    const now = await recentAfterTraining(store, clock, 0.2);
    const report = await checkDrift({ learning: store.learning, models: store.models }, now);
    expect(report.calibration?.labelled).toBe(200);
    expect(report.calibration?.level).toBe('major');
    const alert = report.raised.find((a) => a.kind === 'calibration_drift');
    expect(alert?.text).toMatch(
      /^Leads the model gave 70–80 % converted at 20 % in recent weeks \(they were predicted at 75 %\); calibration error 0\.\d\d at training, 0\.55 now$/,
    );
  });

  it('stays quiet when they convert at about the rate predicted', async () => {
    const clock = handClock('2026-01-05T00:00:00Z');
    const store = await t.open({ clock });
    const now = await recentAfterTraining(store, clock, 0.74);
    const report = await checkDrift({ learning: store.learning, models: store.models }, now);
    expect(report.calibration?.labelled).toBe(200);
    expect(report.calibration?.level).toBeUndefined();
    expect(report.raised.filter((a) => a.kind === 'calibration_drift')).toEqual([]);
  });
});
