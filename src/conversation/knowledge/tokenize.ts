/** Words too common to say anything about a question or a section. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how ' +
    'i if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own ' +
    'same she should so some such than that the their theirs them then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours us im ive youre ' +
    'dont doesnt isnt arent cant wont please thanks thank hi hello hey ok okay yes yeah tell know want like get got one much many also really may might need does lot'
  ).split(' '),
);

/**
 * A light English stemmer of our own: folds plurals and common endings so that "integrations",
 * "integrating" and "integrated" meet at "integrat". Retrieval needs matching, not linguistics.
 */
export const stem = (word: string): string => {
  if (word.length <= 3) return word;
  for (const [suffix, keep] of [
    ['ational', 'ate'],
    ['ates', ''],
    ['ate', ''],
    ['ations', ''],
    ['ation', ''],
    ['ings', ''],
    ['ing', ''],
    ['ies', 'y'],
    ['ied', 'y'],
    ['ness', ''],
    ['ment', ''],
    ['edly', ''],
    ['ed', ''],
    ['ers', ''],
    ['er', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3 && !word.endsWith('ss'))
      return word.slice(0, word.length - suffix.length) + keep;
  }
  // "store"/"stored" and "integrate"/"integration" meet once a final e is gone.
  return word.length > 4 && word.endsWith('e') ? word.slice(0, -1) : word;
};

/** Lower-case word tokens of `text` without stopwords, stemmed; digits are kept ("soc2", "2fa"). */
export const tokenize = (text: string): string[] => {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) {
    const word = m[0].replace(/'/g, '');
    if (!STOPWORDS.has(word)) out.push(stem(word));
  }
  return out;
};
