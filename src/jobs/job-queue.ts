/**
 * The pipeline's job queue: a transactional jobs table on SQLite and PostgreSQL alike. A job's
 * effects and its completion commit in one transaction (`JobQueue.finish`), so a worker killed at
 * any point leaves each job either untouched (and claimable again once its lease lapses) or done
 * with all its effects — never half done, never done twice.
 */

export const JOB_STATUSES = ['ready', 'running', 'done', 'dead'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job to add. `runAt` defaults to now; `maxAttempts` to the queue's default. */
export interface NewJob {
  readonly kind: string;
  readonly leadId?: string;
  readonly payload: unknown;
  readonly runAt?: string;
  readonly maxAttempts?: number;
}

/** A job as stored. `payload` and `result` are whatever JSON was given. */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly leadId?: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  /** Attempts started so far, including the running one. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: string;
  readonly lockedBy?: string;
  readonly lockedUntil?: string;
  readonly lastError?: string;
  readonly result?: unknown;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt?: string;
}

/** What a claim asks for: the worker's name, the kinds it runs, how many, and the lease. */
export interface ClaimRequest {
  readonly worker: string;
  readonly kinds: readonly string[];
  readonly limit: number;
  /** How long the worker holds the jobs; after that another worker may take them. */
  readonly leaseMs: number;
}

/** A failed attempt: try again at `retryAt`, or give up (`dead`) with the error kept. */
export type JobFailure =
  | { readonly id: string; readonly error: string; readonly retryAt: string }
  | { readonly id: string; readonly error: string; readonly dead: true };

/** The writes a job's effects may make, inside the transaction that completes it. */
export interface JobTransaction {
  /** Add jobs that run after this one (they exist only if this transaction commits). */
  enqueue(jobs: readonly NewJob[]): Promise<string[]>;
}

/** Filters for listing jobs; newest first. */
export interface JobListing {
  readonly status?: JobStatus;
  /** One kind, or any of several. */
  readonly kind?: string | readonly string[];
  readonly leadId?: string;
  readonly limit: number;
  /** The last id of the previous page. */
  readonly cursor?: string;
}

/**
 * The queue. `Tx` is what a finishing job may write beside enqueueing: the store's adapter
 * supplies the pipeline's writes (decisions, routes, reviews) in the same transaction.
 */
export interface JobQueue<Tx extends JobTransaction = JobTransaction> {
  enqueue(jobs: readonly NewJob[]): Promise<string[]>;
  /**
   * Lease up to `limit` jobs of the given kinds that are due (ready with `runAt` ≤ now, or
   * running under a lapsed lease), oldest first, counting an attempt on each.
   */
  claim(request: ClaimRequest): Promise<Job[]>;
  /** Extend the lease on jobs the worker still holds; returns the ids it still holds. */
  renew(worker: string, ids: readonly string[], leaseMs: number): Promise<string[]>;
  /**
   * Complete jobs in one transaction with their effects: `work` runs with the ids the worker
   * still holds (a lapsed lease taken over by another worker drops out) and returns each held
   * job's result; those jobs are marked done. Returns the ids completed. If `work` throws,
   * nothing is written and the jobs stay leased (retry or fail them).
   */
  finish(
    worker: string,
    ids: readonly string[],
    work: (tx: Tx, held: ReadonlySet<string>) => Promise<ReadonlyMap<string, unknown>>,
  ): Promise<string[]>;
  /** Record failed attempts: each goes back to `ready` at its `retryAt`, or to `dead`. */
  fail(worker: string, failures: readonly JobFailure[]): Promise<void>;
  get(id: string): Promise<Job | undefined>;
  /** The jobs of these ids that exist, in no particular order (one read for many waiters). */
  find(ids: readonly string[]): Promise<Job[]>;
  list(listing: JobListing): Promise<{ readonly jobs: Job[]; readonly next?: string }>;
  /** Put dead jobs back to `ready` now with fresh attempts; returns how many. */
  replay(ids: readonly string[]): Promise<number>;
  /** Jobs by status (and kind). */
  counts(): Promise<
    ReadonlyArray<{ readonly kind: string; readonly status: JobStatus; readonly count: number }>
  >;
  /** When the next ready job of these kinds is due, to sleep until then. */
  nextDue(kinds: readonly string[]): Promise<string | undefined>;
}
