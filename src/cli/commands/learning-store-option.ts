import { openStore, type StoreHandle } from '../../adapters/storage/open-store.js';
import type { CliContext } from '../cli-context.js';

/** The `--db <url>` option's help, shared by the learning commands. */
export const DB_HELP =
  'the database (postgres://…, sqlite:path or a file); default DATABASE_URL, else leadsift.db';

/**
 * Runs `work` on the database named by `--db`, or the configured one when absent; a store opened
 * here is closed after.
 */
export const withStore = async <T>(
  ctx: CliContext,
  db: string | undefined,
  work: (store: StoreHandle) => Promise<T>,
): Promise<T> => {
  if (db === undefined) return work(await ctx.container().store());
  const store = await openStore({ databaseUrl: db }, { clock: ctx.container().clock });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
};
