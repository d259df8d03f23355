import { AppError } from '../../domain/app-error.js';
import type { ImportCounts, ImportLog, ImportRun, StoredRejection } from '../../domain/lead-store.js';
import type { ImportRunsTable, RejectionsTable } from './database.js';
import { chunks, inTransaction, toIsoUtc } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

const ZERO = { rows_in: 0, accepted: 0, rejected: 0, created: 0, updated: 0 } as const;

const rowToRun = (row: ImportRunsTable): ImportRun => ({
  id: row.id,
  file: row.file,
  startedAt: row.started_at,
  ...(row.finished_at === null ? {} : { finishedAt: row.finished_at }),
  rowsIn: Number(row.rows_in),
  accepted: Number(row.accepted),
  rejected: Number(row.rejected),
  created: Number(row.created),
  updated: Number(row.updated),
});

const checkCounts = (runId: string, counts: ImportCounts, rejectedLines: number): void => {
  const problems: string[] = [];
  if (counts.rowsIn !== counts.accepted + counts.rejected) {
    problems.push(`rowsIn ${counts.rowsIn} ≠ accepted ${counts.accepted} + rejected ${counts.rejected}`);
  }
  if (counts.rejected !== rejectedLines) {
    problems.push(`rejected ${counts.rejected} ≠ ${rejectedLines} distinct rejected lines recorded`);
  }
  if (problems.length > 0) {
    throw new AppError('INPUT_INVALID', {
      message: `Import run ${runId} does not add up (${problems.join('; ')}): every row must be accepted or recorded as rejected.`,
      details: { runId, ...counts, rejectedLines },
    });
  }
};

/** The `ImportLog` over Kysely: runs and their rejected rows, on SQLite and PostgreSQL. */
export const createImportLog = (ctx: StoreContext): ImportLog => ({
  startImport: async (run) => {
    const id = ctx.newId();
    const startedAt = toIsoUtc(run.startedAt, 'startedAt');
    await guard(`start an import of ${run.file}`, () =>
      ctx.db
        .insertInto('import_runs')
        .values({ id, file: run.file, started_at: startedAt, finished_at: null, ...ZERO })
        .execute(),
    );
    return id;
  },
  addRejections: async (runId, rejections) => {
    const rows: RejectionsTable[] = rejections.map((r) => ({
      id: ctx.newId(),
      run_id: runId,
      line: r.line,
      field: r.field ?? null,
      problem: r.problem,
      raw: r.raw === undefined ? null : JSON.stringify(r.raw),
    }));
    await inTransaction(ctx, `record ${rows.length} rejections of import ${runId}`, async (trx) => {
      for (const part of chunks(rows, 500)) await trx.insertInto('rejections').values(part).execute();
    });
  },
  finishImport: (runId, finish) =>
    inTransaction(ctx, `finish import ${runId}`, async (trx) => {
      const { lines } = await trx
        .selectFrom('rejections')
        .select((eb) => eb.fn.count('line').distinct().as('lines'))
        .where('run_id', '=', runId)
        .executeTakeFirstOrThrow();
      checkCounts(runId, finish, Number(lines));
      const row = await trx
        .updateTable('import_runs')
        .set({
          finished_at: toIsoUtc(finish.finishedAt, 'finishedAt'),
          rows_in: finish.rowsIn,
          accepted: finish.accepted,
          rejected: finish.rejected,
          created: finish.created,
          updated: finish.updated,
        })
        .where('id', '=', runId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) {
        throw new AppError('NOT_FOUND', { message: `Import run ${runId} does not exist; start it first.` });
      }
      return rowToRun(row);
    }),
  getImportRun: (id) =>
    guard(`read import run ${id}`, async () => {
      const row = await ctx.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : rowToRun(row);
    }),
  listRejections: (runId) =>
    guard(`list the rejections of import ${runId}`, async () => {
      const rows = await ctx.db
        .selectFrom('rejections')
        .selectAll()
        .where('run_id', '=', runId)
        .orderBy('line')
        .orderBy('id')
        .execute();
      return rows.map((r): StoredRejection => ({
        line: Number(r.line),
        ...(r.field === null ? {} : { field: r.field }),
        problem: r.problem,
        ...(r.raw === null ? {} : { raw: JSON.parse(r.raw) as Record<string, string> }),
      }));
    }),
});
