import { boundedCache } from './bounded-cache.js';
import { industryEditDistance } from './industry-edit-distance.js';
import { INDUSTRY_TAXONOMY, type IndustryId } from './industry-taxonomy.js';

/** An industry of leadsift's taxonomy, as `normalizeIndustry` returns it. */
export interface Industry {
  readonly id: IndustryId;
  readonly label: string;
}

const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SEPARATORS = /[^a-z0-9]+/;
// Words that say nothing about the industry itself: "&"/"and" joins, and "X industry/sector".
const FILLER = new Set(['and', 'the', 'industry', 'industries', 'sector', 'sectors']);

/** Folds an industry name for matching: lower case ASCII words, no "and" or filler, one space apart. */
export const foldIndustry = (raw: string): string => {
  let text = raw.toLowerCase();
  if (NON_ASCII.test(text)) text = text.normalize('NFD').replace(COMBINING_MARKS, '');
  let folded = '';
  for (const word of text.split(SEPARATORS)) {
    if (word === '' || FILLER.has(word)) continue;
    folded = folded === '' ? word : `${folded} ${word}`;
  }
  return folded;
};

const BY_SYNONYM = new Map<string, Industry>();
for (const { id, label, synonyms } of INDUSTRY_TAXONOMY) {
  const industry: Industry = Object.freeze({ id, label });
  for (const synonym of [id, label, ...synonyms]) {
    const key = foldIndustry(synonym);
    if (!BY_SYNONYM.has(key)) BY_SYNONYM.set(key, industry);
  }
}
const SYNONYM_KEYS = [...BY_SYNONYM.keys()];

/** Typos forgiven: none below 5 letters (too many short names are one letter apart), then 1, then 2 from 9. */
const typoLimit = (length: number): number => (length < 5 ? 0 : length < 9 ? 1 : 2);

const closestSynonym = (key: string): Industry | undefined => {
  let limit = typoLimit(key.length);
  let best: Industry | undefined;
  for (const candidate of SYNONYM_KEYS) {
    if (limit === 0) break;
    const distance = industryEditDistance(key, candidate, limit);
    // The limit then shrinks below this distance, so ties go to the earlier industry in the table.
    if (distance <= limit) {
      best = BY_SYNONYM.get(candidate);
      limit = distance - 1;
    }
  }
  return best;
};

const matchIndustry = (raw: string): Industry | undefined => {
  const key = foldIndustry(raw);
  if (key === '') return undefined;
  return BY_SYNONYM.get(key) ?? closestSynonym(key);
};

/**
 * Maps a free-text industry ("Computer Software", "Hospital & Health Care", "technolgy") to an
 * industry of `INDUSTRY_TAXONOMY`, or undefined when nothing is close enough. Matching ignores
 * case, accents, punctuation, "&"/"and" and the words "industry"/"sector", then forgives one typo
 * (two for names of 9 letters or more) against every synonym. The caller keeps the raw text.
 * Memoized by raw string.
 */
export const normalizeIndustry: (raw: string) => Industry | undefined = boundedCache(matchIndustry, 5_000);
