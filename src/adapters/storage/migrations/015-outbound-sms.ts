import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Campaigns over SMS (issue 11): an inbound text names only the sender's number, so the campaign
 * contact who sent it is found through the messages addressed to that number — by recipient.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createIndex('outbound_messages_recipient')
    .on('outbound_messages')
    .column('recipient')
    .execute();
};

export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropIndex('outbound_messages_recipient').execute();
};
