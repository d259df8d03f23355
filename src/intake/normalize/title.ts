import { JOB_FUNCTIONS, SENIORITIES, type JobFunction, type Seniority } from '../../domain/lead.js';
import { boundedCache } from './bounded-cache.js';
import { TITLE_LEXICON, type TitleTerm } from './title-lexicon.js';
import { titleTokens } from './title-tokens.js';

/** What a job title says about the person: level and business function, when recognized. */
export interface TitleNormalization {
  readonly seniority?: Seniority;
  readonly jobFunction?: JobFunction;
  /** True when at least one of `seniority` and `jobFunction` was found. */
  readonly recognized: boolean;
}

/**
 * Which seniority wins when a title names several: the highest rank, except that an intern word
 * outranks the plain "senior" and "entry" words ("Software Engineer Intern" is an intern) while
 * any manager-or-above word outranks it ("Student Services Director" is a director).
 */
const SENIORITY_PRECEDENCE: readonly Seniority[] = [
  'founder',
  'c_level',
  'vp',
  'director',
  'manager',
  'intern',
  'senior',
  'entry',
];
const NO_RANK = SENIORITY_PRECEDENCE.length;
const NO_TIER = 4;

// Every possible result, built once, so that classifying a title allocates no result object.
const RESULTS: readonly (readonly TitleNormalization[])[] = [...SENIORITIES, undefined].map((seniority) =>
  [...JOB_FUNCTIONS, undefined].map((jobFunction) =>
    Object.freeze({
      ...(seniority === undefined ? {} : { seniority }),
      ...(jobFunction === undefined ? {} : { jobFunction }),
      recognized: seniority !== undefined || jobFunction !== undefined,
    }),
  ),
);
const resultFor = (
  seniority: Seniority | undefined,
  jobFunction: JobFunction | undefined,
): TitleNormalization => {
  const row = RESULTS[seniority === undefined ? SENIORITIES.length : SENIORITIES.indexOf(seniority)];
  return row?.[
    jobFunction === undefined ? JOB_FUNCTIONS.length : JOB_FUNCTIONS.indexOf(jobFunction)
  ] as TitleNormalization;
};

/** The longest vocabulary term starting at `start`, if any. */
const longestTermAt = (tokens: readonly string[], start: number): TitleTerm | undefined => {
  let key = tokens[start] as string;
  let best = TITLE_LEXICON.terms.get(key);
  for (let end = start + 1; end < tokens.length && TITLE_LEXICON.prefixes.has(key); end++) {
    key = `${key} ${tokens[end]}`;
    best = TITLE_LEXICON.terms.get(key) ?? best;
  }
  return best;
};

/** "Assistant to the VP": what follows "to" describes someone else. "Business-to-business" does not. */
const endsTitle = (tokens: readonly string[], index: number): boolean => {
  if (tokens[index] !== 'to' || index === 0) return false;
  const next = tokens[index + 1];
  return next !== 'business' && next !== 'consumer' && next !== 'b' && next !== 'c';
};

const seniorityOf = (term: TitleTerm, tokens: readonly string[], index: number): Seniority | undefined => {
  const word = tokens[index];
  // "Chief Marketing Officer" is C-level; "Chief Engineer" or "Fire Chief" heads a unit.
  if (word === 'chief' && term.length === 1)
    return tokens.includes('officer', index) ? 'c_level' : 'director';
  // "Partner" alone is an owner-level title; "Partner Manager" manages partners.
  if (word === 'partner' && term.length === 1) return index === tokens.length - 1 ? 'c_level' : undefined;
  return term.seniority;
};

const classifyTitle = (raw: string): TitleNormalization => {
  const tokens = titleTokens(raw);
  let rank = NO_RANK;
  let tier = NO_TIER;
  let jobFunction: JobFunction | undefined;
  for (let i = 0; i < tokens.length;) {
    if (endsTitle(tokens, i)) break;
    const term = longestTermAt(tokens, i);
    if (term === undefined) {
      i++;
      continue;
    }
    const seniority = seniorityOf(term, tokens, i);
    if (seniority !== undefined) rank = Math.min(rank, SENIORITY_PRECEDENCE.indexOf(seniority));
    if (term.tier !== undefined && (term.tier < tier || (term.tier === 0 && tier === 0))) {
      tier = term.tier;
      jobFunction = term.jobFunction;
    }
    i += term.length;
  }
  return resultFor(SENIORITY_PRECEDENCE[rank], jobFunction);
};

/**
 * Maps a raw job title to a seniority and a business function; the caller keeps the raw title.
 *
 * Seniority: the highest level named wins ("Senior Director" is a director), with the intern rule
 * of `SENIORITY_PRECEDENCE`; words after "to" are ignored ("Assistant to the VP" is entry).
 * Function: a role noun (tier 0, e.g. "Attorney", "Professor", "Recruiter") wins over everything,
 * the last one if several; otherwise the first department word named wins ("VP, Sales &
 * Marketing" is sales); domain hints ("Software") and fallbacks (executive for a CEO, operations
 * for clerical titles) only count when nothing stronger is named. Memoized by raw string.
 */
export const normalizeTitle: (raw: string) => TitleNormalization = boundedCache(classifyTitle, 20_000);

/** The same mapping without the cache, for benchmarks and for callers that manage their own. */
export const classifyTitleUncached: (raw: string) => TitleNormalization = classifyTitle;
