import type { Committee } from '../criteria/committee-schema.js';
import type { Ruleset } from '../criteria/load-criteria.js';
import type { MissingFact, Verdict } from '../domain/decision.js';
import type { AccountReason } from './account-decision.js';
import type { Account } from './group-accounts.js';
import type { AccountMeasures } from './measure-account.js';
import { verdictOf } from '../scoring/decide-with-rules.js';

/** An account's verdict and the reasons that decided it. */
export interface AccountVerdict {
  readonly verdict: Verdict;
  readonly disqualified: readonly AccountReason[];
  readonly missing: readonly MissingFact[];
  /** Why a scored account fell short (given only when that made it `not_qualified`). */
  readonly short: readonly AccountReason[];
}

type FitGrade = 'A' | 'B' | 'C' | 'D';

const because = (text: string, kind: AccountReason['kind']): AccountReason => ({
  text,
  kind,
  effect: 0,
  facts: [],
});

/** Disqualifiers that apply to a company: a competitor's domain, a country not served. */
const disqualifiers = (ruleset: Ruleset, account: Account): AccountReason[] => {
  const out: AccountReason[] = [];
  const rival = account.domains.find((d) => ruleset.disqualifiers.competitorDomains.includes(d));
  if (rival !== undefined) out.push(because(`${rival} is a competitor's domain`, 'disqualifier'));
  const country = account.company.country;
  if (country !== undefined && ruleset.disqualifiers.countriesNotServed.includes(country.value))
    out.push({
      ...because(`Based in ${country.value}, a country not served`, 'disqualifier'),
      facts: [{ field: 'company.country', value: country.value, provenance: country.provenance }],
    });
  return out;
};

/**
 * The verdict: a disqualifier makes an account `not_qualified`; fit rules with no firmographics
 * known make it `needs_info` (enrich them); otherwise it is `qualified` when the score reaches
 * `minScore`, the fit grade `minFitGrade` (when fit is scored) and the engaged contacts
 * `committee.minEngaged`, and `not_qualified` with each shortfall as a reason when not.
 */
export const accountVerdict = (
  ruleset: Ruleset,
  committee: Committee,
  account: Account,
  m: AccountMeasures,
  fitGrade: FitGrade,
): AccountVerdict => {
  const disqualified = disqualifiers(ruleset, account);
  const missing: MissingFact[] =
    m.fitScored && m.fit.reasons.length === 0
      ? [
          { field: 'company.industry', how: 'enrich' },
          { field: 'company.employees', how: 'enrich' },
        ]
      : [];
  const v = ruleset.verdicts;
  const short: AccountReason[] = [];
  if (m.fitScored && fitGrade > v.minFitGrade)
    short.push(because(`Company fit grade ${fitGrade} is below the ${v.minFitGrade} required`, 'fit'));
  const n = m.engaged.length;
  if (n < committee.minEngaged)
    short.push(
      because(
        `${n} engaged contact${n === 1 ? '' : 's'}, fewer than the ${committee.minEngaged} required`,
        'engagement',
      ),
    );
  if (m.score < v.minScore)
    short.push(because(`Account score ${m.score} is below the ${v.minScore} required`, 'fit'));
  const verdict = verdictOf(disqualified, missing, short);
  return {
    verdict,
    disqualified,
    missing,
    short: verdict === 'not_qualified' && disqualified.length === 0 ? short : [],
  };
};
