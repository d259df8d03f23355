import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseHygieneConfig } from '../hygiene/hygiene-config.js';
import { handClock, storeLeadsAt } from '../learning/test-support/dated-leads.js';
import { createTestDatabase, describeStores, type TestDatabase } from '../test-support/describe-stores.js';
import { runCli } from '../test-support/run-cli.js';
import { resolveScheduleSettings, scheduledTasks } from './schedule-options.js';

const FILE = parseHygieneConfig(
  [
    'reevaluate:',
    "  schedule: '15 2 * * *'",
    '  silentDays: 45',
    '  minScoreChange: 8',
    'retrain:',
    "  schedule: '0 5 * * 0'",
    '  minAucGain: 0.02',
    '  maxLoglossLoss: 0.005',
    'drift:',
    "  schedule: '0 6 * * *'",
    '  recentDays: 14',
  ].join('\n'),
  'hygiene.yaml',
);

describe('the scheduled tasks’ settings', () => {
  it('are the defaults with neither a hygiene file nor options', () => {
    const settings = resolveScheduleSettings({ schedule: true }, undefined);
    expect(settings).toEqual({
      schedule: true,
      reevaluate: {
        schedule: { cron: '0 3 * * *' },
        options: { silentDays: 60, minScoreChange: 5, batch: 1000 },
      },
      retrain: { schedule: { cron: '0 4 * * 1' }, options: { margin: { auc: 0.01, logloss: 0.01 } } },
      drift: { schedule: { cron: '30 4 * * *' }, options: {} },
    });
  });

  it('take the hygiene file’s values, and an option given on the command line wins over the file', () => {
    const fromFile = resolveScheduleSettings({ schedule: true }, FILE);
    expect(fromFile.reevaluate).toEqual({
      schedule: { cron: '15 2 * * *' },
      options: { silentDays: 45, minScoreChange: 8, batch: 1000 },
    });
    expect(fromFile.retrain.options.margin).toEqual({ auc: 0.02, logloss: 0.005 });
    expect(fromFile.drift).toEqual({ schedule: { cron: '0 6 * * *' }, options: { recentDays: 14 } });
    const overridden = resolveScheduleSettings(
      { schedule: true, reevaluate: '0 1 * * *', silentDays: 90, minScoreChange: 0 },
      FILE,
    );
    expect(overridden.reevaluate).toEqual({
      schedule: { cron: '0 1 * * *' },
      options: { silentDays: 90, minScoreChange: 0, batch: 1000 },
    });
    // The tasks a process registers run on those schedules.
    expect(scheduledTasks(overridden, { model: true }).map((task) => [task.name, task.schedule])).toEqual([
      ['reevaluate-leads', { cron: '0 1 * * *' }],
      ['retrain-model', { cron: '0 5 * * 0' }],
      ['check-drift', { cron: '0 6 * * *' }],
      ['deliver-alerts', { every: 300_000 }],
      ['draw-audit-sample', { every: 900_000 }],
    ]);
  });
});

describeStores('the scheduled drift check with a hygiene file’s thresholds', (t) => {
  it('raises the alert the file’s stricter rate threshold asks for, where the defaults raise none', async () => {
    const clock = handClock('2026-01-10T09:00:00.000Z');
    const store = await t.open({ clock });
    const before = await storeLeadsAt(store, clock, '2026-01-10T09:00:00.000Z', 'a', 300, 0.12);
    const after = await storeLeadsAt(store, clock, '2026-04-20T09:00:00.000Z', 'b', 300, 0.12);
    const outcomes = (ids: readonly string[], at: string, accepted: number) =>
      ids.map((leadId, i) => ({
        leadId,
        type: i < accepted ? ('accepted' as const) : ('rejected' as const),
        occurredAt: at,
        source: 'test',
      }));
    // AE acceptance 240 of 300, then 216 of 300: 8 points.
    await store.leads.addOutcomes([
      ...outcomes(before, '2026-01-10T09:00:00.000Z', 240),
      ...outcomes(after, '2026-04-20T09:00:00.000Z', 216),
    ]);
    const driftTask = (file: string) =>
      scheduledTasks(resolveScheduleSettings({ schedule: true }, parseHygieneConfig(file, 'h.yaml')), {
        model: false,
      }).find((task) => task.name === 'check-drift');
    const run = (file: string) =>
      driftTask(file)?.run(
        {
          store,
          clock,
          due: '2026-05-01T00:00:00.000Z',
          signal: new AbortController().signal,
          log: () => {},
        },
        '2026-05-01T00:00:00.000Z',
      );
    expect(await run('drift: { repeatDays: 1 }')).toMatchObject({ raised: [], found: 0 });
    expect(await run('drift:\n  thresholds:\n    rate:\n      moderate: { points: 5 }\n')).toMatchObject({
      raised: ['AE acceptance rate fell from 80 % to 72 % since training (240 of 300, then 216 of 300)'],
      found: 1,
    });
  });
});

describe('leadsift worker --hygiene', () => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'leadsift-hygiene-'));
  });
  afterEach(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad hygiene file before starting, naming its line, field and expected form', async () => {
    const path = join(dir, 'hygiene.yaml');
    await writeFile(path, 'reevaluate:\n  silentDays: 60\nretrain:\n  minAucGain: 1.5\n');
    const run = await runCli(database.url, 'worker', '--hygiene', path);
    expect(run.code).toBe(78);
    expect(run.err).toContain('hygiene.yaml:4: retrain.minAucGain: expected a number from 0 to 1');
  });
});
