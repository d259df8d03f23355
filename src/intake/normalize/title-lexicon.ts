import type { JobFunction, Seniority } from '../../domain/lead.js';
import { FUNCTION_TERMS, SENIORITY_TERMS, type FunctionTier } from './title-vocabulary.js';

/** What one vocabulary term (a word or a phrase) says about a title. */
export interface TitleTerm {
  readonly seniority?: Seniority;
  readonly jobFunction?: JobFunction;
  readonly tier?: FunctionTier;
  /** Number of words in the term. */
  readonly length: number;
}

/** The compiled vocabulary: folded terms, and every proper prefix of a multi-word term. */
export interface TitleLexicon {
  readonly terms: ReadonlyMap<string, TitleTerm>;
  readonly prefixes: ReadonlySet<string>;
}

/**
 * Compiles the seniority and function tables into one map, once at module load. When a term is
 * listed twice for the same aspect the first listing wins (a unit test keeps the tables free of
 * such duplicates).
 */
export const buildTitleLexicon = (): TitleLexicon => {
  const seniorities = new Map<string, Seniority>();
  for (const [seniority, words] of SENIORITY_TERMS) {
    for (const word of words) if (!seniorities.has(word)) seniorities.set(word, seniority);
  }
  const functions = new Map<string, readonly [JobFunction, FunctionTier]>();
  for (const [jobFunction, tier, words] of FUNCTION_TERMS) {
    for (const word of words) if (!functions.has(word)) functions.set(word, [jobFunction, tier]);
  }

  const terms = new Map<string, TitleTerm>();
  const prefixes = new Set<string>();
  for (const key of new Set([...seniorities.keys(), ...functions.keys()])) {
    const seniority = seniorities.get(key);
    const fn = functions.get(key);
    const words = key.split(' ');
    terms.set(key, {
      length: words.length,
      ...(seniority === undefined ? {} : { seniority }),
      ...(fn === undefined ? {} : { jobFunction: fn[0], tier: fn[1] }),
    });
    for (let i = 1; i < words.length; i++) prefixes.add(words.slice(0, i).join(' '));
  }
  return { terms, prefixes };
};

/** The lexicon `normalizeTitle` uses. */
export const TITLE_LEXICON: TitleLexicon = buildTitleLexicon();
