/**
 * Letters that Unicode decomposition leaves alone (they are not a base letter plus a mark), with
 * the ASCII that company mail systems write for them: "Łukasz" → lukasz, "Søren" → soren.
 */
const NO_DECOMPOSITION: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/**
 * A first or last name as it appears in an email address. The rule: lowercase; accents removed
 * by Unicode decomposition ("José Núñez" → jose, nunez; "Müller" → muller, not mueller); the few
 * letters with no decomposition spelled out (ß → ss, ø → o, ł → l, æ → ae); then everything
 * but a–z dropped, so apostrophes, spaces, hyphens and dots vanish and the parts stay joined
 * ("O'Brien" → obrien, "Smith-Jones" → smithjones, "van der Berg" → vanderberg). A name in a
 * script without a Latin spelling folds to "" and cannot take part in a pattern.
 */
export const foldNameForEmail = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþıħ]/g, (letter) => NO_DECOMPOSITION[letter] ?? '')
    .replace(/[^a-z]/g, '');
