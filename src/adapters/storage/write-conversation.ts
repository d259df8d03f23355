import type { Kysely } from 'kysely';
import type { ConversationLink } from '../../channels/channel-store.js';
import type { TranscriptMessage } from '../../conversation/conversation-store.js';
import type { ConversationState } from '../../conversation/dialogue/conversation-state.js';
import { AppError } from '../../domain/app-error.js';
import type { ConversationLinksTable } from './kysely-channel-store.js';
import type { ConversationMessagesTable, ConversationsTable } from './kysely-conversation-store.js';

// A type alias, not an interface: withTables needs an index-compatible record type.
type Tables = {
  conversations: ConversationsTable;
  conversation_messages: ConversationMessagesTable;
  conversation_links: ConversationLinksTable;
};

/**
 * Writes a new conversation inside the caller's transaction: its state (version 1), its
 * transcript in order, and its link to the channel (migrations 007 and 008), so that another
 * store's change — a campaign reply marked handled — commits with it or not at all. A
 * conversation of that id stored already is a CONFLICT (the transaction rolls back).
 */
export const writeConversation = async <DB>(
  // Any Kysely bound to the transaction: the conversation tables are added to its view.
  tx: Kysely<DB>,
  state: ConversationState,
  messages: readonly TranscriptMessage[],
  link: ConversationLink,
  at: string,
): Promise<void> => {
  const db = tx.withTables<Tables>() as unknown as Kysely<Tables>;
  const inserted = await db
    .insertInto('conversations')
    .values({
      id: state.id,
      lead_id: state.leadId,
      channel: state.channel,
      status: state.status,
      ending: state.ending?.kind ?? null,
      state: JSON.stringify(state),
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
    throw new AppError('CONFLICT', {
      message: `conversation ${state.id} exists already; it cannot be opened again`,
      details: { conversationId: state.id },
    });
  if (messages.length > 0)
    await db
      .insertInto('conversation_messages')
      .values(
        messages.map((m, i) => ({
          conversation_id: state.id,
          seq: i + 1,
          direction: m.direction,
          body: m.text,
          message_id: m.messageId ?? null,
          at: m.at,
          author: m.author ?? null,
        })),
      )
      .execute();
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
      taken_over_by: null,
      taken_over_at: null,
      created_at: link.createdAt,
    })
    .onConflict((oc) => oc.column('conversation_id').doNothing())
    .execute();
};
