import { AppError, isAppError } from '../../domain/app-error.js';

/** The driver's error code: PostgreSQL's SQLSTATE (`23505`) or better-sqlite3's (`SQLITE_BUSY`). */
export const driverCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const UNIQUE = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const FOREIGN_KEY = new Set(['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY']);

/**
 * Failures a second attempt of the same transaction can get past: PostgreSQL serialization
 * failures and deadlocks, a unique key a concurrent writer took between our check and our write,
 * and SQLite's busy/snapshot errors when another process holds the write lock.
 */
export const isRetryable = (error: unknown): boolean => {
  const code = driverCode(error);
  return (
    code === '40001' ||
    code === '40P01' ||
    code === '23505' ||
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT'
  );
};

/**
 * Turn a driver error into an AppError that names what failed: a unique violation is CONFLICT, a
 * missing referenced row is NOT_FOUND, anything else STORAGE_FAILED. AppErrors pass through.
 */
export const toStorageError = (what: string, error: unknown): AppError => {
  if (isAppError(error)) return error;
  const code = driverCode(error);
  const reason = error instanceof Error ? error.message : String(error);
  const details = code === undefined ? {} : { driverCode: code };
  if (code !== undefined && UNIQUE.has(code)) {
    return new AppError('CONFLICT', { message: `Could not ${what}: ${reason}.`, cause: error, details });
  }
  if (code !== undefined && FOREIGN_KEY.has(code)) {
    return new AppError('NOT_FOUND', {
      message: `Could not ${what}: it refers to a record that does not exist (${reason}).`,
      cause: error,
      details,
    });
  }
  return new AppError('STORAGE_FAILED', {
    message: `Could not ${what}: ${reason}. Check that the database is reachable and writable.`,
    cause: error,
    details,
  });
};

/** Run `work`, re-throwing any failure as an AppError that says `what` failed. */
export const guard = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toStorageError(what, error);
  }
};
