import type { Seniority } from '../../domain/lead.js';

/** Where in the message an extraction was read: character offsets (end exclusive) and the text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** One thing read from a message, how sure the reader is (0..1) and the text it came from. */
export interface Extraction<T> {
  readonly value: T;
  readonly confidence: number;
  readonly span: Span;
}

/**
 * A budget: an amount or range (`max` absent for "at least …"; `min` 0 for "up to …") in a
 * currency when one was named, or `none` for "we don't have a budget yet".
 */
export type Budget =
  | {
      readonly kind: 'amount';
      readonly min: number;
      readonly max?: number;
      /** ISO 4217 code, when the prospect named or implied one. */
      readonly currency?: string;
      readonly approximate: boolean;
    }
  | { readonly kind: 'none' };

/**
 * When the prospect wants a solution: `asap`, a dated window (`from`/`to` as YYYY-MM-DD, either
 * may be open), or `none` ("no plans", "just looking").
 */
export interface Timeline {
  readonly horizon: 'asap' | 'dated' | 'none';
  readonly from?: string;
  readonly to?: string;
}

/**
 * Who decides: the prospect (`decision_maker`), someone else who signs off (`influencer`, with
 * the approver when named), or a group (`committee`). `title` is the prospect's own role.
 */
export interface Authority {
  readonly role: 'decision_maker' | 'influencer' | 'committee' | 'unknown';
  readonly title?: string;
  readonly seniority?: Seniority;
  readonly approver?: string;
}

/** What the prospect needs: a short phrase in their words and its key words. */
export interface Need {
  readonly summary: string;
  readonly keywords: readonly string[];
}

/** What a message is doing besides answering. */
export const INTENTS = [
  'opt_out',
  'out_of_office',
  'not_interested',
  'hostile',
  'wants_human',
  'wants_meeting',
  'pricing_question',
  'product_question',
  'slot_pick',
  'greeting',
  'injection',
] as const;
export type Intent = (typeof INTENTS)[number];

/** An intent, its confidence and span; `returnDate` (YYYY-MM-DD) for an out-of-office reply. */
export interface IntentExtraction extends Extraction<Intent> {
  readonly returnDate?: string;
}

/** The slots the extractor knows how to read. */
export const BANT_SLOTS = ['need', 'timeline', 'authority', 'budget'] as const;
export type BantSlot = (typeof BANT_SLOTS)[number];

/** Everything read from one prospect message. */
export interface Understanding {
  readonly budget?: Extraction<Budget>;
  readonly timeline?: Extraction<Timeline>;
  readonly authority?: Extraction<Authority>;
  readonly need?: Extraction<Need>;
  readonly intents: readonly IntentExtraction[];
}

/**
 * What the reader knows around the message: the time it arrived, the prospect's time zone, and
 * what was just asked (a terse "30k" is a budget only because the budget was asked for).
 */
export interface UnderstandContext {
  readonly now: Date;
  readonly timeZone?: string;
  readonly expecting?: BantSlot | 'slot_pick' | 'other';
}

/** The span of `text` between `start` and `end`. */
export const spanOf = (text: string, start: number, end: number): Span => ({
  start,
  end,
  text: text.slice(start, end),
});
