import { expect, it } from 'vitest';
import type { StoreHandle } from '../adapters/storage/open-store.js';
import type { Clock } from '../domain/clock.js';
import { describeStores } from '../test-support/describe-stores.js';
import { occurrenceKind, planOccurrences, runDueOccurrences } from './run-occurrences.js';
import type { ScheduledTask } from './scheduled-task.js';

const HOUR = 3_600_000;

/** A clock the test moves by hand. */
const handClock = (iso: string): Clock & { set(iso: string): void } => {
  let ms = Date.parse(iso);
  return { now: () => ms, set: (to) => void (ms = Date.parse(to)) };
};

/** An hourly task that records the occurrence each run was for, after yielding a few times. */
const hourly = (ran: string[], fail?: { times: number }): ScheduledTask => ({
  name: 'count-runs',
  schedule: { every: HOUR },
  run: async ({ due }) => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    if (fail !== undefined && fail.times > 0) {
      fail.times -= 1;
      throw new Error('the database was busy');
    }
    ran.push(due);
    return { counted: ran.length };
  },
});

const tick = async (store: StoreHandle, clock: Clock, task: ScheduledTask, worker: string) => {
  const deps = { store, clock };
  await planOccurrences(deps, [task]);
  return runDueOccurrences(deps, [task], { worker, leaseMs: 60_000, log: () => undefined });
};

describeStores('scheduled occurrences', (t) => {
  it('plans the next occurrence ahead, runs it once when due, and plans the one after', async () => {
    const clock = handClock('2026-03-01T10:20:00Z');
    const store = await t.open({ clock });
    const ran: string[] = [];
    const task = hourly(ran);
    expect(await tick(store, clock, task, 'a')).toEqual([]);
    clock.set('2026-03-01T11:00:30Z');
    const runs = await tick(store, clock, task, 'a');
    expect(runs).toMatchObject([{ task: 'count-runs', due: '2026-03-01T11:00:00.000Z', outcome: 'done' }]);
    expect(await tick(store, clock, task, 'a')).toEqual([]);
    expect(ran).toEqual(['2026-03-01T11:00:00.000Z']);
    const { jobs } = await store.jobs.list({ kind: occurrenceKind('count-runs'), limit: 10 });
    expect(jobs.map((j) => [j.runAt, j.status]).sort()).toEqual([
      ['2026-03-01T11:00:00.000Z', 'done'],
      ['2026-03-01T12:00:00.000Z', 'ready'],
    ]);
    expect(jobs.find((j) => j.status === 'done')?.result).toEqual({ counted: 1 });
  });

  it('runs each occurrence once when two schedulers on one database race for it', async () => {
    const clock = handClock('2026-03-01T10:20:00Z');
    const [a, b] = [await t.open({ clock }), await t.open({ clock })];
    const ran: string[] = [];
    const task = hourly(ran);
    await Promise.all([tick(a, clock, task, 'a'), tick(b, clock, task, 'b')]);
    const ranBy = { a: 0, b: 0 };
    for (let hour = 11; hour <= 14; hour += 1) {
      clock.set(`2026-03-01T${hour}:00:05Z`);
      const [byA, byB] = await Promise.all([tick(a, clock, task, 'a'), tick(b, clock, task, 'b')]);
      ranBy.a += byA.length;
      ranBy.b += byB.length;
    }
    const expected = [11, 12, 13, 14].map((h) => `2026-03-01T${h}:00:00.000Z`);
    expect(ran.sort()).toEqual(expected);
    expect(ranBy.a + ranBy.b).toBe(4);
    const { jobs } = await a.jobs.list({ kind: occurrenceKind('count-runs'), limit: 100 });
    expect(jobs).toHaveLength(5); // four done and the 15:00 one waiting, none twice
  });

  it('neither loses nor repeats an occurrence across a restart or a worker that died running it', async () => {
    const clock = handClock('2026-03-01T10:20:00Z');
    const ran: string[] = [];
    const task = hourly(ran);
    const before = await t.open({ clock });
    await tick(before, clock, task, 'before');
    await before.close();
    // Down from 10:20 to 13:30: the 11:00 occurrence waited in the queue and runs late, once;
    // the missed 12:00 and 13:00 ones fold into it rather than running three times in a row.
    clock.set('2026-03-01T13:30:00Z');
    const after = await t.open({ clock });
    expect(await tick(after, clock, task, 'after')).toMatchObject([{ due: '2026-03-01T11:00:00.000Z' }]);
    expect(await tick(after, clock, task, 'after')).toEqual([]);
    // A worker claims the 14:00 occurrence and dies: after its lease lapses, another runs it.
    clock.set('2026-03-01T14:00:01Z');
    const [claimed] = await after.jobs.claim({
      worker: 'died',
      kinds: [occurrenceKind('count-runs')],
      limit: 1,
      leaseMs: 60_000,
    });
    expect(claimed?.runAt).toBe('2026-03-01T14:00:00.000Z');
    expect(await tick(after, clock, task, 'after')).toEqual([]);
    clock.set('2026-03-01T14:01:02Z');
    expect(await tick(after, clock, task, 'after')).toMatchObject([{ due: '2026-03-01T14:00:00.000Z' }]);
    expect(ran).toEqual(['2026-03-01T11:00:00.000Z', '2026-03-01T14:00:00.000Z']);
  });

  it('tries a failed occurrence again a minute later, keeping the error until it succeeds', async () => {
    const clock = handClock('2026-03-01T10:59:00Z');
    const store = await t.open({ clock });
    const ran: string[] = [];
    const task = hourly(ran, { times: 1 });
    await tick(store, clock, task, 'a');
    clock.set('2026-03-01T11:00:00Z');
    expect(await tick(store, clock, task, 'a')).toMatchObject([
      { outcome: 'failed', error: 'the database was busy' },
    ]);
    const { jobs } = await store.jobs.list({ kind: occurrenceKind('count-runs'), status: 'ready', limit: 9 });
    expect(jobs.find((j) => j.lastError !== undefined)).toMatchObject({
      runAt: '2026-03-01T11:01:00.000Z',
      lastError: 'the database was busy',
    });
    clock.set('2026-03-01T11:01:00Z');
    expect(await tick(store, clock, task, 'a')).toMatchObject([{ outcome: 'done' }]);
    expect(ran).toEqual(['2026-03-01T11:00:00.000Z']);
  });
});
