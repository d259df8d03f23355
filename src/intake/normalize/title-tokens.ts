import { TITLE_LEXICON } from './title-lexicon.js';
import { COMPOUND_SUFFIXES, TOKEN_ALIASES } from './title-vocabulary.js';

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SHARP_S = /ß/g;
// Dots inside initialisms ("V.P.", "C.E.O.") go, so that they read as one word; other dots split.
const INITIALISM_DOT = /(?<=\b[a-z])\.(?=[a-z]\b)/g;
const R_AND_D = /\br\s*&\s*d\b/g;
const SEPARATORS = /[^a-z0-9]+/;
// A Map, not the object itself, so that words such as "constructor" never hit the prototype.
const ALIASES: ReadonlyMap<string, string> = new Map(Object.entries(TOKEN_ALIASES));

/**
 * Folds a title for matching: NFD with diacritics stripped (only when there is non-ASCII text),
 * lower case, "ß" as "ss".
 */
export const foldTitle = (raw: string): string => {
  let text = raw.toLowerCase();
  if (NON_ASCII.test(text)) text = text.normalize('NFD').replace(COMBINING_MARKS, '').replace(SHARP_S, 'ss');
  return text.replace(INITIALISM_DOT, '').replace(R_AND_D, ' rnd ');
};

const splitCompound = (word: string, into: string[]): boolean => {
  for (const suffix of COMPOUND_SUFFIXES) {
    if (word.length >= suffix.length + 2 && word.endsWith(suffix)) {
      let head = word.slice(0, -suffix.length);
      // German joins compounds with an "s" ("Vertriebsleiter"); drop it when that finds a word.
      if (
        !TITLE_LEXICON.terms.has(head) &&
        head.endsWith('s') &&
        TITLE_LEXICON.terms.has(head.slice(0, -1))
      ) {
        head = head.slice(0, -1);
      }
      into.push(head, suffix);
      return true;
    }
  }
  return false;
};

/**
 * The words of a title, folded, with abbreviations expanded ("Sr." → "senior") and unknown
 * German/Dutch compounds split ("Vertriebsleiter" → "vertrieb", "leiter").
 */
export const titleTokens = (raw: string): string[] => {
  const tokens: string[] = [];
  for (const piece of foldTitle(raw).split(SEPARATORS)) {
    if (piece === '') continue;
    const word = ALIASES.get(piece) ?? piece;
    const known = TITLE_LEXICON.terms.has(word) || TITLE_LEXICON.prefixes.has(word);
    if (known || word.length < 8 || !splitCompound(word, tokens)) tokens.push(word);
  }
  return tokens;
};
