import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import { openStore } from '../adapters/storage/open-store.js';
import type { StoreHandle, StoreOptions } from '../adapters/storage/open-store.js';
import type { StoreDialect } from '../adapters/storage/store-context.js';
import './provided-context.js';

/** An empty database made for one test, and how to remove it. */
export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const withAdmin = async (adminUrl: string, statement: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

/**
 * Create an empty database on `dialect`: a SQLite file in a fresh temp directory, or a PostgreSQL
 * database `leadsift_test_<random>` on the server the global setup found, so that parallel test
 * files never share one.
 */
export const createTestDatabase = async (dialect: StoreDialect): Promise<TestDatabase> => {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'leadsift-sqlite-'));
    return {
      url: `sqlite:${join(dir, 'leadsift.db')}`,
      drop: () => Promise.resolve(rmSync(dir, { recursive: true })),
    };
  }
  const server = inject('leadsiftPg');
  if (!('url' in server)) throw new Error(`PostgreSQL is not available: ${server.skipped}`);
  const name = `leadsift_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(server.url, `create database ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(server.url, `drop database if exists ${name} with (force)`),
  };
};

/** What a store suite's tests get: a fresh store per test and a way to open more on its database. */
export interface StoreTestContext {
  readonly dialect: StoreDialect;
  /** The store for the running test, on its own empty database. */
  readonly store: StoreHandle;
  /** This test's database URL. */
  readonly databaseUrl: string;
  /** Open another handle on this test's database (a second writer, or a restart). Closed after the test. */
  open(options?: StoreOptions): Promise<StoreHandle>;
}

const DIALECTS: readonly StoreDialect[] = ['sqlite', 'postgres'];

/**
 * Declare a store suite that runs on every dialect: `<name> on sqlite`, `<name> on postgres`.
 * Each test gets a new, empty database, dropped afterwards. When the global setup found no
 * PostgreSQL server, the PostgreSQL suite is skipped with the reason in its name.
 */
export const describeStores = (name: string, define: (t: StoreTestContext) => void): void => {
  for (const dialect of DIALECTS) {
    const server = dialect === 'postgres' ? inject('leadsiftPg') : undefined;
    const skipped = server !== undefined && 'skipped' in server ? server.skipped : undefined;
    const title =
      skipped === undefined ? `${name} on ${dialect}` : `${name} on ${dialect} (SKIPPED: ${skipped})`;
    describe.skipIf(skipped !== undefined)(title, () => {
      let database: TestDatabase | undefined;
      let handles: StoreHandle[] = [];
      const open = async (options?: StoreOptions): Promise<StoreHandle> => {
        if (database === undefined) throw new Error('open() is for use inside a test');
        const handle = await openStore({ databaseUrl: database.url }, options);
        handles.push(handle);
        return handle;
      };
      const context: StoreTestContext = {
        dialect,
        get store() {
          const first = handles[0];
          if (first === undefined) throw new Error('store is for use inside a test');
          return first;
        },
        get databaseUrl() {
          if (database === undefined) throw new Error('databaseUrl is for use inside a test');
          return database.url;
        },
        open,
      };
      beforeEach(async () => {
        database = await createTestDatabase(dialect);
        await open();
      });
      afterEach(async () => {
        await Promise.all(handles.map((h) => h.close()));
        handles = [];
        await database?.drop();
        database = undefined;
      });
      define(context);
    });
  }
};
