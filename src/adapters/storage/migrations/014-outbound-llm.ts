import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * LLM-written campaign messages and LLM-classified replies (issue 11): each message records
 * whether a model wrote it (which model, which prompt) or why the template was used instead, and
 * each reply who classified it, as JSON; null when no model was configured.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema.alterTable('outbound_messages').addColumn('written_by', 'text').execute();
  await db.schema.alterTable('outbound_replies').addColumn('classified_by', 'text').execute();
};

/** Drop the two columns. */
export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.alterTable('outbound_replies').dropColumn('classified_by').execute();
  await db.schema.alterTable('outbound_messages').dropColumn('written_by').execute();
};
