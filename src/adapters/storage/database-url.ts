import { userInfo } from 'node:os';
import { AppError } from '../../domain/app-error.js';

/** Where the data lives: a SQLite file (or `:memory:`) or a PostgreSQL connection string. */
export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** The SQLite file used when no database URL is configured. */
export const DEFAULT_SQLITE_PATH = 'leadsift.db';

/**
 * The PostgreSQL role to use when the URL names none, as libpq would: `PGUSER`, else the OS
 * account (read from the password database, so it works when `$USER` is unset, where `pg`
 * itself would connect as `undefined`), else `postgres`.
 */
const defaultPgUser = (): string => {
  const fromEnv = process.env['PGUSER'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return userInfo().username || 'postgres';
  } catch {
    return 'postgres';
  }
};

/**
 * Read a database URL: absent → `leadsift.db`; `sqlite:path`, `sqlite://path` or a plain path →
 * SQLite; `postgres://…` / `postgresql://…` → PostgreSQL, with a user filled in when missing.
 */
export const parseDatabaseUrl = (databaseUrl: string | undefined): DatabaseTarget => {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = new URL(url);
    if (parsed.username === '') parsed.username = encodeURIComponent(defaultPgUser());
    return { dialect: 'postgres', connectionString: parsed.toString() };
  }
  if (/^sqlite:/i.test(url)) {
    const path = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (path === '') {
      throw new AppError('CONFIG_INVALID', {
        message: `databaseUrl "${url}" names no file; write sqlite:leadsift.db or sqlite::memory:`,
      });
    }
    return { dialect: 'sqlite', path };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new AppError('CONFIG_INVALID', {
      message: `databaseUrl "${url.replace(/\/\/[^@/]*@/, '//…@')}" is not supported: use a SQLite path (sqlite:leadsift.db) or postgres://user@host:5432/db`,
    });
  }
  return { dialect: 'sqlite', path: url };
};
