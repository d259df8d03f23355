import type {
  ConversationRecord,
  ConversationStore,
  StoredMessage,
  TranscriptMessage,
} from '../conversation/conversation-store.js';
import type { ConversationState } from '../conversation/dialogue/conversation-state.js';
import { AppError } from '../domain/app-error.js';

/** What a staged conversation came to: its last state and every message it stored, in order. */
export interface StagedConversation {
  readonly state: ConversationState;
  readonly messages: readonly TranscriptMessage[];
}

/**
 * A conversation store that keeps the turns of one new conversation in memory instead of
 * writing them (other conversations are read from `store`): the agent opens and answers it as
 * usual, and the caller then writes what it came to in its own transaction, together with what
 * else must commit with it. Versions are checked as the real store checks them.
 */
export const stageConversation = (
  store: ConversationStore,
  id: string,
  at: string,
): { readonly store: ConversationStore; staged(): StagedConversation | undefined } => {
  let record: ConversationRecord | undefined;
  const messages: TranscriptMessage[] = [];
  return {
    store: {
      load: async (wanted) => (wanted === id ? record : store.load(wanted)),
      save: async (state, expectedVersion, added, jobs) => {
        // Jobs must commit with the turn; the caller's transaction has no place for them yet, so
        // a staged turn that brings any is refused rather than losing them.
        if (jobs !== undefined && jobs.length > 0)
          throw new AppError('INTERNAL', {
            message: `a staged conversation (${id}) cannot carry jobs: ${jobs.map((j) => j.kind).join(', ')}`,
          });
        if (state.id !== id || (record?.version ?? 0) !== expectedVersion)
          throw new AppError('CONFLICT', {
            message: `conversation ${state.id} is not the one being staged at version ${expectedVersion}`,
            details: { conversationId: state.id, expectedVersion },
          });
        record = { state, version: expectedVersion + 1, createdAt: record?.createdAt ?? at, updatedAt: at };
        messages.push(...added);
        return record.version;
      },
      transcript: async (wanted) =>
        wanted === id
          ? messages.map((m, i): StoredMessage => ({ ...m, seq: i + 1 }))
          : store.transcript(wanted),
      ofLead: (leadId) => store.ofLead(leadId),
    },
    staged: () => (record === undefined ? undefined : { state: record.state, messages }),
  };
};
