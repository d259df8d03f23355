import type { OccurrenceStore } from '../../scheduler/occurrence-store.js';
import { jobRows } from './kysely-job-queue.js';
import { inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';

/**
 * Scheduled occurrences over Kysely: the occurrence row and its job are inserted in one
 * transaction, and the row's key (task, due) makes a second insert do nothing — on PostgreSQL a
 * racing scheduler waits for the first to commit and then finds the key taken.
 */
export const createOccurrenceStore = (ctx: StoreContext): OccurrenceStore => ({
  enqueueOccurrence: (task, due, job) =>
    inTransaction(ctx, `enqueue the ${due} occurrence of ${task}`, async (trx) => {
      const [row] = jobRows(ctx, [{ ...job, runAt: due }]);
      if (row === undefined) return undefined;
      const inserted = await trx
        .insertInto('scheduled_occurrences')
        .values({ task, due, job_id: row.id, created_at: row.created_at })
        .onConflict((oc) => oc.columns(['task', 'due']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return undefined;
      await trx.insertInto('jobs').values(row).execute();
      return row.id;
    }),
});
