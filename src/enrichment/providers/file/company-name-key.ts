/**
 * Legal forms and filler that say nothing about which company is meant: dropped from the end of
 * a name (repeatedly: "Acme Holdings, Inc." → "acme"), never from its middle ("Guardian Life Ins.
 * Co. of America" keeps its "co"). Compared after punctuation is gone, so "S.A." is "sa".
 */
const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'cos',
  'company',
  'companies',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
  'group',
  'holding',
  'holdings',
  'sa',
  'ag',
  'gmbh',
  'nv',
  'bv',
  'se',
  'spa',
  'srl',
  'ab',
  'oy',
  'pty',
  'pte',
]);

// Anywhere in a name: "The Home Depot", "Johnson & Johnson" = "Johnson and Johnson".
const FILLER: ReadonlySet<string> = new Set(['the', 'and']);

const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|apos|quot));/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: '&', apos: "'", quot: '"' };

/**
 * Decodes the HTML character references scraped tables carry ("Lowe&#8217;s" in the Fortune
 * 1000 list): numeric ones and `&amp;`, `&apos;`, `&quot;`.
 */
export const decodeEntities = (raw: string): string =>
  raw.includes('&')
    ? raw.replace(ENTITY, (whole, dec?: string, hex?: string, named?: string) => {
        if (named !== undefined) return NAMED_ENTITIES[named.toLowerCase()] ?? whole;
        const code = dec !== undefined ? Number(dec) : Number.parseInt(hex ?? '', 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      })
    : raw;

const PARENTHESES = /\([^()]*\)/g;
const MARKS = /\p{M}+/gu;
// Apostrophes and periods join what they separate ("Lowe's" → "lowes", "U.S." → "us").
const JOINERS = /['’‘`´.]/g;
const WEB_SUFFIX = /\.(?:com|net|org|io)\b/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * A company name reduced to the words that identify the company, space-separated: decoded,
 * accents and case folded, parenthesized remarks, ".com" and punctuation dropped, filler ("the",
 * "&", "and") and trailing legal forms removed. "The Home Depot, Inc." and "home depot" meet;
 * "Estée Lauder Cos." and "Estee Lauder" meet. A name made only of a legal form keeps it, and a
 * name with no letters or digits gives "". Pure and total.
 */
export const companyNameWords = (raw: string): string => {
  const text = decodeEntities(raw)
    .replace(PARENTHESES, ' ')
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .replace(WEB_SUFFIX, '')
    .replace(JOINERS, '')
    .replace(SEPARATORS, ' ')
    .trim();
  if (text === '') return '';
  const words = text.split(' ').filter((word) => !FILLER.has(word));
  let end = words.length;
  while (end > 1 && LEGAL_SUFFIXES.has(words[end - 1] as string)) end--;
  return words.slice(0, end).join(' ');
};

/**
 * The key exact name matches use: `companyNameWords` without its spaces, so spelling variants
 * ("Fed Ex", "FedEx"; "AT&T", "AT and T") meet.
 */
export const companyNameKey = (raw: string): string => companyNameWords(raw).replaceAll(' ', '');

/**
 * Other names a row's company is known by: the content of parenthesized remarks ("Jones Lang
 * LaSalle (JLL)" → "JLL"; "Advanced Micro Devices (AMD)" → "AMD"), when it says at least three
 * characters. The caller filters out remarks that are not names (countries: "(U.S.)").
 */
export const parenthesizedNames = (raw: string): string[] =>
  [...decodeEntities(raw).matchAll(PARENTHESES)]
    .map((match) => match[0].slice(1, -1).trim())
    .filter((inner) => companyNameKey(inner).length >= 3);
