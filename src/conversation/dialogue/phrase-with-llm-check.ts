import { findUngrounded } from '../grounding/find-ungrounded.js';
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
const ECHO_WORDS = 4;

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/** The runs of `n` consecutive words of `text`. */
const shingles = (text: string, n: number): Set<string> => {
  const w = words(text);
  const out = new Set<string>();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(' '));
  return out;
};

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
  const ungrounded = findUngrounded(text, allowed, { links: 'none' });
  if (ungrounded !== undefined) return ungrounded;
  if (ground.lastMessage !== undefined) {
    const theirs = shingles(ground.lastMessage, ECHO_WORDS);
    const ours = shingles(allowed, ECHO_WORDS);
    const echo = [...shingles(text, ECHO_WORDS)].find((s) => theirs.has(s) && !ours.has(s));
    if (echo !== undefined) return `it echoes the prospect's message ("${echo}")`;
  }
  return undefined;
};
