import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import { isoNow } from '../../domain/clock.js';
import type { Lead, LeadDraft } from '../../domain/lead.js';
import type { UpsertResult } from '../../domain/lead-store.js';
import { mergeLead } from '../../intake/merge-leads.js';
import type { Database, LeadsTable } from './database.js';
import { leadToRow, rowToLead } from './lead-rows.js';
import { inTransaction } from './store-context.js';
import { keysOf, lockKeys, storedTags, tagsOf } from './lead-keys.js';
import type { DraftKeys } from './lead-keys.js';
import type { StoreContext } from './store-context.js';

type Trx = Kysely<Database>;

/**
 * The stored leads holding either key. On PostgreSQL the rows are locked (`FOR UPDATE`) so that a
 * concurrent writer merging into the same lead waits for us instead of overwriting our merge;
 * SQLite has a single writer already.
 */
const findByKeys = (ctx: StoreContext, trx: Trx, keys: DraftKeys): Promise<LeadsTable[]> =>
  trx
    .selectFrom('leads')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(keys.externalId === undefined ? [] : [eb('external_id', '=', keys.externalId)]),
        ...(keys.email === undefined ? [] : [eb('email_normalized', '=', keys.email)]),
        ...(keys.person === undefined ? [] : [eb('person_key', '=', keys.person)]),
      ]),
    )
    .$if(ctx.dialect === 'postgres', (q) => q.forUpdate())
    .execute();

const newLead = (ctx: StoreContext, draft: LeadDraft): Lead => {
  const now = isoNow(ctx.clock);
  const { receivedAt: _receivedAt, ...body } = draft;
  return { id: ctx.newId(), ...body, createdAt: now, updatedAt: now };
};

/**
 * Insert unless a concurrent writer already holds one of the keys (`ON CONFLICT DO NOTHING`
 * waits for that writer to commit); returns whether the row went in.
 */
const tryInsert = async (trx: Trx, row: LeadsTable): Promise<boolean> => {
  const inserted = await trx
    .insertInto('leads')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
};

/** Merge `draft` into the stored lead `target`, unless that would take another lead's email. */
const mergeInto = async (
  ctx: StoreContext,
  trx: Trx,
  target: LeadsTable,
  draft: LeadDraft,
): Promise<UpsertResult> => {
  const merged: Lead = { ...mergeLead(rowToLead(target), draft), updatedAt: isoNow(ctx.clock) };
  const row = leadToRow(merged);
  if (row.email_normalized !== null && row.email_normalized !== target.email_normalized) {
    const owner = await trx
      .selectFrom('leads')
      .select('id')
      .where('email_normalized', '=', row.email_normalized)
      .where('id', '<>', target.id)
      .executeTakeFirst();
    if (owner !== undefined) {
      const error = new AppError('CONFLICT', {
        message: `Lead ${target.id} (external id ${target.external_id ?? '-'}) cannot take email ${row.email_normalized}: lead ${owner.id} already has it. Merge or correct the two records, then import again.`,
        details: { leadId: target.id, conflictsWith: owner.id, email: row.email_normalized },
      });
      return { id: target.id, action: 'conflict', error };
    }
  }
  await trx
    .updateTable('leads')
    .set({
      external_id: row.external_id,
      email_normalized: row.email_normalized,
      company_domain: row.company_domain,
      person_key: row.person_key,
      source: row.source,
      facts: row.facts,
      updated_at: row.updated_at,
    })
    .where('id', '=', target.id)
    .execute();
  return { id: target.id, action: 'updated' };
};

const upsertOne = async (
  ctx: StoreContext,
  trx: Trx,
  draft: LeadDraft,
  keys: DraftKeys,
  maybeStored: boolean,
): Promise<UpsertResult> => {
  if (keys.externalId === undefined && keys.email === undefined && keys.person === undefined) {
    const lead = newLead(ctx, draft);
    await trx.insertInto('leads').values(leadToRow(lead)).execute();
    return { id: lead.id, action: 'created' };
  }
  let rows = maybeStored ? await findByKeys(ctx, trx, keys) : [];
  if (rows.length === 0) {
    const lead = newLead(ctx, draft);
    if (await tryInsert(trx, leadToRow(lead))) return { id: lead.id, action: 'created' };
    rows = await findByKeys(ctx, trx, keys);
  }
  // The external id is the stronger key; the email decides only when it finds nothing.
  const target =
    rows.find((r) => keys.externalId !== undefined && r.external_id === keys.externalId) ??
    rows.find((r) => keys.email !== undefined && r.email_normalized === keys.email) ??
    rows.find((r) => keys.person !== undefined && r.person_key === keys.person);
  if (target === undefined) {
    throw new AppError('INTERNAL', {
      message: `Inserting lead ${keys.externalId ?? keys.email ?? ''} conflicted, yet no lead holds its keys.`,
    });
  }
  return mergeInto(ctx, trx, target, draft);
};

/**
 * Insert or merge `drafts` in one transaction, in order, so that two drafts of one person in the
 * same batch merge. One result per draft; a database failure rolls the whole batch back.
 */
export const upsertLeads = async (
  ctx: StoreContext,
  drafts: readonly LeadDraft[],
): Promise<UpsertResult[]> => {
  if (drafts.length === 0) return [];
  return inTransaction(ctx, `upsert a batch of ${drafts.length} leads`, (trx) =>
    upsertLeadsIn(ctx, trx, drafts),
  );
};

/** `upsertLeads` inside a transaction the caller holds (so that other writes commit with it). */
export const upsertLeadsIn = async (
  ctx: StoreContext,
  trx: Trx,
  drafts: readonly LeadDraft[],
): Promise<UpsertResult[]> => {
  const keys = drafts.map(keysOf);
  if (ctx.dialect === 'postgres') await lockKeys(trx, keys);
  const present = await storedTags(trx, keys);
  const results: UpsertResult[] = [];
  for (const [i, draft] of drafts.entries()) {
    const draftKeys = keys[i] ?? keysOf(draft);
    const tags = tagsOf(draftKeys);
    results.push(
      await upsertOne(
        ctx,
        trx,
        draft,
        draftKeys,
        tags.some((t) => present.has(t)),
      ),
    );
    // Later drafts of the same person must find this one.
    for (const tag of tags) present.add(tag);
  }
  return results;
};
