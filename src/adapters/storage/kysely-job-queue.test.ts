import { expect, it } from 'vitest';
import type { Clock } from '../../domain/clock.js';
import type { Decision } from '../../domain/decision.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import type { StoreHandle } from './open-store.js';

/** A stored lead's id, for rows that reference leads. */
const storedLead = async (store: StoreHandle, email: string): Promise<string> => {
  const [result] = await store.leads.upsertLeads([draftLead({ email })]);
  return result?.id ?? '';
};

/** A clock the test moves by hand. */
const manualClock = (start: string): Clock & { advance(ms: number): void } => {
  let now = Date.parse(start);
  return { now: () => now, advance: (ms) => void (now += ms) };
};

const decision = (leadId: string): Omit<Decision, 'id'> => ({
  leadId,
  verdict: 'qualified',
  score: 80,
  grade: 'A1',
  fit: { score: 80, grade: 'A' },
  intent: { score: 80, grade: 1 },
  reasons: [],
  missing: [],
  versions: { engine: 'test', criteria: 'criteria@test' },
  decidedAt: '2026-11-28T10:00:00.000Z',
});

describeStores('JobQueue', (t) => {
  it('claims due jobs oldest first, of the kinds asked, counting an attempt each', async () => {
    const clock = manualClock('2026-11-28T10:00:00Z');
    const store = await t.open({ clock });
    const [a, b] = await store.jobs.enqueue([
      { kind: 'qualify', leadId: 'L1', payload: { n: 1 } },
      { kind: 'qualify', payload: { n: 2 } },
      { kind: 'webhook', payload: { n: 3 } },
      { kind: 'qualify', payload: { n: 4 }, runAt: '2026-11-28T11:00:00Z' },
    ]);
    expect((await store.jobs.list({ kind: 'webhook', limit: 10 })).jobs.map((j) => j.payload)).toEqual([
      { n: 3 },
    ]);
    const both = await store.jobs.list({ kind: ['webhook', 'qualify'], limit: 3 });
    expect(both.jobs.map((j) => (j.payload as { n: number }).n)).toEqual([4, 3, 2]);
    expect(both.next).toBe(both.jobs[2]?.id);
    const claimed = await store.jobs.claim({ worker: 'w1', kinds: ['qualify'], limit: 10, leaseMs: 30_000 });
    expect(claimed.map((j) => j.id)).toEqual([a, b]);
    expect(claimed[0]).toMatchObject({
      status: 'running',
      attempts: 1,
      leadId: 'L1',
      payload: { n: 1 },
      lockedBy: 'w1',
    });
    expect(await store.jobs.claim({ worker: 'w2', kinds: ['qualify'], limit: 10, leaseMs: 30_000 })).toEqual(
      [],
    );
    expect(await store.jobs.nextDue(['qualify'])).toBe('2026-11-28T10:00:30.000Z');
    clock.advance(3_600_000);
    const later = await store.jobs.claim({ worker: 'w2', kinds: ['qualify'], limit: 10, leaseMs: 30_000 });
    // The scheduled job is due and the first two leases lapsed: all three come back, attempts counted.
    expect(later.map((j) => (j.payload as { n: number }).n).sort()).toEqual([1, 2, 4]);
    expect(later.find((j) => j.id === a)?.attempts).toBe(2);
  });

  it('never gives one job to two workers claiming at once', async () => {
    const second = await t.open();
    await t.store.jobs.enqueue(Array.from({ length: 200 }, (_, n) => ({ kind: 'qualify', payload: { n } })));
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 === 0 ? t.store : second).jobs.claim({
          worker: `w${i}`,
          kinds: ['qualify'],
          limit: 40,
          leaseMs: 60_000,
        }),
      ),
    );
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
  });

  it('finishes a job with its effects in one transaction; a failure in the effects writes nothing', async () => {
    const L1 = await storedLead(t.store, 'a@x.com');
    const [id] = await t.store.jobs.enqueue([{ kind: 'qualify', leadId: L1, payload: {} }]);
    await t.store.jobs.claim({ worker: 'w1', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
    await expect(
      t.store.jobs.finish('w1', [id ?? ''], async (tx) => {
        await tx.saveDecision(decision(L1));
        throw new Error('boom');
      }),
    ).rejects.toThrow(/boom/);
    expect(await t.store.leads.listDecisions(L1)).toEqual([]);
    expect((await t.store.jobs.get(id ?? ''))?.status).toBe('running');

    const done = await t.store.jobs.finish('w1', [id ?? ''], async (tx, held) => {
      expect([...held]).toEqual([id]);
      const decisionId = await tx.saveDecision(decision(L1));
      await tx.enqueue([{ kind: 'webhook', leadId: L1, payload: { decisionId } }]);
      return new Map([[id ?? '', { decisionId }]]);
    });
    expect(done).toEqual([id]);
    const [saved] = await t.store.leads.listDecisions(L1);
    expect(await t.store.jobs.get(id ?? '')).toMatchObject({
      status: 'done',
      result: { decisionId: saved?.id },
    });
    const next = await t.store.jobs.list({ kind: 'webhook', limit: 10 });
    expect(next.jobs.map((j) => j.payload)).toEqual([{ decisionId: saved?.id }]);
  });

  it('lets a lapsed lease go to another worker, and then the first cannot finish it', async () => {
    const clock = manualClock('2026-11-28T10:00:00Z');
    const store = await t.open({ clock });
    const L2 = await storedLead(store, 'b@x.com');
    const [id = ''] = await store.jobs.enqueue([{ kind: 'qualify', leadId: L2, payload: {} }]);
    await store.jobs.claim({ worker: 'slow', kinds: ['qualify'], limit: 1, leaseMs: 1000 });
    clock.advance(1001);
    const taken = await store.jobs.claim({ worker: 'fast', kinds: ['qualify'], limit: 1, leaseMs: 1000 });
    expect(taken.map((j) => j.id)).toEqual([id]);
    const slow = await store.jobs.finish('slow', [id], async (tx) => {
      await tx.saveDecision(decision(L2));
      return new Map();
    });
    expect(slow).toEqual([]);
    expect(await store.leads.listDecisions(L2)).toEqual([]);
    expect(await store.jobs.renew('slow', [id], 1000)).toEqual([]);
    expect(await store.jobs.renew('fast', [id], 1000)).toEqual([id]);
  });

  it('retries a failed job at its time, buries it after its last attempt, and replays it', async () => {
    const clock = manualClock('2026-11-28T10:00:00Z');
    const store = await t.open({ clock });
    const [id = ''] = await store.jobs.enqueue([{ kind: 'webhook', payload: {}, maxAttempts: 2 }]);
    await store.jobs.claim({ worker: 'w', kinds: ['webhook'], limit: 1, leaseMs: 1000 });
    await store.jobs.fail('w', [{ id, error: 'HTTP 503', retryAt: '2026-11-28T10:01:00Z' }]);
    expect(await store.jobs.get(id)).toMatchObject({
      status: 'ready',
      runAt: '2026-11-28T10:01:00.000Z',
      lastError: 'HTTP 503',
    });
    expect(await store.jobs.claim({ worker: 'w', kinds: ['webhook'], limit: 1, leaseMs: 1000 })).toEqual([]);
    clock.advance(60_000);
    await store.jobs.claim({ worker: 'w', kinds: ['webhook'], limit: 1, leaseMs: 1000 });
    await store.jobs.fail('w', [{ id, error: 'HTTP 503 again', retryAt: '2026-11-28T10:05:00Z' }]);
    expect(await store.jobs.get(id)).toMatchObject({
      status: 'dead',
      attempts: 2,
      lastError: 'HTTP 503 again',
    });
    expect((await store.jobs.list({ status: 'dead', limit: 10 })).jobs.map((j) => j.id)).toEqual([id]);
    expect(await store.jobs.replay([id])).toBe(1);
    expect(await store.jobs.get(id)).toMatchObject({ status: 'ready', attempts: 0 });
    expect(await store.jobs.counts()).toEqual([{ kind: 'webhook', status: 'ready', count: 1 }]);
  });

  it('buries a job whose lease lapsed on its last attempt instead of running it again', async () => {
    const clock = manualClock('2026-11-28T10:00:00Z');
    const store = await t.open({ clock });
    const [id = ''] = await store.jobs.enqueue([{ kind: 'qualify', payload: {}, maxAttempts: 1 }]);
    await store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 1000 });
    clock.advance(5000);
    expect(await store.jobs.claim({ worker: 'w2', kinds: ['qualify'], limit: 1, leaseMs: 1000 })).toEqual([]);
    expect(await store.jobs.get(id)).toMatchObject({
      status: 'dead',
      lastError: expect.stringMatching(/lease lapsed/),
    });
  });

  it('keeps round-robin state and first-action times inside the finishing transaction', async () => {
    const L3 = await storedLead(t.store, 'c@x.com');
    const [id = ''] = await t.store.jobs.enqueue([{ kind: 'qualify', leadId: L3, payload: {} }]);
    await t.store.jobs.claim({ worker: 'w', kinds: ['qualify'], limit: 1, leaseMs: 60_000 });
    let touchId = '';
    await t.store.jobs.finish('w', [id], async (tx) => {
      expect(await tx.routingState('rules[0]')).toBeUndefined();
      await tx.setRoutingState('rules[0]', { next: 1 });
      await tx.setRoutingState('rules[0]', { next: 2 });
      expect(await tx.routingState('rules[0]')).toEqual({ next: 2 });
      const decisionId = await tx.saveDecision(decision(L3));
      const route = { destination: 'review' as const, rule: 'default', reason: 'assisted' };
      touchId = await tx.saveTouch({
        leadId: L3,
        decisionId,
        route,
        arrivedAt: '2026-11-28T10:00:00.000Z',
        decidedAt: '2026-11-28T10:00:00.010Z',
        routedAt: '2026-11-28T10:00:00.011Z',
      });
      await tx.addReview({
        leadId: L3,
        decisionId,
        touchId,
        verdict: 'qualified',
        proposed: route,
        createdAt: '2026-11-28T10:00:00.011Z',
      });
      await tx.markFirstAction(touchId, '2026-11-28T10:00:00.100Z');
      await tx.markFirstAction(touchId, '2026-11-28T10:00:09.000Z');
      return new Map();
    });
    const touch = await t.store.db
      .selectFrom('touches')
      .selectAll()
      .where('id', '=', touchId)
      .executeTakeFirstOrThrow();
    expect(touch.first_action_at).toBe('2026-11-28T10:00:00.100Z');
    const reviews = await t.store.db.selectFrom('reviews').selectAll().execute();
    expect(reviews.map((r) => r.status)).toEqual(['pending']);
  });
});
