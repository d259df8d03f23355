import type { Extraction, Understanding } from '../understand/understanding.js';
import type { ConversationFact, ConversationState, SlotSpec, SlotValue } from './conversation-state.js';

/** Extractions below this confidence are not stored as facts. */
export const MIN_CONFIDENCE = 0.5;

/** Where and when a message was read, for the facts' provenance. */
export interface MessageOrigin {
  readonly at: string;
  readonly messageIndex: number;
  readonly messageId?: string;
}

const fromUnderstanding = (spec: SlotSpec, u: Understanding): Extraction<SlotValue> | undefined => {
  switch (spec.kind) {
    case 'budget':
      return u.budget;
    case 'timeline':
      return u.timeline;
    case 'authority':
      return u.authority;
    case 'need':
      return u.need;
    case 'text':
      return undefined;
  }
};

/**
 * A free-text answer to a question we just asked (a criteria fact such as `company.name`): the
 * first sentence, when the message is not doing something else (asking, objecting, opting out).
 */
const textAnswer = (spec: SlotSpec, text: string, u: Understanding): Extraction<SlotValue> | undefined => {
  if (spec.name === 'person.title' && u.authority?.value.title !== undefined)
    return { value: u.authority.value.title, confidence: 0.8, span: u.authority.span };
  if (u.intents.some((i) => i.value !== 'greeting') || text.includes('?')) return undefined;
  const m = /\S[^.!?\n]{0,159}/.exec(text.replace(/^\W*(?:hi|hello|hey|thanks|thank you)\b\W*/i, ''));
  if (m === null) return undefined;
  const start = text.indexOf(m[0]);
  return { value: m[0].trim(), confidence: 0.5, span: { start, end: start + m[0].length, text: m[0] } };
};

/**
 * The facts a message gives for the conversation's slots: each slot's extraction (or, for the
 * slot just asked, a plain text answer) when it is sure enough and surer than what is known.
 */
export const readAnswers = (
  state: ConversationState,
  u: Understanding,
  text: string,
  origin: MessageOrigin,
): ConversationFact[] => {
  const facts: ConversationFact[] = [];
  for (const spec of state.slots) {
    const found =
      spec.kind === 'text'
        ? spec.name === state.lastAsked
          ? textAnswer(spec, text, u)
          : undefined
        : fromUnderstanding(spec, u);
    if (found === undefined || found.confidence < MIN_CONFIDENCE) continue;
    const known = state.answers[spec.name];
    const knownConfidence =
      known?.provenance.source === 'prospect'
        ? (known.provenance.confidence ?? 1)
        : known === undefined
          ? 0
          : 1;
    if (found.confidence <= knownConfidence) continue;
    facts.push({
      slot: spec.name,
      fact: {
        value: found.value,
        raw: found.span.text,
        provenance: {
          source: 'prospect',
          at: origin.at,
          channel: state.channel,
          conversationId: state.id,
          messageIndex: origin.messageIndex,
          confidence: found.confidence,
          ...(origin.messageId === undefined ? {} : { messageId: origin.messageId }),
        },
      },
    });
  }
  return facts;
};
