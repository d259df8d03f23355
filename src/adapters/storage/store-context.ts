import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import type { Database } from './database.js';
import { isRetryable, toStorageError } from './storage-error.js';

/** Which database a store runs on. */
export type StoreDialect = 'sqlite' | 'postgres';

/** What every store function needs: the database, its dialect, a clock and an id source. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  readonly clock: Clock;
  readonly newId: () => string;
}

const MAX_ATTEMPTS = 6;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One attempt. On SQLite the transaction starts with BEGIN IMMEDIATE, taking the write lock up
 * front: a deferred transaction that reads and then writes fails outright (SQLITE_BUSY_SNAPSHOT)
 * when another writer committed in between, which no busy timeout can wait out.
 */
const attempt = <T>(ctx: StoreContext, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> => {
  if (ctx.dialect === 'postgres') return ctx.db.transaction().execute(work);
  return ctx.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
};

/**
 * Run `work` in one transaction, re-running it from the start (after a short, growing, jittered
 * pause) when a concurrent writer made it fail in a way a retry gets past (see `isRetryable`);
 * any other failure rolls everything back and is thrown as an AppError naming `what`.
 */
export const inTransaction = async <T>(
  ctx: StoreContext,
  what: string,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> => {
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(ctx, work);
    } catch (error) {
      if (n >= MAX_ATTEMPTS || !isRetryable(error)) throw toStorageError(what, error);
      await sleep((10 + Math.random() * 40) * 2 ** n);
    }
  }
};

/** `value` as an ISO 8601 UTC string (so that times sort as text), or INPUT_INVALID. */
export const toIsoUtc = (value: string, field: string): string => {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new AppError('INPUT_INVALID', {
      message: `${field} must be an ISO 8601 time such as 2026-01-31T09:00:00Z, got ${JSON.stringify(value)}`,
      details: { field, value },
    });
  }
  return new Date(ms).toISOString();
};

/** Split `items` into runs of at most `size`, for multi-row inserts under parameter limits. */
export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
