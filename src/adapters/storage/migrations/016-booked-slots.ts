import type { Kysely } from 'kysely';

// Migrations take `Kysely<any>` (see 001-initial.ts): they must keep working as the schema moves on.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Meetings booked by conversations, one row per rep and slot start (issue 9): the primary key is
 * what refuses a second conversation booking a slot another booked at the same instant. The
 * meetings booked before it are copied in (the first conversation to have booked a slot keeps it).
 * And when sending an outbound conversation message started (`send_started_at`): a delivery
 * that finds it set after a crash knows the prospect may already have the message.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema.alterTable('conversation_messages').addColumn('send_started_at', 'text').execute();
  await db.schema
    .createTable('booked_slots')
    .addColumn('rep_id', 'text', (c) => c.notNull())
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('booked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('booked_slots_pk', ['rep_id', 'slot_start'])
    .execute();
  await db.schema
    .createIndex('booked_slots_conversation')
    .on('booked_slots')
    .column('conversation_id')
    .execute();
  const booked = await db
    .selectFrom('conversations')
    .select(['id', 'state', 'updated_at'])
    .where('ending', '=', 'booked')
    .orderBy('updated_at')
    .orderBy('id')
    .execute();
  for (const row of booked as { id: string; state: string; updated_at: string }[]) {
    const ending = (JSON.parse(row.state) as { ending?: { kind?: string; slot?: Record<string, unknown> } })
      .ending;
    const slot = ending?.kind === 'booked' ? ending.slot : undefined;
    if (typeof slot?.['repId'] !== 'string' || typeof slot['start'] !== 'string') continue;
    await db
      .insertInto('booked_slots')
      .values({
        rep_id: slot['repId'],
        slot_start: slot['start'],
        slot_end: typeof slot['end'] === 'string' ? slot['end'] : slot['start'],
        conversation_id: row.id,
        booked_at: row.updated_at,
      })
      .onConflict((oc) => oc.columns(['rep_id', 'slot_start']).doNothing())
      .execute();
  }
};

export const down = async (db: Kysely<any>): Promise<void> => {
  await db.schema.dropTable('booked_slots').execute();
  await db.schema.alterTable('conversation_messages').dropColumn('send_started_at').execute();
};
