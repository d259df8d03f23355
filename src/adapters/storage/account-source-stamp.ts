import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * A short text that changes whenever what accounts are computed from changes: the number of
 * leads and their newest update, the number of activities and the newest one's id (ids start
 * with their time). Two aggregate queries, no row read: what a cache of account decisions
 * compares before answering from memory.
 */
export const accountSourceStamp = async (db: Kysely<Database>): Promise<string> => {
  const leads = await db
    .selectFrom('leads')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('newest')])
    .executeTakeFirstOrThrow();
  const activities = await db
    .selectFrom('activities')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('id').as('newest')])
    .executeTakeFirstOrThrow();
  return `${String(leads.n)}|${leads.newest ?? ''}|${String(activities.n)}|${activities.newest ?? ''}`;
};
