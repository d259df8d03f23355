import type { Fact, Provenance } from '../../types.js';

/** A stored message of a conversation, as GET /v1/leads/:id returns it. */
export interface TranscriptMessage {
  readonly seq: number;
  readonly direction: 'inbound' | 'outbound';
  readonly text: string;
  readonly at: string;
  readonly messageId?: string;
}

/** A lead's conversation with its transcript (and, when the API sends them, the answers it read). */
export interface LeadConversation {
  readonly id: string;
  readonly channel: string;
  readonly status: 'active' | 'paused' | 'ended';
  readonly ending?: { readonly kind: string; readonly reason?: string };
  readonly pausedUntil?: string;
  readonly followUps: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly messages: readonly TranscriptMessage[];
  readonly answers?: Readonly<Record<string, Fact<unknown>>>;
}

/** A fact the prospect gave, named by its field (`budget`, `person.title`). */
export interface SaidFact {
  readonly field: string;
  readonly fact: Fact<unknown>;
}

type Prospect = Provenance & { source: 'prospect' };

/**
 * The message a prospect fact was read from: the one with its channel message id when both have
 * one, else the prospect's `messageIndex`-th inbound message (the conversation counts only the
 * prospect's messages). Undefined when the fact names another conversation or no such message.
 */
export const messageOf = (
  conversation: Pick<LeadConversation, 'id' | 'messages'>,
  provenance: Provenance,
): TranscriptMessage | undefined => {
  if (provenance.source !== 'prospect' || provenance.conversationId !== conversation.id) return undefined;
  const p: Prospect = provenance;
  const byId =
    p.messageId === undefined ? undefined : conversation.messages.find((m) => m.messageId === p.messageId);
  if (byId !== undefined) return byId;
  if (p.messageIndex === undefined) return undefined;
  return conversation.messages.filter((m) => m.direction === 'inbound')[p.messageIndex - 1];
};

/**
 * The prospect's facts of one conversation grouped by the `seq` of the message each was read
 * from: the conversation's own answers first, then the lead's facts saying they came from it
 * (the same field once). Facts whose message is not in the transcript are under `unplaced`.
 */
export const factsByMessage = (
  conversation: LeadConversation,
  leadFacts: readonly SaidFact[],
): { readonly bySeq: ReadonlyMap<number, SaidFact[]>; readonly unplaced: SaidFact[] } => {
  const bySeq = new Map<number, SaidFact[]>();
  const unplaced: SaidFact[] = [];
  const seen = new Set<string>();
  const answers = Object.entries(conversation.answers ?? {}).map(([field, fact]) => ({ field, fact }));
  for (const said of [...answers, ...leadFacts]) {
    const p = said.fact.provenance;
    if (p.source !== 'prospect' || p.conversationId !== conversation.id || seen.has(said.field)) continue;
    seen.add(said.field);
    const message = messageOf(conversation, p);
    if (message === undefined) unplaced.push(said);
    else bySeq.set(message.seq, [...(bySeq.get(message.seq) ?? []), said]);
  }
  return { bySeq, unplaced };
};
