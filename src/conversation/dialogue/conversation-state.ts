import type { Verdict } from '../../domain/decision.js';
import type { Fact } from '../../domain/provenance.js';
import type { Slot } from '../booking/free-slots.js';
import type { Authority, Budget, Need, Timeline } from '../understand/understanding.js';

/** How an answer to a question is read: one of the BANT readers, or the answer's text as given. */
export type SlotKind = 'budget' | 'timeline' | 'authority' | 'need' | 'text';

/** One fact the conversation tries to obtain, and how to ask for it. */
export interface SlotSpec {
  /** `budget`, `need`, … or a criteria fact such as `person.title`. */
  readonly name: string;
  readonly kind: SlotKind;
  readonly question: string;
}

/** What an answer holds, by kind. */
export type SlotValue = Budget | Timeline | Authority | Need | string;

/** A slot's answer: a fact whose provenance names the conversation and the message. */
export type SlotFact = Fact<SlotValue>;

/** A fact the conversation learned, for the caller to store on the lead. */
export interface ConversationFact {
  readonly slot: string;
  readonly fact: SlotFact;
}

/** How a conversation ended. */
export type Ending =
  | { readonly kind: 'booked'; readonly slot: Slot; readonly invite: string }
  | { readonly kind: 'handoff'; readonly reason: string }
  | { readonly kind: 'nurture'; readonly reason: string }
  | { readonly kind: 'closed'; readonly reason: string }
  | { readonly kind: 'opted_out' };
export type EndingKind = Ending['kind'];

/**
 * A conversation with one prospect, as plain data the caller stores between messages. Every
 * transition is `stepConversation(state, message, deps)`; nothing here holds a connection.
 */
export interface ConversationState {
  readonly id: string;
  readonly leadId: string;
  /** `chat`, `email`, `sms`: recorded on every fact. */
  readonly channel: string;
  /** The prospect's IANA time zone: dates they write and slots we offer are read in it. */
  readonly timeZone: string;
  readonly slots: readonly SlotSpec[];
  readonly answers: Readonly<Record<string, SlotFact>>;
  /** How many times each slot was asked. */
  readonly asks: Readonly<Record<string, number>>;
  /** What the last message we sent asked for: a slot name, or `slot_pick` after offering slots. */
  readonly lastAsked?: string;
  readonly offered?: readonly Slot[];
  readonly offers: number;
  /** How many messages the prospect has sent. */
  readonly inbound: number;
  readonly status: 'active' | 'paused' | 'ended';
  /** While paused (out of office): the date (YYYY-MM-DD) to follow up on. */
  readonly pausedUntil?: string;
  readonly ending?: Ending;
  /** Questions the knowledge base could not answer: a person follows up on each. */
  readonly followUps: readonly string[];
  readonly injectionAttempts: number;
  /** The verdict after the last answer. */
  readonly verdict?: Verdict;
}
