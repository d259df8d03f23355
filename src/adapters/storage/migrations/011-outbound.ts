import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Outbound campaigns (issue 11): the campaign (its validated file as JSON, its status and why it
 * paused), each target account (reached or skipped, with the reason), each contact (where they
 * are in the sequence, why they stopped, their unsubscribe token), each message (text, the facts
 * it used, status, who approved it, the channel's id once sent), the replies with their class,
 * the suppression list (addresses and whole domains, across campaigns), and the audit log of
 * every message sent and every person's decision.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable('outbound_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pause_reason', 'text')
    .addColumn('prepared_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outbound_accounts')
    .addColumn('campaign_id', 'text', (c) =>
      c.notNull().references('outbound_campaigns.id').onDelete('cascade'),
    )
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('company', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbound_accounts_pk', ['campaign_id', 'domain'])
    .execute();
  await db.schema
    .createTable('outbound_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) =>
      c.notNull().references('outbound_campaigns.id').onDelete('cascade'),
    )
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('lead_id', 'text')
    .addColumn('email', 'text')
    .addColumn('name', 'text')
    .addColumn('persona', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('time_zone', 'text')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('referred_by', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_contacts_campaign')
    .on('outbound_contacts')
    .columns(['campaign_id', 'status'])
    .execute();
  await db.schema.createIndex('outbound_contacts_email').on('outbound_contacts').column('email').execute();
  await db.schema
    .createTable('outbound_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) =>
      c.notNull().references('outbound_campaigns.id').onDelete('cascade'),
    )
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('outbound_contacts.id').onDelete('cascade'),
    )
    .addColumn('step', 'integer', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('channel_message_id', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_messages_queue')
    .on('outbound_messages')
    .columns(['campaign_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('outbound_messages_contact')
    .on('outbound_messages')
    .column('contact_id')
    .execute();
  await db.schema
    .createIndex('outbound_messages_channel_id')
    .on('outbound_messages')
    .column('channel_message_id')
    .execute();
  await db.schema
    .createTable('outbound_replies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) =>
      c.notNull().references('outbound_campaigns.id').onDelete('cascade'),
    )
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('outbound_contacts.id').onDelete('cascade'),
    )
    .addColumn('message_id', 'text')
    .addColumn('channel_message_id', 'text', (c) => c.notNull())
    .addColumn('class', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('follow_up_on', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_replies_campaign')
    .on('outbound_replies')
    .column('campaign_id')
    .execute();
  await db.schema
    .createIndex('outbound_replies_channel_id')
    .on('outbound_replies')
    .columns(['contact_id', 'channel_message_id'])
    .unique()
    .execute();
  await db.schema
    .createTable('outbound_suppressions')
    .addColumn('address', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('outbound_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('recipient', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbound_audit_campaign')
    .on('outbound_audit')
    .columns(['campaign_id', 'at'])
    .execute();
};

/** Drop the outbound tables. */
export const down = async (db: Kysely<any>): Promise<void> => {
  for (const table of [
    'outbound_audit',
    'outbound_suppressions',
    'outbound_replies',
    'outbound_messages',
    'outbound_contacts',
    'outbound_accounts',
    'outbound_campaigns',
  ])
    await db.schema.dropTable(table).execute();
};
