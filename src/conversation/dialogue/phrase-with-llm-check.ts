import { detectIntents } from '../understand/detect-intents.js';
import type { SlotKind } from './conversation-state.js';

/** What a phrasing is checked against: the slot it must ask about, the template, what may be echoed. */
export interface PhrasingGround {
  readonly kind: SlotKind;
  /** The engine's own question: its words, numbers and dates are always allowed. */
  readonly template: string;
  /** Facts the phrasing may mention (the prospect's name, company, earlier answers). */
  readonly known: readonly string[];
  /** The prospect's last message: data, whose words must not come back as the agent's. */
  readonly lastMessage?: string;
}

export const MAX_PHRASING_CHARS = 300;

// Each BANT slot's own vocabulary: a phrasing must still ask about its slot.
const SLOT_WORDS: Readonly<Record<Exclude<SlotKind, 'text'>, RegExp>> = {
  budget: /\b(?:budget\w*|spend\w*|invest\w*|afford\w*|price range|cost\w*|money|funds?|funding)\b/i,
  timeline: /\b(?:when|timeline|time ?frame|timing|deadline|how soon|by what date|in place)\b/i,
  authority: /\b(?:who|decid\w*|decision\w*|sign\w* off|approv\w*|involved|your call)\b/i,
  need: /\b(?:problem\w*|need\w*|challeng\w*|solve|pain\w*|goals?|looking (?:for|to)|what made|hoping|struggl\w*|issues?)\b/i,
};
const MONEY = SLOT_WORDS.budget;
const URL = /https?:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|io|net|org|ai|co|dev|app|info|biz|xyz)\b|@/i;
const NUMBER = /\d(?:[\d,.]*\d)?/g;
const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half)\b|[$€£¥%]|\b(?:usd|eur|gbp|dollars?|euros?|pounds?|percent)\b/gi;
const DATE_WORD =
  /\b(?:january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|yesterday|(?:next|this|last) (?:week|month|quarter|year)|end of (?:the )?\w+|q[1-4]|eo[qym])\b/gi;
const CLAIM =
  /\b(?:we|leadsift|our (?:product|platform|tool|solution|software))\s+(?:can|will|does|offers?|integrates?|guarantees?|supports?|includes?|provides?|helps?|lets?|saves?|cuts?|boosts?|increases?|is|are|has|have)\b|\b(?:guarantee\w*|for free|free (?:trial|plan|tier|version)|discount\w*|roi|cheapest|fastest|integrat\w*|compliant|gdpr|soc ?2|features?)\b/gi;
const INSTRUCTION = /\b(?:instructions?|prompts?|system|as an ai|language model|assistant|ceo)\b/gi;
const ECHO_WORDS = 4;

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** The runs of `n` consecutive words of `text`. */
const shingles = (text: string, n: number): Set<string> => {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
};

/** The matches of `pattern` in `text` that `allowed` does not contain. */
const foreign = (text: string, pattern: RegExp, allowed: string): string[] =>
  (text.match(pattern) ?? []).filter((m) => !allowed.includes(m.toLowerCase()));

const STOP = new Set(['could', 'would', 'tell', 'your', 'what', 'which', 'that', 'this', 'with', 'about']);

/** A custom question's subject: its words of four letters or more, beyond the politeness. */
const subjectWords = (template: string): string[] =>
  words(template).filter((w) => w.length >= 4 && !STOP.has(w));

/** Why the phrasing does not ask about its slot, or undefined. */
const offSlot = (phrasing: string, ground: PhrasingGround): string | undefined => {
  if (ground.kind === 'text') {
    const asked = new Set(words(phrasing));
    return subjectWords(ground.template).some((w) => asked.has(w))
      ? undefined
      : 'it does not ask about what the question asks';
  }
  if (!SLOT_WORDS[ground.kind].test(phrasing)) return `it does not ask about ${ground.kind}`;
  if (ground.kind !== 'budget' && MONEY.test(phrasing)) return 'it asks about money as well';
  return undefined;
};

/**
 * Why an LLM's phrasing of a question may not be sent, or undefined when it may: it must be a
 * short question about the same slot, with no link, no number, amount or date beyond the
 * template's and the known facts, no claim about the product, nothing that reads as an
 * instruction, and no run of the prospect's own words (how an injected instruction would travel).
 */
export const checkPhrasing = (phrasing: string, ground: PhrasingGround): string | undefined => {
  const text = phrasing.trim();
  const allowed = [ground.template, ...ground.known].join('\n').toLowerCase();
  if (text.length === 0) return 'it is empty';
  if (text.length > MAX_PHRASING_CHARS) return `it is longer than ${MAX_PHRASING_CHARS} characters`;
  if (!text.includes('?')) return 'it is not a question';
  const off = offSlot(text, ground);
  if (off !== undefined) return off;
  if (URL.test(text)) return 'it contains a link or an address';
  const numbers = [...foreign(text, NUMBER, allowed), ...foreign(text, NUMBER_WORD, allowed)];
  if (numbers.length > 0) return `it names a number or amount of its own (${numbers[0] ?? ''})`;
  const dates = foreign(text, DATE_WORD, allowed);
  if (dates.length > 0) return `it names a date of its own (${dates[0] ?? ''})`;
  const claims = foreign(text, CLAIM, allowed);
  if (claims.length > 0) return `it makes a claim about the product (${claims[0] ?? ''})`;
  const instructions = foreign(text, INSTRUCTION, allowed);
  if (
    instructions.length > 0 ||
    detectIntents(text, { now: new Date(0) }).some((i) => i.value === 'injection')
  )
    return 'it reads as an instruction';
  if (ground.lastMessage !== undefined) {
    const theirs = shingles(ground.lastMessage, ECHO_WORDS);
    const ours = shingles(allowed, ECHO_WORDS);
    const echo = [...shingles(text, ECHO_WORDS)].find((s) => theirs.has(s) && !ours.has(s));
    if (echo !== undefined) return `it echoes the prospect's message ("${echo}")`;
  }
  return undefined;
};
