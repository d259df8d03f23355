import type { Kysely } from 'kysely';
import { AppError } from '../../domain/app-error.js';
import type { Clock } from '../../domain/clock.js';
import { isoNow } from '../../domain/clock.js';
import type {
  ConversationRecord,
  ConversationStore,
  StoredMessage,
  TranscriptMessage,
} from '../../conversation/conversation-store.js';
import type { ConversationState } from '../../conversation/dialogue/conversation-state.js';
import type { Database } from './database.js';
import { jobRows } from './kysely-job-queue.js';
import { createIdGenerator } from './new-id.js';
import { guard } from './storage-error.js';
import { inTransaction, type StoreDialect } from './store-context.js';

/** One conversation (migration 007). */
export type ConversationsTable = {
  id: string;
  lead_id: string;
  channel: string;
  status: string;
  ending: string | null;
  /** The `ConversationState` as JSON text. */
  state: string;
  version: number;
  created_at: string;
  updated_at: string;
};

/** One message of a transcript (migration 007). */
export type ConversationMessagesTable = {
  conversation_id: string;
  seq: number;
  direction: string;
  body: string;
  message_id: string | null;
  at: string;
  /** Migration 008: the person who wrote an outbound message; null for the agent and the prospect. */
  author: string | null;
};

/** A meeting a conversation booked: one per rep and slot start (migration 016). */
export type BookedSlotsTable = {
  rep_id: string;
  slot_start: string;
  slot_end: string;
  conversation_id: string;
  booked_at: string;
};

// A type alias, not an interface: withTables needs an index-compatible record type.
type ConversationTables = {
  conversations: ConversationsTable;
  conversation_messages: ConversationMessagesTable;
  booked_slots: BookedSlotsTable;
};

const record = (row: ConversationsTable): ConversationRecord => ({
  state: JSON.parse(row.state) as ConversationState,
  version: row.version,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const stale = (id: string, expected: number): AppError =>
  new AppError('CONFLICT', {
    message: `conversation ${id} changed since version ${expected} was read; load it again and redo the turn`,
    details: { conversationId: id, expectedVersion: expected },
  });

const slotTaken = (id: string, slot: { repId: string; start: string }, holder: string): AppError =>
  new AppError('CONFLICT', {
    message: `conversation ${id} cannot book ${slot.start} with ${slot.repId}: conversation ${holder} booked it first; offer the next free slots`,
    details: { conversationId: id, slotTaken: true, repId: slot.repId, start: slot.start },
  });

/**
 * The conversation store on the leadsift database (SQLite or PostgreSQL). `newId` names the jobs
 * a save enqueues (the store's own id source; a fresh one when none is given).
 */
export const kyselyConversationStore = (
  database: Kysely<Database>,
  dialect: StoreDialect,
  clock: Clock,
  newId: () => string = createIdGenerator(clock),
): ConversationStore => {
  const db = database.withTables<ConversationTables>();
  const ctx = { db: database, dialect, clock, newId };
  return {
    load: (id) =>
      guard(`load conversation ${id}`, async () => {
        const row = await db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : record(row);
      }),
    save: (state, expectedVersion, messages, jobs = []) =>
      inTransaction(ctx, `save conversation ${state.id}`, async (trx) => {
        const tx = trx.withTables<ConversationTables>();
        const now = isoNow(clock);
        const row = {
          status: state.status,
          ending: state.ending?.kind ?? null,
          state: JSON.stringify(state),
          version: expectedVersion + 1,
          updated_at: now,
        };
        if (expectedVersion === 0) {
          const inserted = await tx
            .insertInto('conversations')
            .values({ id: state.id, lead_id: state.leadId, channel: state.channel, created_at: now, ...row })
            .onConflict((oc) => oc.column('id').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw stale(state.id, expectedVersion);
        } else {
          const updated = await tx
            .updateTable('conversations')
            .set(row)
            .where('id', '=', state.id)
            .where('version', '=', expectedVersion)
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw stale(state.id, expectedVersion);
        }
        if (messages.length > 0) {
          const last = await tx
            .selectFrom('conversation_messages')
            .select((eb) => eb.fn.max('seq').as('seq'))
            .where('conversation_id', '=', state.id)
            .executeTakeFirst();
          const first = Number(last?.seq ?? 0) + 1;
          await tx
            .insertInto('conversation_messages')
            .values(
              messages.map((m: TranscriptMessage, i) => ({
                conversation_id: state.id,
                seq: first + i,
                direction: m.direction,
                body: m.text,
                message_id: m.messageId ?? null,
                at: m.at,
                author: m.author ?? null,
              })),
            )
            .execute();
        }
        const ending = state.ending;
        if (ending?.kind === 'booked') {
          // The key (rep, start) refuses a second conversation; the same one saving again keeps it.
          await tx
            .insertInto('booked_slots')
            .values({
              rep_id: ending.slot.repId,
              slot_start: ending.slot.start,
              slot_end: ending.slot.end,
              conversation_id: state.id,
              booked_at: now,
            })
            .onConflict((oc) => oc.columns(['rep_id', 'slot_start']).doNothing())
            .execute();
          const holder = await tx
            .selectFrom('booked_slots')
            .select('conversation_id')
            .where('rep_id', '=', ending.slot.repId)
            .where('slot_start', '=', ending.slot.start)
            .executeTakeFirst();
          if (holder !== undefined && holder.conversation_id !== state.id)
            throw slotTaken(state.id, ending.slot, holder.conversation_id);
        }
        if (jobs.length > 0) await trx.insertInto('jobs').values(jobRows(ctx, jobs)).execute();
        return expectedVersion + 1;
      }),
    transcript: (id) =>
      guard(`read the transcript of conversation ${id}`, async () => {
        const rows = await db
          .selectFrom('conversation_messages')
          .selectAll()
          .where('conversation_id', '=', id)
          .orderBy('seq')
          .execute();
        return rows.map((r): StoredMessage => ({
          seq: Number(r.seq),
          direction: r.direction === 'inbound' ? 'inbound' : 'outbound',
          text: r.body,
          at: r.at,
          ...(r.message_id === null ? {} : { messageId: r.message_id }),
          ...(r.author === null ? {} : { author: r.author }),
        }));
      }),
    ofLead: (leadId) =>
      guard(`list the conversations of lead ${leadId}`, async () => {
        const rows = await db
          .selectFrom('conversations')
          .selectAll()
          .where('lead_id', '=', leadId)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        return rows.map(record);
      }),
  };
};
