const TRUE_WORDS = new Set([
  '1',
  'y',
  'yes',
  'true',
  't',
  'x',
  'on',
  'opted in',
  'opt-in',
  'granted',
  'oui',
  'si',
  'sí',
  'ja',
]);
const FALSE_WORDS = new Set([
  '0',
  'n',
  'no',
  'false',
  'f',
  'off',
  'opted out',
  'opt-out',
  'denied',
  'non',
  'nein',
  'nee',
]);

/**
 * Read a yes/no cell as a boolean ("Yes", "true", "1", "x", "Oui", …). Returns undefined for
 * text that is neither, so that the caller can warn instead of guessing.
 */
export const parseFlag = (raw: string): boolean | undefined => {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
};
