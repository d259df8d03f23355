/** A full name split into the parts a CRM stores; a single word is a first name only. */
export interface SplitName {
  readonly first?: string;
  readonly last?: string;
}

/** Surname particles, written lowercase when they are not the first word ("Ludwig van Beethoven"). */
const PARTICLES: ReadonlySet<string> = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'la',
  'le',
  'di',
  'da',
  'das',
  'dos',
  'du',
  'ten',
  'ter',
  'bin',
  'binti',
  'y',
]);

/** Honorifics before a name, without their dot. */
const PREFIXES: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'rev',
]);

/** Generational and academic suffixes after a name, without dots. */
const SUFFIXES: ReadonlySet<string> = new Set([
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'phd',
  'md',
  'mba',
  'esq',
  'cpa',
  'msc',
  'bsc',
  'dds',
]);

const WORD_PART = /([-'’])/;

// Only one-for-one case mappings: "ß" upper-cases to "SS", which would not survive a second pass.
const upperFirst = (part: string): string => {
  const head = part.charAt(0).toUpperCase();
  return (head.length === 1 ? head : part.charAt(0)) + part.slice(1);
};

const capitalize = (part: string): string => {
  if (part.length === 0) return part;
  // "mcdonald" → "McDonald"; "Mac" is left alone because Mack, Macy and Mace are names too.
  if (part.length > 3 && part.startsWith('mc')) return `Mc${upperFirst(part.slice(2))}`;
  return upperFirst(part);
};

const titleCaseWord = (word: string, index: number): string => {
  if (index > 0 && PARTICLES.has(word)) return word;
  return word.split(WORD_PART).map(capitalize).join('');
};

const collapse = (raw: string): string => raw.trim().replace(/\s+/g, ' ');

/**
 * Trims a name and collapses its spaces. A name typed in one case (ALL CAPS or all lowercase)
 * is title-cased: "JOHN O'BRIEN" → "John O'Brien", "mary-jane mcdonald" → "Mary-Jane McDonald",
 * "ludwig van beethoven" → "Ludwig van Beethoven". Mixed case is kept as typed, since the
 * person knows best ("DeShawn", "van der Berg", "MacKenzie").
 */
export const normalizePersonName = (raw: string): string => {
  const name = collapse(raw);
  const lower = name.toLowerCase();
  if (lower !== name && name.toUpperCase() !== name) return name;
  if (lower === name.toUpperCase()) return name; // no letters with case (digits, CJK, …)
  return lower.split(' ').map(titleCaseWord).join(' ');
};

const bare = (word: string): string => word.toLowerCase().replace(/\./g, '');

/** Drops honorifics ("Dr.") at the front and suffixes ("PhD", "Jr.") at the end. */
const stripAffixes = (words: string[]): string[] => {
  let start = 0;
  let end = words.length;
  while (start < end - 1 && PREFIXES.has(bare(words[start] ?? ''))) start++;
  while (end > start + 1 && SUFFIXES.has(bare((words[end - 1] ?? '').replace(/,$/, '')))) end--;
  return words.slice(start, end);
};

/**
 * Splits a full name into first and last name, each normalized like `normalizePersonName`:
 * "Smith, John" → John / Smith; "Dr. Jane Doe PhD" → Jane / Doe; "Jan van der Berg" →
 * Jan / van der Berg; "Cher" → Cher / –. Middle names are dropped. Never throws.
 */
export const splitFullName = (raw: string): SplitName => {
  const text = collapse(raw);
  const comma = text.indexOf(',');
  // "Last, First" — unless what follows the comma is only a suffix ("John Smith, Jr.").
  if (comma !== -1) {
    const after = stripAffixes([
      'x',
      ...text
        .slice(comma + 1)
        .split(/[ ,]+/)
        .filter(Boolean),
    ]).slice(1);
    const before = text.slice(0, comma).trim();
    if (after.length > 0 && before !== '') {
      const first = normalizePersonName(after[0] ?? '');
      return { first, last: normalizePersonName(before) };
    }
    return splitFullName(before);
  }
  const words = stripAffixes(normalizePersonName(text).split(' ').filter(Boolean));
  const [first, ...rest] = words;
  if (first === undefined) return {};
  if (rest.length === 0) return { first };
  let lastStart = rest.length - 1;
  while (lastStart > 0 && PARTICLES.has((rest[lastStart - 1] ?? '').toLowerCase())) lastStart--;
  return { first, last: rest.slice(lastStart).join(' ') };
};
