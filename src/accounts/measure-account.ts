import type { Committee } from '../criteria/committee-schema.js';
import type { FitRules } from '../criteria/fit-rules.js';
import type { Ruleset } from '../criteria/load-criteria.js';
import { scoreFit, type FitScore } from '../scoring/rules/score-fit.js';
import { scoreIntent, type IntentScore } from '../scoring/rules/score-intent.js';
import type { AccountContact } from './account-contact.js';
import { coverCommittee, type CommitteeCoverage } from './cover-committee.js';
import type { Account } from './group-accounts.js';

/**
 * How the four parts make the 0–100 account score. Fit leads (a company outside the ICP is
 * not worth a campaign however busy), then intent, engagement breadth and committee coverage.
 * When the rules score no firmographics, fit's weight is spread over the other three.
 */
export const ACCOUNT_WEIGHTS = Object.freeze({ fit: 0.35, intent: 0.25, engagement: 0.2, committee: 0.2 });

/** The company part of fit rules: firmographics only (the person rules belong to leads). */
export const companyFitRules = (fit: FitRules): FitRules => {
  const { seniority: _s, functions: _f, emailTypes: _e, ...company } = fit;
  return company;
};

/** An account's four parts, each with what it adds to the score, and the score. */
export interface AccountMeasures {
  readonly fit: FitScore;
  /** False when the fit rules score no firmographics: fit then takes no part. */
  readonly fitScored: boolean;
  readonly intent: IntentScore;
  /** Each contact's own decayed intent, by lead id. */
  readonly ownIntent: ReadonlyMap<string, number>;
  /** Contacts whose own intent is above zero, most intent first. */
  readonly engaged: readonly AccountContact[];
  readonly engagement: number;
  readonly coverage: CommitteeCoverage;
  /** Points each part adds to the score. */
  readonly points: Readonly<Record<keyof typeof ACCOUNT_WEIGHTS, number>>;
  /** What one point of a part's 0–100 is worth in the score (its weight, spread when fit is out). */
  readonly scale: Readonly<Record<keyof typeof ACCOUNT_WEIGHTS, number>>;
  readonly score: number;
}

/**
 * Measure an account at time `now` (ms) with a ruleset and committee: fit through the rules'
 * `scoreFit` on the company's facts (person rules left out); intent through `scoreIntent` on
 * every contact's events together; engagement as the contacts with intent of their own, against
 * `max(minEngaged, seats)`; committee coverage as the seats distinct people fill.
 */
export const measureAccount = (
  ruleset: Ruleset,
  committee: Committee,
  account: Account,
  now: number,
): AccountMeasures => {
  const fit = scoreFit(companyFitRules(ruleset.fit), { person: {}, company: account.company });
  const fitScored = fit.max > 0;
  const intent = scoreIntent(
    ruleset.intent,
    account.contacts.flatMap((c) => c.activities),
    now,
  );
  const ownIntent = new Map(
    account.contacts.map((c) => [c.leadId, scoreIntent(ruleset.intent, c.activities, now).score]),
  );
  const intentOf = (c: AccountContact): number => ownIntent.get(c.leadId) ?? 0;
  const engaged = account.contacts.filter((c) => intentOf(c) > 0).sort((a, b) => intentOf(b) - intentOf(a));
  const coverage = coverCommittee(committee.roles, account.contacts, new Set(engaged.map((c) => c.leadId)));
  const target = Math.max(committee.minEngaged, committee.roles.length);
  const engagement = Math.min(100, Math.round((100 * engaged.length) / target));
  const w = ACCOUNT_WEIGHTS;
  const spread = fitScored ? 1 : 1 / (1 - w.fit);
  const scale = {
    fit: fitScored ? w.fit : 0,
    intent: spread * w.intent,
    engagement: spread * w.engagement,
    committee: spread * w.committee,
  };
  const points = {
    fit: scale.fit * fit.score,
    intent: scale.intent * intent.score,
    engagement: scale.engagement * engagement,
    committee: scale.committee * coverage.score,
  };
  const score = Math.round(points.fit + points.intent + points.engagement + points.committee);
  return { fit, fitScored, intent, ownIntent, engaged, engagement, coverage, points, scale, score };
};
