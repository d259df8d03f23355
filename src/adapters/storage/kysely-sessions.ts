import type { Kysely } from 'kysely';
import type { ApiKey, DashboardSessions } from '../../service/service-store.js';
import type { ApiKeysTable, Database } from './database.js';
import { inTransaction, type StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** A dashboard sign-in (migration 017). */
interface SessionsTable {
  id: string;
  key_id: string;
  created_at: string;
  expires_at: string;
}

type SessionDatabase = Database & { sessions: SessionsTable };

const withSessions = (db: Kysely<Database>): Kysely<SessionDatabase> =>
  db.withTables<{ sessions: SessionsTable }>();

/**
 * The dashboard's sessions, kept in the database so that every process sharing it sees a sign-out
 * or a key's revocation on the next request. `toApiKey` turns the key's row into the port's type.
 */
export const kyselySessions = (
  ctx: StoreContext,
  toApiKey: (row: ApiKeysTable) => ApiKey,
): DashboardSessions => ({
  saveSession: (session) =>
    inTransaction(ctx, 'open a dashboard session', async (trx) => {
      const db = withSessions(trx);
      // Ended sessions are swept here, on sign-in, rather than by a task of their own.
      await db.deleteFrom('sessions').where('expires_at', '<=', session.createdAt).execute();
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          key_id: session.keyId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
        })
        .execute();
    }),

  sessionKey: (id, at) =>
    guard('read a dashboard session', async () => {
      const row = await withSessions(ctx.db)
        .selectFrom('sessions as s')
        .innerJoin('api_keys as k', 'k.id', 's.key_id')
        .selectAll('k')
        .select('s.expires_at as session_expires_at')
        .where('s.id', '=', id)
        .where('s.expires_at', '>', at)
        .where('k.revoked_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const { session_expires_at: expiresAt, ...key } = row;
      return { key: toApiKey(key), expiresAt };
    }),

  deleteSession: (id) =>
    inTransaction(ctx, 'end a dashboard session', async (trx) => {
      const result = await withSessions(trx).deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    }),
});

/** End every session of a key, in the transaction that revokes it. */
export const deleteSessionsOf = async (trx: Kysely<Database>, keyId: string): Promise<void> => {
  await withSessions(trx).deleteFrom('sessions').where('key_id', '=', keyId).execute();
};
