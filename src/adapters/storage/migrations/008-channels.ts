import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Conversations joined to their channels (issue 9): per conversation, the prospect's address
 * on its channel (email, phone, or none for chat), the email thread's subject, the hash of the
 * chat session's token, and who took it over from the agent. Transcript messages are found by
 * their channel id (replies thread by In-Reply-To, retried webhooks are recognised by it), and
 * an outbound message a person wrote names them (`author`; the agent's have none).
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('conversation_links')
    .addColumn('conversation_id', 'text', (c) =>
      c.primaryKey().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('subject', 'text')
    .addColumn('session_hash', 'text', (c) => c.unique())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('taken_over_by', 'text')
    .addColumn('taken_over_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('conversation_links_address')
    .on('conversation_links')
    .columns(['channel', 'address', 'created_at'])
    .execute();
  await db.schema
    .createIndex('conversation_links_lead')
    .on('conversation_links')
    .columns(['lead_id', 'created_at'])
    .execute();
  await db.schema.alterTable('conversation_messages').addColumn('author', 'text').execute();
  await db.schema
    .createIndex('conversation_messages_message_id')
    .on('conversation_messages')
    .column('message_id')
    .execute();
};

/** Drop the links and the message-id index. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropIndex('conversation_messages_message_id').execute();
  await db.schema.alterTable('conversation_messages').dropColumn('author').execute();
  await db.schema.dropTable('conversation_links').execute();
};
