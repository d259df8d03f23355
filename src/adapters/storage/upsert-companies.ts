import type { Kysely } from 'kysely';
import { isoNow } from '../../domain/clock.js';
import type { Company } from '../../domain/company.js';
import type { CompanyFacts } from '../../domain/lead.js';
import type { CompanyDraft, UpsertResult } from '../../domain/lead-store.js';
import { mergeFacts } from '../../intake/merge-leads.js';
import type { CompaniesTable, Database } from './database.js';
import { normalizeCompanyKey } from './lead-rows.js';
import { chunks, inTransaction } from './store-context.js';
import type { StoreContext } from './store-context.js';

/** A `companies` row as a company. */
export const rowToCompany = (row: CompaniesTable): Company => ({
  id: row.id,
  key: row.key,
  ...(JSON.parse(row.facts) as CompanyFacts),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The fact fields of a company or draft: everything but its key, id and times. */
const factsOf = (company: CompanyFacts): CompanyFacts => {
  const facts: Record<string, unknown> = { ...company };
  for (const field of ['key', 'id', 'createdAt', 'updatedAt']) delete facts[field];
  return facts as CompanyFacts;
};

const findByKey = (ctx: StoreContext, trx: Kysely<Database>, key: string) =>
  trx
    .selectFrom('companies')
    .selectAll()
    .where('key', '=', key)
    .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();

const upsertOne = async (
  ctx: StoreContext,
  trx: Kysely<Database>,
  draft: CompanyDraft,
  stored: CompaniesTable | undefined,
): Promise<UpsertResult> => {
  const key = normalizeCompanyKey(draft.key);
  const now = isoNow(ctx.clock);
  let existing = stored;
  if (existing === undefined) {
    const id = ctx.newId();
    const row = { id, key, facts: JSON.stringify(factsOf(draft)), created_at: now, updated_at: now };
    const inserted = await trx
      .insertInto('companies')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted !== undefined) return { id, action: 'created' };
    existing = await findByKey(ctx, trx, key);
    if (existing === undefined) throw new Error(`company ${key} conflicted on insert but cannot be found`);
  }
  const merged = mergeFacts(factsOf(rowToCompany(existing)), factsOf(draft));
  await trx
    .updateTable('companies')
    .set({ facts: JSON.stringify(merged), updated_at: now })
    .where('id', '=', existing.id)
    .execute();
  return { id: existing.id, action: 'updated' };
};

const IN_LIST_SIZE = 500;

/** The stored companies among `keys`, 500 keys a query (locked on PostgreSQL). */
const findStored = async (
  ctx: StoreContext,
  trx: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, CompaniesTable>> => {
  const stored = new Map<string, CompaniesTable>();
  for (const part of chunks([...new Set(keys)], IN_LIST_SIZE)) {
    const rows = await trx
      .selectFrom('companies')
      .selectAll()
      .where('key', 'in', part)
      .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
      .execute();
    for (const row of rows) stored.set(row.key, row);
  }
  return stored;
};

/**
 * Insert or merge companies by key in one transaction: facts merge field by field, the newest
 * provenance winning. One result per company, in order.
 */
export const upsertCompanies = async (
  ctx: StoreContext,
  companies: readonly CompanyDraft[],
): Promise<UpsertResult[]> => {
  if (companies.length === 0) return [];
  return inTransaction(ctx, `upsert a batch of ${companies.length} companies`, async (trx) => {
    const keys = companies.map((c) => normalizeCompanyKey(c.key));
    const stored = await findStored(ctx, trx, keys);
    const results: UpsertResult[] = [];
    const done = new Set<string>();
    for (const [i, company] of companies.entries()) {
      const key = keys[i]!;
      // A company seen earlier in this batch was stored (or merged) by then: read it back.
      const row = done.has(key) ? await findByKey(ctx, trx, key) : stored.get(key);
      results.push(await upsertOne(ctx, trx, company, row));
      done.add(key);
    }
    return results;
  });
};
