import { describe, expect, it } from 'vitest';
import { openStore } from '../adapters/storage/open-store.js';
import { isAppError } from '../domain/app-error.js';
import type { Clock } from '../domain/clock.js';
import { createTestDatabase } from '../test-support/describe-stores.js';
import { startScheduler } from './start-scheduler.js';
import { createTaskRegistry } from './task-registry.js';
import type { ScheduledTask } from './scheduled-task.js';

const task = (name: string, run: ScheduledTask['run'] = () => Promise.resolve(null)): ScheduledTask => ({
  name,
  schedule: { every: 60_000 },
  run,
});

const problem = (tasks: ScheduledTask[]): string => {
  try {
    createTaskRegistry(tasks);
    return 'accepted';
  } catch (error) {
    if (!isAppError(error, 'CONFIG_INVALID')) throw error;
    return error.message;
  }
};

describe('the task registry', () => {
  it('refuses a name that is not kebab-case, a name taken twice, and a bad schedule, saying which', () => {
    expect(problem([task('Reevaluate Leads')])).toMatch(
      /^scheduled task name "Reevaluate Leads": use lower-case words/,
    );
    expect(problem([task('drift'), task('drift')])).toMatch(/^scheduled task "drift" is registered twice/);
    expect(problem([{ ...task('nightly'), schedule: { cron: '0 25 * * *' } }])).toContain(
      'hour 25 is outside 0–23',
    );
    expect(
      createTaskRegistry([task('a'), task('b')])
        .list()
        .map((t) => t.name),
    ).toEqual(['a', 'b']);
  });
});

describe('startScheduler (SQLite)', () => {
  it('runs a due occurrence on tick with the store, clock and occurrence, and stops cleanly', async () => {
    const database = await createTestDatabase('sqlite');
    let now = Date.parse('2026-03-01T09:59:30Z');
    const clock: Clock = { now: () => now };
    const store = await openStore({ databaseUrl: database.url }, { clock });
    const seen: { due: string; now: string; store: boolean }[] = [];
    const scheduler = startScheduler(
      { store, clock },
      createTaskRegistry([
        task('every-minute', (ctx, at) => {
          seen.push({ due: ctx.due, now: at, store: ctx.store === store });
          return Promise.resolve({ ok: true });
        }),
      ]),
      { worker: 'test', pollMs: 3_600_000 },
    );
    try {
      await scheduler.tick();
      now = Date.parse('2026-03-01T10:00:10Z');
      const runs = await scheduler.tick();
      expect(runs).toMatchObject([{ task: 'every-minute', outcome: 'done', result: { ok: true } }]);
      expect(seen).toEqual([
        { due: '2026-03-01T10:00:00.000Z', now: '2026-03-01T10:00:10.000Z', store: true },
      ]);
    } finally {
      await scheduler.stop();
      await store.close();
      await database.drop();
    }
  });
});
