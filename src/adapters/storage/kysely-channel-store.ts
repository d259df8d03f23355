import type { Kysely } from 'kysely';
import type { Channel } from '../../channels/channel-message.js';
import type { ChannelStore, ConversationLink } from '../../channels/channel-store.js';
import type { Database } from './database.js';
import type {
  BookedSlotsTable,
  ConversationMessagesTable,
  ConversationsTable,
} from './kysely-conversation-store.js';
import { guard } from './storage-error.js';

/** One conversation's channel (migration 008). */
export type ConversationLinksTable = {
  conversation_id: string;
  lead_id: string;
  channel: string;
  address: string | null;
  subject: string | null;
  session_hash: string | null;
  opened_by: string;
  taken_over_by: string | null;
  taken_over_at: string | null;
  created_at: string;
};

/** Migration 016: when sending an outbound message started (read and written here only). */
type MessagesWithSending = ConversationMessagesTable & { send_started_at: string | null };

// A type alias, not an interface: withTables needs an index-compatible record type.
type ChannelTables = {
  conversations: ConversationsTable;
  conversation_messages: MessagesWithSending;
  conversation_links: ConversationLinksTable;
  booked_slots: BookedSlotsTable;
};

const linkOf = (row: ConversationLinksTable): ConversationLink => ({
  conversationId: row.conversation_id,
  leadId: row.lead_id,
  channel: row.channel as Channel,
  ...(row.address === null ? {} : { address: row.address }),
  ...(row.subject === null ? {} : { subject: row.subject }),
  ...(row.session_hash === null ? {} : { sessionHash: row.session_hash }),
  openedBy: row.opened_by,
  ...(row.taken_over_by === null ? {} : { takenOverBy: row.taken_over_by }),
  ...(row.taken_over_at === null ? {} : { takenOverAt: row.taken_over_at }),
  createdAt: row.created_at,
});

/** The channel store on the leadsift database (SQLite or PostgreSQL). */
export const kyselyChannelStore = (database: Kysely<Database>): ChannelStore => {
  const db = database.withTables<ChannelTables>();
  const links = () => db.selectFrom('conversation_links').selectAll();
  return {
    addLink: (link) =>
      guard(`link conversation ${link.conversationId}`, async () => {
        await db
          .insertInto('conversation_links')
          .values({
            conversation_id: link.conversationId,
            lead_id: link.leadId,
            channel: link.channel,
            address: link.address ?? null,
            subject: link.subject ?? null,
            session_hash: link.sessionHash ?? null,
            opened_by: link.openedBy,
            taken_over_by: link.takenOverBy ?? null,
            taken_over_at: link.takenOverAt ?? null,
            created_at: link.createdAt,
          })
          .onConflict((oc) => oc.column('conversation_id').doNothing())
          .execute();
      }),
    link: (id) =>
      guard(`read the channel of conversation ${id}`, async () => {
        const row = await links().where('conversation_id', '=', id).executeTakeFirst();
        return row === undefined ? undefined : linkOf(row);
      }),
    linksOfLead: (leadId) =>
      guard(`list the channels of lead ${leadId}`, async () =>
        (await links().where('lead_id', '=', leadId).orderBy('created_at').execute()).map(linkOf),
      ),
    bySession: (hash) =>
      guard('find a chat session', async () => {
        const row = await links().where('session_hash', '=', hash).executeTakeFirst();
        return row === undefined ? undefined : linkOf(row);
      }),
    latestByAddress: (channel, address) =>
      guard(`find the conversation with ${address}`, async () => {
        const row = await links()
          .where('channel', '=', channel)
          .where('address', '=', address)
          .orderBy('created_at', 'desc')
          .executeTakeFirst();
        return row === undefined ? undefined : linkOf(row);
      }),
    byMessageIds: (ids) =>
      guard('thread a reply to its conversation', async () => {
        if (ids.length === 0) return undefined;
        const rows = await db
          .selectFrom('conversation_messages')
          .select(['conversation_id', 'message_id'])
          .where('message_id', 'in', [...ids])
          .execute();
        // The nearest id (In-Reply-To) wins over older References.
        for (const id of ids) {
          const hit = rows.find((r) => r.message_id === id);
          if (hit !== undefined) return hit.conversation_id;
        }
        return undefined;
      }),
    hasMessage: (conversationId, messageId) =>
      guard(`look for message ${messageId}`, async () => {
        const row = await db
          .selectFrom('conversation_messages')
          .select('seq')
          .where('conversation_id', '=', conversationId)
          .where('message_id', '=', messageId)
          .executeTakeFirst();
        return row !== undefined;
      }),
    pending: (conversationId) =>
      guard(`list the unsent messages of conversation ${conversationId}`, async () => {
        const rows = await db
          .selectFrom('conversation_messages')
          .select(['seq', 'body', 'at', 'send_started_at'])
          .where('conversation_id', '=', conversationId)
          .where('direction', '=', 'outbound')
          .where('message_id', 'is', null)
          .orderBy('seq')
          .execute();
        return rows.map((r) => ({
          seq: Number(r.seq),
          text: r.body,
          at: r.at,
          ...(r.send_started_at === null ? {} : { sendStartedAt: r.send_started_at }),
        }));
      }),
    markSending: (conversationId, seqs, at) =>
      guard(`record that conversation ${conversationId} is sending`, async () => {
        if (seqs.length === 0) return;
        await db
          .updateTable('conversation_messages')
          .set({ send_started_at: at })
          .where('conversation_id', '=', conversationId)
          .where('seq', 'in', [...seqs])
          .where('send_started_at', 'is', null)
          .execute();
      }),
    markSent: (conversationId, seq, messageId) =>
      guard(`record message ${seq} of conversation ${conversationId} as sent`, async () => {
        await db
          .updateTable('conversation_messages')
          .set({ message_id: messageId })
          .where('conversation_id', '=', conversationId)
          .where('seq', '=', seq)
          .execute();
      }),
    setTakeover: (conversationId, by, at) =>
      guard(`hand conversation ${conversationId} over`, async () => {
        await db
          .updateTable('conversation_links')
          .set({ taken_over_by: by ?? null, taken_over_at: by === undefined ? null : at })
          .where('conversation_id', '=', conversationId)
          .execute();
      }),
    agentOpenedSince: (channel, since) =>
      guard('count the conversations the agent opened', async () => {
        const row = await db
          .selectFrom('conversation_links')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('channel', '=', channel)
          .where('opened_by', '=', 'agent')
          .where('created_at', '>=', since)
          .executeTakeFirst();
        return Number(row?.n ?? 0);
      }),
    bookedSince: (since) =>
      // The slots the store guards (migration 016), so that what is offered is what can be booked.
      guard('read the meetings conversations booked', async () => {
        const rows = await db
          .selectFrom('booked_slots')
          .select(['rep_id', 'slot_start', 'slot_end'])
          .where('slot_end', '>', since)
          .orderBy('slot_start')
          .execute();
        return rows.map((r) => ({ repId: r.rep_id, start: r.slot_start, end: r.slot_end }));
      }),
  };
};
