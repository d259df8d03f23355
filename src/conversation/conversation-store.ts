import type { NewJob } from '../jobs/job-queue.js';
import type { ConversationState } from './dialogue/conversation-state.js';

/** One message of a transcript, in or out. */
export interface TranscriptMessage {
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly at: string;
  /** The channel's own id (email Message-ID, SMS sid), when it has one. */
  readonly messageId?: string;
  /** The person who wrote an outbound message after taking the conversation over; absent for the agent's. */
  readonly author?: string;
}

/** A stored message: its 1-based place in the conversation. */
export interface StoredMessage extends TranscriptMessage {
  readonly seq: number;
}

/** A stored conversation: its state and the version a writer must name to change it. */
export interface ConversationRecord {
  readonly state: ConversationState;
  /** 1 after the first save, one more after each; a save naming an older version is refused. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * Where conversations and their transcripts are kept (the port; the store implements it).
 * A turn is saved at once — the new state and its messages — and only over the version it was
 * computed from, so that two workers answering the same conversation cannot both win.
 */
export interface ConversationStore {
  load(id: string): Promise<ConversationRecord | undefined>;
  /**
   * Saves `state` with `messages` appended to its transcript, over `expectedVersion` (0 for a new
   * conversation); returns the new version. A stale version is a CONFLICT and writes nothing.
   * `jobs` (a message's delivery, a booking's invitation) are enqueued in the same transaction:
   * they exist exactly when the turn does, so a crash cannot leave a stored message unsent.
   * A state that ends `booked` claims its rep's slot (migration 016): when another conversation
   * holds it, nothing is written and the error is a CONFLICT with `details.slotTaken` true.
   */
  save(
    state: ConversationState,
    expectedVersion: number,
    messages: readonly TranscriptMessage[],
    jobs?: readonly NewJob[],
  ): Promise<number>;
  /** The transcript, oldest first. */
  transcript(id: string): Promise<StoredMessage[]>;
  /** A lead's conversations, oldest first. */
  ofLead(leadId: string): Promise<ConversationRecord[]>;
}
