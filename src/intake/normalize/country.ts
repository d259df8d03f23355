import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { LocaleData } from 'i18n-iso-countries';

/** Locales whose country names we recognize; the first one wins a name two locales share. */
const LOCALES = ['en', 'fr', 'de', 'es', 'pt', 'it', 'nl'] as const;

const require = createRequire(import.meta.url);
for (const locale of LOCALES) {
  countries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`) as LocaleData);
}

/**
 * Names people write that no locale file has, or that locale files give to two countries.
 * Constituent countries of the UK map to GB: a lead in "England" is a UK lead for routing.
 */
const ALIASES: Readonly<Record<string, string>> = {
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  holland: 'NL',
  korea: 'KR',
  'north korea': 'KP',
  russia: 'RU',
  uae: 'AE',
  emirates: 'AE',
  ksa: 'SA',
  'ivory coast': 'CI',
  'dr congo': 'CD',
  drc: 'CD',
  'congo kinshasa': 'CD',
  'congo brazzaville': 'CG',
  burma: 'MM',
  swaziland: 'SZ',
  'east timor': 'TL',
  macedonia: 'MK',
  turkiye: 'TR',
  vatican: 'VA',
  macao: 'MO',
  macau: 'MO',
  palestine: 'PS',
  'czech republic': 'CZ',
  czechia: 'CZ',
};

/**
 * The comparison key: accents, case, punctuation and a leading "the" do not matter, so
 * "Côte d'Ivoire", "COTE D IVOIRE" and "cote-d'ivoire" are one key; "U.S." becomes "u s".
 */
const keyOf = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');

const buildLookup = (): ReadonlyMap<string, string> => {
  const lookup = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const locale of LOCALES) {
    const seenHere = new Map<string, string>();
    for (const [code, names] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
      for (const name of names) {
        const key = keyOf(name);
        const other = seenHere.get(key);
        // "Congo" names two countries in English; such a name maps to neither.
        if (other !== undefined && other !== code) ambiguous.add(key);
        seenHere.set(key, code);
        if (!lookup.has(key)) lookup.set(key, code);
      }
    }
  }
  for (const key of ambiguous) lookup.delete(key);
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes())) {
    lookup.set(alpha2.toLowerCase(), alpha2);
    lookup.set(alpha3.toLowerCase(), alpha2);
  }
  for (const [alias, code] of Object.entries(ALIASES)) lookup.set(keyOf(alias), code);
  return lookup;
};

const LOOKUP = buildLookup();

// Country columns hold few distinct values, so remember raw → code; capped for safety.
const MEMO_CAP = 10_000;
const memo = new Map<string, string | null>();

/**
 * The ISO 3166-1 alpha-2 code for a country written as a name (English, French, German,
 * Spanish, Portuguese, Italian or Dutch), an alpha-2 or alpha-3 code, or a common alias ("USA",
 * "U.S.", "UK", "Holland", "UAE", "Ivory Coast"); ignores case, accents and punctuation.
 * `undefined` for anything else, including regions ("Asia/Pacific Region") and "unknown".
 */
export const normalizeCountry = (raw: string): string | undefined => {
  let code = memo.get(raw);
  if (code === undefined) {
    code = LOOKUP.get(keyOf(raw)) ?? null;
    if (memo.size >= MEMO_CAP) memo.clear();
    memo.set(raw, code);
  }
  return code ?? undefined;
};

/** The English name of an alpha-2 (or alpha-3) code, e.g. `GB` → "United Kingdom". */
export const countryName = (code: string): string | undefined => countries.getName(code.toUpperCase(), 'en');
