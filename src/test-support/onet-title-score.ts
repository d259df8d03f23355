import type { JobFunction, Seniority } from '../domain/lead.js';
import type { TitleNormalization } from '../intake/normalize/title.js';
import { expectedFunctionForSoc, type OnetTitle } from './onet-expected-functions.js';

/** Test support: how well a title mapper recovers the function of O*NET occupations. */
export interface FunctionScore {
  /** Titles of occupations with an expected function. */
  readonly evaluated: number;
  /** Share of evaluated titles whose function is the expected one. */
  readonly accuracy: number;
  /** Share of evaluated titles given any function. */
  readonly coverage: number;
  /** Correct among those given a function. */
  readonly precision: number;
  readonly misses: readonly { title: string; expected: JobFunction; got: JobFunction | undefined }[];
}

/** Scores `normalize` on every title whose occupation has an expected function. */
export const scoreFunctions = (
  titles: readonly OnetTitle[],
  normalize: (raw: string) => TitleNormalization,
): FunctionScore => {
  let evaluated = 0;
  let predicted = 0;
  let correct = 0;
  const misses: { title: string; expected: JobFunction; got: JobFunction | undefined }[] = [];
  for (const { code, title } of titles) {
    const expected = expectedFunctionForSoc(code);
    if (expected === undefined) continue;
    evaluated++;
    const got = normalize(title).jobFunction;
    if (got !== undefined) predicted++;
    if (got === expected) correct++;
    else misses.push({ title, expected, got });
  }
  return {
    evaluated,
    accuracy: correct / evaluated,
    coverage: predicted / evaluated,
    precision: correct / predicted,
    misses,
  };
};

/** Test support: share of titles matching `pattern` that get `seniority`. */
export const seniorityAgreement = (
  titles: readonly OnetTitle[],
  pattern: RegExp,
  seniority: Seniority,
  normalize: (raw: string) => TitleNormalization,
): { readonly count: number; readonly agreement: number } => {
  const matching = titles.filter(({ title }) => pattern.test(title));
  const agreeing = matching.filter(({ title }) => normalize(title).seniority === seniority).length;
  return { count: matching.length, agreement: matching.length === 0 ? 0 : agreeing / matching.length };
};
