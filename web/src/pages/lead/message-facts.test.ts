import { describe, expect, it } from 'vitest';
import type { Fact } from '../../types.js';
import { factsByMessage, messageOf } from './message-facts.js';
import type { LeadConversation } from './message-facts.js';

const AT = '2026-11-26T09:00:00.000Z';
const conversation: LeadConversation = {
  id: 'c1',
  channel: 'email',
  status: 'active',
  followUps: [],
  createdAt: AT,
  updatedAt: AT,
  messages: [
    { seq: 1, direction: 'outbound', text: 'Hi! What are you looking for?', at: AT },
    { seq: 2, direction: 'inbound', text: 'Better lead scoring', at: AT, messageId: '<a@x>' },
    { seq: 3, direction: 'outbound', text: 'What budget do you have?', at: AT },
    { seq: 4, direction: 'inbound', text: 'About $50k this year', at: AT },
  ],
};
const said = (messageIndex: number, extra: { conversationId?: string; messageId?: string } = {}) =>
  ({
    value: 'x',
    provenance: {
      source: 'prospect',
      at: AT,
      channel: 'email',
      conversationId: 'c1',
      messageIndex,
      ...extra,
    },
  }) as Fact<unknown>;

describe('which message a prospect fact came from', () => {
  it('counts only the prospect’s messages: their second message is the fourth of the transcript', () => {
    expect(messageOf(conversation, said(2).provenance)?.seq).toBe(4);
    expect(messageOf(conversation, said(1).provenance)?.seq).toBe(2);
  });

  it('prefers the channel’s message id when the transcript has it', () => {
    expect(messageOf(conversation, said(2, { messageId: '<a@x>' }).provenance)?.seq).toBe(2);
  });

  it('places nothing for another conversation, an input fact, or a message not in the transcript', () => {
    expect(messageOf(conversation, said(1, { conversationId: 'c2' }).provenance)).toBeUndefined();
    expect(messageOf(conversation, { source: 'input', at: AT })).toBeUndefined();
    const grouped = factsByMessage(conversation, [{ field: 'need', fact: said(7) }]);
    expect(grouped.unplaced.map((f) => f.field)).toEqual(['need']);
  });

  it('groups the conversation’s answers and the lead’s facts by message, each field once', () => {
    const grouped = factsByMessage({ ...conversation, answers: { budget: said(2), need: said(1) } }, [
      { field: 'budget', fact: said(1) },
      { field: 'person.title', fact: said(2) },
    ]);
    expect(grouped.bySeq.get(2)?.map((f) => f.field)).toEqual(['need']);
    expect(grouped.bySeq.get(4)?.map((f) => f.field)).toEqual(['budget', 'person.title']);
  });
});
