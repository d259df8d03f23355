import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import type { ModelRegistry, ModelSummary, StoredModel } from '../../domain/model-registry.js';
import { parseModel } from '../../scoring/model/load-model.js';
import type { ModelDocument } from '../../scoring/model/model-document.js';
import type { Database } from './database.js';
import { inTransaction, toIsoUtc } from './store-context.js';
import type { StoreContext } from './store-context.js';
import { guard } from './storage-error.js';

/** One saved model (migration 002): the figures that compare models beside the whole document. */
export interface ModelsTable {
  version: string;
  kind: string;
  created_at: string;
  trained_rows: number;
  positives: number;
  auc: number | null;
  source: string;
  criteria_version: string | null;
  /** 0 or 1; a partial unique index lets at most one row hold 1. */
  active: number;
  activated_at: string | null;
  /** The model document as JSON text, exactly as `leadsift train` writes it. */
  document: string;
}

type SummaryRow = Omit<ModelsTable, 'document'>;

const SUMMARY_COLUMNS = [
  'version',
  'kind',
  'created_at',
  'trained_rows',
  'positives',
  'auc',
  'source',
  'criteria_version',
  'active',
  'activated_at',
] as const satisfies readonly (keyof SummaryRow)[];

// The registry's table joins the schema type here, beside the code that uses it.
const withModels = (db: Kysely<Database>): Kysely<Database & { models: ModelsTable }> =>
  db.withTables<{ models: ModelsTable }>();

const rowToSummary = (row: SummaryRow): ModelSummary => ({
  version: row.version,
  kind: row.kind as ModelDocument['kind'],
  createdAt: row.created_at,
  rows: Number(row.trained_rows),
  positives: Number(row.positives),
  auc: row.auc === null ? null : Number(row.auc),
  source: row.source,
  ...(row.criteria_version === null ? {} : { criteria: row.criteria_version }),
  active: Number(row.active) === 1,
  ...(row.activated_at === null ? {} : { activatedAt: row.activated_at }),
});

const rowToModel = (row: ModelsTable): StoredModel => ({
  ...rowToSummary(row),
  // Checked by `parseModel` when it was saved; the database is ours, so it is trusted here.
  document: JSON.parse(row.document) as ModelDocument,
});

const documentToRow = (doc: ModelDocument, text: string): ModelsTable => ({
  version: doc.version,
  kind: doc.kind,
  created_at: toIsoUtc(doc.createdAt, 'createdAt'),
  trained_rows: doc.training.rowsUsed,
  positives: doc.training.positives,
  auc: doc.evaluation.auc,
  source: doc.training.source,
  criteria_version: doc.training.criteria ?? null,
  active: 0,
  activated_at: null,
  document: text,
});

const notFound = (version: string): AppError =>
  new AppError('NOT_FOUND', {
    message: `No saved model ${version}; \`leadsift models list\` shows the saved versions, and \`leadsift train … --save\` adds one.`,
    details: { version },
  });

/** Make `version` the one active model inside `trx`: the previous one is switched off first. */
const switchActive = async (
  db: Kysely<Database & { models: ModelsTable }>,
  version: string,
  now: string,
): Promise<SummaryRow> => {
  const target = await db
    .selectFrom('models')
    .select(SUMMARY_COLUMNS)
    .where('version', '=', version)
    .executeTakeFirst();
  if (target === undefined) throw notFound(version);
  if (target.active === 1) return target;
  await db.updateTable('models').set({ active: 0 }).where('active', '=', 1).execute();
  return db
    .updateTable('models')
    .set({ active: 1, activated_at: now })
    .where('version', '=', version)
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
};

/** The `ModelRegistry` over Kysely, on SQLite and PostgreSQL. */
export const createModelRegistry = (ctx: StoreContext): ModelRegistry => {
  const db = withModels(ctx.db);
  return {
    saveModel: async (document) => {
      const text = JSON.stringify(document);
      const doc = parseModel(`model ${document.version}`, text);
      const inserted = await guard(`save model ${doc.version}`, () =>
        db
          .insertInto('models')
          .values(documentToRow(doc, text))
          .onConflict((oc) => oc.column('version').doNothing())
          .returning('version')
          .executeTakeFirst(),
      );
      return { version: doc.version, created: inserted !== undefined };
    },
    getModel: async (version) => {
      const row = await guard(`read model ${version}`, () =>
        db.selectFrom('models').selectAll().where('version', '=', version).executeTakeFirst(),
      );
      if (row === undefined) throw notFound(version);
      return rowToModel(row);
    },
    listModels: () =>
      guard('list the saved models', async () => {
        const rows = await db
          .selectFrom('models')
          .select(SUMMARY_COLUMNS)
          .orderBy('created_at', 'desc')
          .orderBy('version', 'desc')
          .execute();
        return rows.map(rowToSummary);
      }),
    activeModel: () =>
      guard('read the active model', async () => {
        const row = await db.selectFrom('models').selectAll().where('active', '=', 1).executeTakeFirst();
        return row === undefined ? undefined : rowToModel(row);
      }),
    activate: async (version) =>
      rowToSummary(
        await inTransaction(ctx, `activate model ${version}`, (trx) =>
          switchActive(withModels(trx), version, isoNow(ctx.clock)),
        ),
      ),
  };
};
