import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { ClaimRequest, Job, JobQueue, JobStatus, NewJob } from '../../jobs/job-queue.js';
import type { PipelineTransaction } from '../../pipeline/pipeline-transaction.js';
import type { Database, JobsTable } from './database.js';
import { decisionRow } from './lead-events.js';
import { saveLatest, saveLatestRoute } from './lead-latest.js';
import { upsertLeadsIn } from './upsert-leads.js';
import { chunks, inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** Attempts a job gets unless it says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 10;

// Ids per `IN (…)`: well under either dialect's bound-parameter limit.
const IDS_PER_STATEMENT = 500;

const iso = (ms: number): string => new Date(ms).toISOString();

const toJob = (row: Selectable<JobsTable>): Job => ({
  id: row.id,
  kind: row.kind,
  ...(row.lead_id === null ? {} : { leadId: row.lead_id }),
  payload: JSON.parse(row.payload) as unknown,
  status: row.status,
  attempts: Number(row.attempts),
  maxAttempts: Number(row.max_attempts),
  runAt: row.run_at,
  ...(row.locked_by === null ? {} : { lockedBy: row.locked_by }),
  ...(row.locked_until === null ? {} : { lockedUntil: row.locked_until }),
  ...(row.last_error === null ? {} : { lastError: row.last_error }),
  ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
});

const checkRunAt = (value: string, index: number): string => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new AppError('INPUT_INVALID', {
      message: `jobs[${index}].runAt must be an ISO 8601 time, got ${JSON.stringify(value)}`,
      details: { field: `jobs[${index}].runAt` },
    });
  }
  return iso(ms);
};

/** New jobs as rows: fresh ids, ready at `runAt` (default now). */
export const jobRows = (ctx: StoreContext, jobs: readonly NewJob[]): JobsTable[] => {
  const now = iso(ctx.clock.now());
  return jobs.map((job, i) => ({
    id: ctx.newId(),
    kind: job.kind,
    lead_id: job.leadId ?? null,
    payload: JSON.stringify(job.payload ?? null),
    status: 'ready',
    attempts: 0,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    run_at: job.runAt === undefined ? now : checkRunAt(job.runAt, i),
    locked_by: null,
    locked_until: null,
    last_error: null,
    result: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
  }));
};

const insertJobs = async (trx: Kysely<Database>, rows: readonly JobsTable[]): Promise<void> => {
  for (const part of chunks(rows, 200)) await trx.insertInto('jobs').values(part).execute();
};

/** The pipeline's writes over an open transaction. */
export const pipelineTransaction = (ctx: StoreContext, trx: Kysely<Database>): PipelineTransaction => ({
  upsertLeads: (drafts) => upsertLeadsIn(ctx, trx, drafts),
  enqueue: async (jobs) => {
    const rows = jobRows(ctx, jobs);
    await insertJobs(trx, rows);
    return rows.map((r) => r.id);
  },
  saveDecision: async (decision) => {
    const row = decisionRow(ctx, decision);
    await trx.insertInto('decisions').values(row).execute();
    await saveLatest(trx, row.id, { ...decision, decidedAt: row.decided_at });
    return row.id;
  },
  saveTouch: async (touch) => {
    const id = ctx.newId();
    await trx
      .insertInto('touches')
      .values({
        id,
        lead_id: touch.leadId,
        decision_id: touch.decisionId,
        destination: touch.route.destination,
        owner_id: touch.route.owner?.id ?? null,
        route: JSON.stringify(touch.route),
        arrived_at: touch.arrivedAt,
        decided_at: touch.decidedAt,
        routed_at: touch.routedAt,
        first_action_at: null,
      })
      .execute();
    await saveLatestRoute(trx, touch.leadId, touch.route);
    return id;
  },
  addReview: async (review) => {
    const id = ctx.newId();
    await trx
      .insertInto('reviews')
      .values({
        id,
        lead_id: review.leadId,
        decision_id: review.decisionId,
        touch_id: review.touchId,
        verdict: review.verdict,
        proposed: JSON.stringify(review.proposed),
        status: 'pending',
        created_at: review.createdAt,
        resolved_at: null,
        resolved_by: null,
        final_verdict: null,
        reason: null,
      })
      .execute();
    return id;
  },
  routingState: async (key) => {
    const query = trx.selectFrom('routing_state').select('state').where('key', '=', key);
    const row = await (ctx.dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.state) as unknown);
  },
  setRoutingState: async (key, state) => {
    const row = { key, state: JSON.stringify(state), updated_at: iso(ctx.clock.now()) };
    await trx
      .insertInto('routing_state')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ state: row.state, updated_at: row.updated_at }))
      .execute();
  },
  markFirstAction: async (touchId, at) => {
    await trx
      .updateTable('touches')
      .set({ first_action_at: at })
      .where('id', '=', touchId)
      .where('first_action_at', 'is', null)
      .execute();
  },
});

/**
 * Rows of `query(kind)` for each kind, merged in `order` and cut at `limit`. One query per kind:
 * given `kind in (a, b)` SQLite steps through the (status, kind) index instead of seeking in it,
 * and a claim of webhook/crm jobs took about 0.7 ms against 15 µs for two one-kind queries.
 */
const perKind = async <R>(
  kinds: readonly string[],
  limit: number,
  query: (kind: string) => Promise<R[]>,
  order: (a: R, b: R) => number,
): Promise<R[]> => {
  if (kinds.length === 1) return query(kinds[0] ?? '');
  const rows: R[] = [];
  for (const kind of kinds) rows.push(...(await query(kind)));
  return rows.sort(order).slice(0, limit);
};

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Due jobs' ids for a claim: ready and due, then lapsed leases, oldest first. */
const dueIds = async (
  ctx: StoreContext,
  trx: Kysely<Database>,
  request: ClaimRequest,
  now: string,
): Promise<{ ready: string[]; lapsed: { id: string; attempts: number; max: number }[] }> => {
  const lock = <Q extends { forUpdate(): Q; skipLocked(): Q }>(q: Q): Q =>
    ctx.dialect === 'postgres' ? q.forUpdate().skipLocked() : q;
  // On SQLite, oldest is insertion order: the (status, kind) index keeps a kind's ready jobs in
  // rowid order, so the claim reads `limit` entries; ordering by run_at sorted every ready job of
  // the kind on each claim (48 ms a claim behind a backlog of 10,000 webhooks, so a backlog grew).
  const oldest = <Q extends { orderBy(e: unknown): Q }>(q: Q): Q =>
    ctx.dialect === 'sqlite' ? q.orderBy(sql`rowid`) : q.orderBy('run_at').orderBy('id');
  const ready = await perKind(
    request.kinds,
    request.limit,
    (kind) =>
      lock(
        oldest(
          trx
            .selectFrom('jobs')
            .select(['id', 'run_at'])
            .where('status', '=', 'ready')
            .where('run_at', '<=', now)
            .where('kind', '=', kind),
        ).limit(request.limit),
      ).execute(),
    (a, b) => byText(a.run_at, b.run_at) || byText(a.id, b.id),
  );
  const room = request.limit - ready.length;
  const lapsed =
    room <= 0
      ? []
      : await perKind(
          request.kinds,
          room,
          (kind) =>
            lock(
              trx
                .selectFrom('jobs')
                .select(['id', 'attempts', 'max_attempts', 'locked_until'])
                .where('status', '=', 'running')
                .where('locked_until', '<=', now)
                .where('kind', '=', kind)
                .orderBy('locked_until')
                .limit(room),
            ).execute(),
          (a, b) => byText(a.locked_until ?? '', b.locked_until ?? ''),
        );
  return {
    ready: ready.map((r) => r.id),
    lapsed: lapsed.map((r) => ({ id: r.id, attempts: Number(r.attempts), max: Number(r.max_attempts) })),
  };
};

/**
 * Whether a claim would find anything — a ready job due by `now` or a lapsed lease — read
 * without a transaction or locks. Most claims of a busy worker find nothing (each woken loop
 * looks once); answering those without BEGIN IMMEDIATE and COMMIT saves a write transaction each.
 */
const anyDue = async (ctx: StoreContext, kinds: readonly string[], now: string): Promise<boolean> => {
  // Ready and due, or running with a lapsed lease: the two things a claim takes.
  const takeable = [
    ['ready', 'run_at'],
    ['running', 'locked_until'],
  ] as const;
  for (const kind of kinds) {
    for (const [status, time] of takeable) {
      const found = await ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', status)
        .where('kind', '=', kind)
        .where(time, '<=', now)
        .limit(1)
        .executeTakeFirst();
      if (found !== undefined) return true;
    }
  }
  return false;
};

const checkClaim = (request: ClaimRequest): void => {
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 1000) {
    throw new AppError('INPUT_INVALID', { message: `claim: limit must be 1..1000, got ${request.limit}` });
  }
  if (!(request.leaseMs > 0)) {
    throw new AppError('INPUT_INVALID', {
      message: `claim: leaseMs must be positive, got ${request.leaseMs}`,
    });
  }
};

/** The job queue over Kysely, with the pipeline's writes in `finish`; same code on both dialects. */
export const createJobQueue = (ctx: StoreContext): JobQueue<PipelineTransaction> => ({
  enqueue: async (jobs) => {
    const rows = jobRows(ctx, jobs);
    if (rows.length === 0) return [];
    await inTransaction(ctx, `enqueue ${rows.length} jobs`, (trx) => insertJobs(trx, rows));
    return rows.map((r) => r.id);
  },

  claim: async (request) => {
    checkClaim(request);
    if (request.kinds.length === 0) return [];
    if (!(await guard('look for due jobs', () => anyDue(ctx, request.kinds, iso(ctx.clock.now())))))
      return [];
    return inTransaction(ctx, `claim ${request.kinds.join('/')} jobs`, async (trx) => {
      const nowMs = ctx.clock.now();
      const now = iso(nowMs);
      const { ready, lapsed } = await dueIds(ctx, trx, request, now);
      // A lease that lapsed on the last attempt means the worker died running it: give up on it.
      const spent = lapsed.filter((j) => j.attempts >= j.max).map((j) => j.id);
      if (spent.length > 0) {
        await trx
          .updateTable('jobs')
          .set({
            status: 'dead',
            last_error: 'the lease lapsed on the last attempt (the worker stopped while running it)',
            locked_by: null,
            locked_until: null,
            updated_at: now,
            finished_at: now,
          })
          .where('id', 'in', spent)
          .execute();
      }
      const ids = [...ready, ...lapsed.filter((j) => j.attempts < j.max).map((j) => j.id)];
      if (ids.length === 0) return [];
      const rows = await trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          attempts: eb('attempts', '+', 1),
          locked_by: request.worker,
          locked_until: iso(nowMs + request.leaseMs),
          updated_at: now,
        }))
        .where('id', 'in', ids)
        .returningAll()
        .execute();
      const order = new Map(ids.map((id, i) => [id, i]));
      return rows.map(toJob).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    });
  },

  renew: async (worker, ids, leaseMs) => {
    if (ids.length === 0) return [];
    return inTransaction(ctx, `renew ${ids.length} leases`, async (trx) => {
      const held: string[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await trx
          .updateTable('jobs')
          .set({ locked_until: iso(ctx.clock.now() + leaseMs) })
          .where('id', 'in', part)
          .where('status', '=', 'running')
          .where('locked_by', '=', worker)
          .returning('id')
          .execute();
        held.push(...rows.map((r) => r.id));
      }
      return held;
    });
  },

  finish: async (worker, ids, work) => {
    if (ids.length === 0) return [];
    return inTransaction(ctx, `finish ${ids.length} jobs`, async (trx) => {
      const heldIds: string[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const query = trx
          .selectFrom('jobs')
          .select('id')
          .where('id', 'in', part)
          .where('status', '=', 'running')
          .where('locked_by', '=', worker);
        const rows = await (ctx.dialect === 'postgres' ? query.forUpdate() : query).execute();
        heldIds.push(...rows.map((r) => r.id));
      }
      const held = new Set(heldIds);
      if (held.size === 0) return [];
      const results = await work(pipelineTransaction(ctx, trx), held);
      const now = iso(ctx.clock.now());
      const done = {
        status: 'done' as const,
        locked_by: null,
        locked_until: null,
        updated_at: now,
        finished_at: now,
      };
      const plain = heldIds.filter((id) => results.get(id) === undefined);
      for (const part of chunks(plain, IDS_PER_STATEMENT)) {
        await trx.updateTable('jobs').set(done).where('id', 'in', part).execute();
      }
      for (const id of heldIds) {
        const result = results.get(id);
        if (result === undefined) continue;
        await trx
          .updateTable('jobs')
          .set({ ...done, result: JSON.stringify(result) })
          .where('id', '=', id)
          .execute();
      }
      return heldIds;
    });
  },

  fail: async (worker, failures) => {
    if (failures.length === 0) return;
    await inTransaction(ctx, `record ${failures.length} failed jobs`, async (trx) => {
      const now = iso(ctx.clock.now());
      for (const failure of failures) {
        const row = await trx
          .selectFrom('jobs')
          .select(['attempts', 'max_attempts'])
          .where('id', '=', failure.id)
          .where('status', '=', 'running')
          .where('locked_by', '=', worker)
          .executeTakeFirst();
        if (row === undefined) continue; // the lease went to another worker meanwhile
        const dead = 'dead' in failure || Number(row.attempts) >= Number(row.max_attempts);
        await trx
          .updateTable('jobs')
          .set({
            status: dead ? 'dead' : 'ready',
            last_error: failure.error.slice(0, 2000),
            locked_by: null,
            locked_until: null,
            updated_at: now,
            ...(dead
              ? { finished_at: now }
              : { run_at: 'retryAt' in failure ? iso(Date.parse(failure.retryAt)) : now }),
          })
          .where('id', '=', failure.id)
          .execute();
      }
    });
  },

  get: (id) =>
    guard(`read job ${id}`, async () => {
      const row = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    }),

  find: (ids) =>
    guard(`read ${ids.length} jobs`, async () => {
      const jobs: Job[] = [];
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const rows = await ctx.db.selectFrom('jobs').selectAll().where('id', 'in', part).execute();
        jobs.push(...rows.map(toJob));
      }
      return jobs;
    }),

  list: (listing) =>
    guard('list jobs', async () => {
      const rows = await ctx.db
        .selectFrom('jobs')
        .selectAll()
        .$if(listing.status !== undefined, (q) => q.where('status', '=', listing.status as JobStatus))
        .$if(typeof listing.kind === 'string', (q) => q.where('kind', '=', listing.kind as string))
        .$if(Array.isArray(listing.kind), (q) => q.where('kind', 'in', listing.kind as readonly string[]))
        .$if(listing.leadId !== undefined, (q) => q.where('lead_id', '=', listing.leadId ?? ''))
        .$if(listing.cursor !== undefined, (q) => q.where('id', '<', listing.cursor ?? ''))
        .orderBy('id', 'desc')
        .limit(listing.limit + 1)
        .execute();
      const jobs = rows.slice(0, listing.limit).map(toJob);
      const last = jobs.at(-1);
      return rows.length > listing.limit && last !== undefined ? { jobs, next: last.id } : { jobs };
    }),

  replay: async (ids) => {
    if (ids.length === 0) return 0;
    return inTransaction(ctx, `replay ${ids.length} dead jobs`, async (trx) => {
      const now = iso(ctx.clock.now());
      let count = 0;
      for (const part of chunks(ids, IDS_PER_STATEMENT)) {
        const result = await trx
          .updateTable('jobs')
          .set({ status: 'ready', attempts: 0, run_at: now, updated_at: now, finished_at: null })
          .where('id', 'in', part)
          .where('status', '=', 'dead')
          .executeTakeFirst();
        count += Number(result.numUpdatedRows);
      }
      return count;
    });
  },

  counts: () =>
    guard('count jobs', async () => {
      const rows = await ctx.db
        .selectFrom('jobs')
        .select(['kind', 'status', sql<number>`count(*)`.as('count')])
        .groupBy(['kind', 'status'])
        .orderBy('kind')
        .orderBy('status')
        .execute();
      return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
    }),

  nextDue: (kinds) =>
    guard('find the next due job', async () => {
      const times: string[] = [];
      for (const kind of kinds) {
        const row = await ctx.db
          .selectFrom('jobs')
          .select('run_at')
          .where('status', '=', 'ready')
          .where('kind', '=', kind)
          .orderBy('run_at')
          .limit(1)
          .executeTakeFirst();
        const lease = await ctx.db
          .selectFrom('jobs')
          .select('locked_until')
          .where('status', '=', 'running')
          .where('kind', '=', kind)
          .orderBy('locked_until')
          .limit(1)
          .executeTakeFirst();
        if (row !== undefined) times.push(row.run_at);
        if (typeof lease?.locked_until === 'string') times.push(lease.locked_until);
      }
      return times.sort()[0];
    }),
});
