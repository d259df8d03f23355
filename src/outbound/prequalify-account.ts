import { companyFitRules } from '../accounts/measure-account.js';
import type { Ruleset } from '../criteria/load-criteria.js';
import type { Verdict } from '../domain/decision.js';
import type { CompanyFacts } from '../domain/lead.js';
import { scoreFit } from '../scoring/rules/score-fit.js';
import { scoreIntent, type ActivityFacts } from '../scoring/rules/score-intent.js';

/** An account's pre-qualification: the verdict and its reasons, the deciding one first. */
export interface Prequalification {
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  readonly fitGrade: 'A' | 'B' | 'C' | 'D';
  readonly intentGrade: 1 | 2 | 3 | 4;
}

const fitGradeOf = (score: number, g: Ruleset['grades']['fit']): 'A' | 'B' | 'C' | 'D' =>
  score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';
const intentGradeOf = (score: number, g: Ruleset['grades']['intent']): 1 | 2 | 3 | 4 =>
  score >= g['1'] ? 1 : score >= g['2'] ? 2 : score >= g['3'] ? 3 : 4;

/**
 * Whether a target account is worth writing to, before anyone is contacted: a competitor's
 * domain or a country not served rules it out; with no firmographics known it needs information
 * (enrich them); otherwise its company fit (the criteria's fit rules without the person's) must
 * reach the criteria's minimum fit grade, and its intent (the stored behaviour of people there)
 * the campaign's minimum intent grade (4, any, unless the campaign asks for more: cold accounts
 * have none). Each verdict comes with readable reasons.
 */
export const prequalifyAccount = (
  ruleset: Ruleset,
  account: { readonly domain: string; readonly company: CompanyFacts },
  activities: readonly ActivityFacts[],
  options: { readonly nowMs: number; readonly minIntentGrade: 1 | 2 | 3 | 4 },
): Prequalification => {
  const fit = scoreFit(companyFitRules(ruleset.fit), { person: {}, company: account.company });
  const intent = scoreIntent(ruleset.intent, activities, options.nowMs);
  const fitGrade = fitGradeOf(fit.score, ruleset.grades.fit);
  const intentGrade = intentGradeOf(intent.score, ruleset.grades.intent);
  const facts = [...fit.reasons, ...intent.reasons]
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .map((r) => r.text);
  const out = (verdict: Verdict, first: readonly string[]): Prequalification => ({
    verdict,
    reasons: [...first, ...facts],
    fitGrade,
    intentGrade,
  });
  if (ruleset.disqualifiers.competitorDomains.includes(account.domain))
    return out('not_qualified', [`${account.domain} is a competitor's domain`]);
  const country = account.company.country?.value;
  if (country !== undefined && ruleset.disqualifiers.countriesNotServed.includes(country))
    return out('not_qualified', [`based in ${country}, a country not served`]);
  if (fit.max > 0 && fit.reasons.length === 0)
    return out('needs_info', ['no firmographics known (industry, size, country): enrich the account']);
  const short: string[] = [];
  if (fit.max > 0 && fitGrade > ruleset.verdicts.minFitGrade)
    short.push(`company fit ${fitGrade} is below the ${ruleset.verdicts.minFitGrade} the criteria require`);
  if (intentGrade > options.minIntentGrade)
    short.push(`intent grade ${intentGrade} is below the ${options.minIntentGrade} the campaign requires`);
  return short.length > 0 ? out('not_qualified', short) : out('qualified', []);
};
