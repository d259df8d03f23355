import { STOPWORDS } from '../knowledge/tokenize.js';
import { spanOf, type Extraction, type Need, type UnderstandContext } from './understanding.js';

// The phrase after these words is the need ("we need a way to score leads").
const AFTER: readonly RegExp[] = [
  /\b(?:we|i|our team|the team)\s*(?:really\s+|just\s+|badly\s+|urgently\s+)?(?:need|needs|want|wants|search|searching|seek|seeking|'re looking for|are looking for|am looking for|'m looking for|are trying to|'re trying to|am trying to|hope to|would like to|'d like to|must)\s+(.+)/i,
  /\b(?:(?:main |biggest |big |real |our )?(?:problem|issue|pain(?: point)?|challenge|headache|goal|priority|need)s?\s*(?:is|are|:|=|-)\s*(?:that\s+|to\s+)?)(.+)/i,
  /\b(?:struggl\w+|problems?|issues?|trouble|difficult\w*|help(?: us| me)?)\s+(?:with|to)\s+(.+)/i,
  /\b(?:looking (?:for|to)|trying to|want to|need to)\s+(.+)/i,
];
// The words themselves carry the need ("too many junk leads", "reps waste hours").
const INCLUDING =
  /\b(?:too (?:many|much|slow)|(?:we |they |reps |sales )?(?:waste|wasting|lose|losing|miss|missing)|(?:can'?t|cannot|unable to) (?:keep up|handle|tell|find|qualify|scale)|no (?:way|time) to)\b.*/i;
// Words that never make a need by themselves ("we need it by March", "need approval").
const NOT_NEED = new Set(
  'it this that way many much have make made final end start started next set aside place live running whatever nope pass hmm meh comment rather say idk looking browsing plans plan curious researching nothing sure dunno idea something solution tool help asap soon budget approval approve sign time date think talk call meeting demo person human someone more info information quote price pricing january february march april may june july august september october november december week weeks month months quarter year q1 q2 q3 q4 k'.split(
    ' ',
  ),
);

const MAX_WORDS = 12;

/** The phrase up to the end of its sentence (or a "but"), at most `MAX_WORDS` words. */
const phraseAt = (text: string, start: number): { start: number; end: number } => {
  const rest = text.slice(start);
  const stop = /[.!?;\n]|\s(?:but|although|though|however)\s/i.exec(rest);
  let end = start + (stop === null ? rest.length : stop.index);
  const words = [...text.slice(start, end).matchAll(/\S+/g)];
  const last = words[MAX_WORDS - 1];
  if (words.length > MAX_WORDS && last !== undefined) end = start + last.index + last[0].length;
  while (end > start && /[\s,:-]/.test(text[end - 1] ?? '')) end--;
  return { start, end };
};

/** The words of a need phrase that carry meaning, lower-case, in order, without repeats. */
export const needKeywords = (phrase: string): string[] => {
  const seen = new Set<string>();
  for (const m of phrase.toLowerCase().matchAll(/[\p{L}][\p{L}\p{N}'-]*/gu)) {
    const w = m[0].replace(/'s$/, '');
    if (w.length > 1 && !STOPWORDS.has(w) && !NOT_NEED.has(w)) seen.add(w);
  }
  return [...seen];
};

/**
 * Reads what the prospect needs or what hurts: the phrase after "we need", "our problem is",
 * "struggling with", "looking for", or phrases such as "too many junk leads", with its key
 * words. A terse answer to the need question ("lead scoring") is taken whole.
 */
export const extractNeed = (text: string, context: UnderstandContext): Extraction<Need> | undefined => {
  const candidates: { start: number; confidence: number }[] = [];
  for (const pattern of AFTER) {
    const m = pattern.exec(text);
    const captured = m?.[1];
    if (m !== null && captured !== undefined)
      candidates.push({ start: m.index + m[0].length - captured.length, confidence: 0.8 });
  }
  const including = INCLUDING.exec(text);
  if (including !== null) candidates.push({ start: including.index, confidence: 0.75 });
  // A question back ("why do you ask?") is not an answer, however it is worded.
  if (context.expecting === 'need' && !text.includes('?'))
    candidates.push({ start: text.length - text.trimStart().length, confidence: 0.6 });
  for (const c of candidates) {
    const { start, end } = phraseAt(text, c.start);
    const summary = text.slice(start, end);
    const keywords = needKeywords(summary);
    if (keywords.length > 0)
      return { value: { summary, keywords }, confidence: c.confidence, span: spanOf(text, start, end) };
  }
  return undefined;
};
