import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Conversations with prospects (issue 9): one row per conversation with its state as JSON text
 * and a version for optimistic concurrency, and its transcript, one row per message in order.
 * `status` and `ending` repeat the state's so that open or booked conversations can be listed by
 * index; both go when their lead is deleted.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('lead_id', 'text', (c) => c.notNull().references('leads.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ending', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversations_lead_id').on('conversations').column('lead_id').execute();
  await db.schema
    .createIndex('conversations_status')
    .on('conversations')
    .columns(['status', 'updated_at'])
    .execute();
  await db.schema
    .createTable('conversation_messages')
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_messages_pk', ['conversation_id', 'seq'])
    .execute();
};

/** Drop the transcripts and the conversations. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('conversation_messages').execute();
  await db.schema.dropTable('conversations').execute();
};
