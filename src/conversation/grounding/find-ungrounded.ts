import nlp from 'compromise';
import { detectIntents } from '../understand/detect-intents.js';

/**
 * Words an LLM's text may carry only when what it is grounded in (a template, stored facts, a
 * playbook) carries them too. Shared by the agent's phrasing check and outbound messages: a model
 * may choose words, never facts.
 */
const URL =
  /https?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|io|net|org|ai|co|dev|app|info|biz|xyz|de|uk|fr|eu)\b|[\w.+-]*@[\w.-]+/gi;
const NUMBER = /\d(?:[\d,.]*\d)?/g;
const NUMBER_WORD =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half)\b|[$€£¥%]|\b(?:usd|eur|gbp|dollars?|euros?|pounds?|percent)\b/gi;
const DATE_WORD =
  /\b(?:january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|yesterday|(?:next|this|last) (?:week|month|quarter|year)|end of (?:the )?\w+|q[1-4]|eo[qym])\b/gi;
const CLAIM =
  /\b(?:we|leadsift|our (?:product|platform|tool|solution|software))\s+(?:can|will|does|offers?|integrates?|guarantees?|supports?|includes?|provides?|helps?|lets?|saves?|cuts?|boosts?|increases?|is|are|has|have)\b|\b(?:guarantee\w*|for free|free (?:trial|plan|tier|version)|discount\w*|roi|cheapest|fastest|integrat\w*|compliant|gdpr|soc ?2|features?)\b/gi;
const INSTRUCTION = /\b(?:instructions?|prompts?|system|as an ai|language model|assistant|ceo)\b/gi;

/** What a generated text is checked for beyond numbers, dates, claims and instructions. */
export interface GroundingOptions {
  /** `none`: no link or address at all; `grounded`: only those the allowed text holds. */
  readonly links: 'none' | 'grounded';
  /** Refuse names (people, companies, places: capitalized words) the allowed text does not hold. */
  readonly names?: boolean;
}

/** The matches of `pattern` in `text` that `allowed` does not contain. */
const foreign = (text: string, pattern: RegExp, allowed: string): string[] =>
  (text.match(pattern) ?? []).filter((m) => !allowed.includes(m.toLowerCase().replace(/[.,;:)]+$/, '')));

const WORD = /[\p{Lu}][\p{L}'’-]*/gu;
const PROPER = ['#ProperNoun', '#Person', '#Place', '#Organization'];

/**
 * Capitalized words the allowed text does not hold: within a sentence any of them; at a
 * sentence's start only one the lexicon knows as a name, or one followed by another capitalized
 * word ("Globex Corp") — "Noticed" or "Happy" opening a sentence are not names.
 */
const foreignNames = (text: string, allowedWords: ReadonlySet<string>): string[] => {
  const found: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0].replace(/['’]s$/, '');
    const lower = word.toLowerCase();
    if (allowedWords.has(lower) || /^i(?:['’](?:m|d|ve|ll))?$/.test(lower)) continue;
    const before = text.slice(0, m.index).trimEnd();
    const opens = before === '' || /[.!?:\n—–-]$/.test(before) || /\n\s*$/.test(text.slice(0, m.index));
    if (!opens) {
      found.push(word);
      continue;
    }
    const after = text.slice(m.index + m[0].length);
    if (/^ [\p{Lu}]/u.test(after) || PROPER.some((tag) => nlp(lower).has(tag))) found.push(word);
  }
  return found;
};

/** The words of a text, lowercased. */
export const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];

/**
 * Why `text` says something `allowed` does not ground, or undefined when it does not: a link or
 * address (any, or one not in `allowed`), a number or amount, a date, a claim about the product,
 * anything that reads as an instruction (to the reader or from an injected prompt), and, with
 * `names`, a person, company or place not in `allowed`. `allowed` is compared lowercased.
 */
export const findUngrounded = (
  text: string,
  allowed: string,
  options: GroundingOptions,
): string | undefined => {
  const ground = allowed.toLowerCase();
  const linked =
    options.links === 'none'
      ? (text.match(URL) ?? []).length > 0 || text.includes('@')
      : foreign(text, URL, ground).length > 0;
  if (linked) return 'it contains a link or an address';
  // Numbers compare whole ("5" is not grounded by "50"), with or without thousands separators.
  const plain = (n: string): string => n.replace(/,/g, '');
  const known = new Set((ground.match(NUMBER) ?? []).map(plain));
  const numbers = [
    ...(text.match(NUMBER) ?? []).filter((n) => !known.has(plain(n))),
    ...foreign(text, NUMBER_WORD, ground),
  ];
  if (numbers.length > 0) return `it names a number or amount of its own (${numbers[0] ?? ''})`;
  const dates = foreign(text, DATE_WORD, ground);
  if (dates.length > 0) return `it names a date of its own (${dates[0] ?? ''})`;
  const claims = foreign(text, CLAIM, ground);
  if (claims.length > 0) return `it makes a claim about the product (${claims[0] ?? ''})`;
  if (
    foreign(text, INSTRUCTION, ground).length > 0 ||
    detectIntents(text, { now: new Date(0) }).some((i) => i.value === 'injection')
  )
    return 'it reads as an instruction';
  if (options.names === true) {
    const names = foreignNames(text, new Set(wordsOf(ground)));
    if (names.length > 0) return `it names someone or something not in the facts (${names[0] ?? ''})`;
  }
  return undefined;
};
