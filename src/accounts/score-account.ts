import type { FitRules } from '../criteria/fit-rules.js';
import type { LoadedCriteria, Ruleset } from '../criteria/load-criteria.js';
import { DEFAULT_COMMITTEE } from '../criteria/committee-schema.js';
import type { Clock } from '../domain/clock.js';
import type { MissingFact, Verdict } from '../domain/decision.js';
import { scoreFit } from '../scoring/rules/score-fit.js';
import { scoreIntent } from '../scoring/rules/score-intent.js';
import type { AccountContact } from './account-contact.js';
import type { AccountContactView, AccountDecision, AccountReason } from './account-decision.js';
import { committeeReasons, engagementReason, intentReasons } from './account-reasons.js';
import { coverCommittee } from './cover-committee.js';
import { describeContact, roleWords } from './describe-contact.js';
import type { Account } from './group-accounts.js';

/** The account engine's version, recorded on every account decision. */
export const ACCOUNTS_ENGINE = 'leadsift-accounts@1';

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

const fitGrade = (score: number, g: Ruleset['grades']['fit']): 'A' | 'B' | 'C' | 'D' =>
  score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';

const intentGrade = (score: number, g: Ruleset['grades']['intent']): 1 | 2 | 3 | 4 =>
  score >= g['1'] ? 1 : score >= g['2'] ? 2 : score >= g['3'] ? 3 : 4;

const view = (c: AccountContact, intent: number): AccountContactView => {
  const name = [c.person.firstName?.value, c.person.lastName?.value].filter((p) => p !== undefined).join(' ');
  return {
    leadId: c.leadId,
    ...(name === '' ? {} : { name }),
    ...(c.person.title === undefined ? {} : { title: c.person.title.value }),
    ...(c.person.seniority === undefined ? {} : { seniority: c.person.seniority.value }),
    ...(c.person.jobFunction === undefined ? {} : { jobFunction: c.person.jobFunction.value }),
    engaged: intent > 0,
    intent,
  };
};

/** Disqualifiers that apply to a company: a competitor's domain, a country not served. */
const disqualifiers = (ruleset: Ruleset, account: Account): AccountReason[] => {
  const out: AccountReason[] = [];
  const rival = account.domains.find((d) => ruleset.disqualifiers.competitorDomains.includes(d));
  if (rival !== undefined)
    out.push({ text: `${rival} is a competitor's domain`, kind: 'disqualifier', effect: 0, facts: [] });
  const country = account.company.country;
  if (country !== undefined && ruleset.disqualifiers.countriesNotServed.includes(country.value))
    out.push({
      text: `Based in ${country.value}, a country not served`,
      kind: 'disqualifier',
      effect: 0,
      facts: [{ field: 'company.country', value: country.value, provenance: country.provenance }],
    });
  return out;
};

/**
 * Decide on an account with the criteria's default ruleset (playbooks choose paths for leads,
 * not companies): fit is the company's firmographics against the fit rules (`scoreFit`, the
 * person rules left out); intent is every contact's events together (`scoreIntent`, decayed
 * with the ruleset's half-life); engagement is the number of contacts whose own intent is above
 * zero, against the committee's size; committee coverage is the share of the ideal committee's
 * seats filled by distinct known people. A disqualifier makes it `not_qualified`; firmographics
 * the fit rules need but nobody knows make it `needs_info`; otherwise it is `qualified` when the
 * score reaches the ruleset's `minScore`, the fit grade its `minFitGrade` and it has at least
 * `committee.minEngaged` engaged contacts. Deterministic for the same account, criteria and clock.
 */
export const scoreAccount = (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  account: Account,
): AccountDecision => {
  const now = deps.clock.now();
  const ruleset = criteria.fallback;
  const committee = ruleset.committee ?? DEFAULT_COMMITTEE;
  const fitRules = companyFitRules(ruleset.fit);
  const fit = scoreFit(fitRules, { person: {}, company: account.company });
  const fitScored = fit.max > 0;
  const intent = scoreIntent(
    ruleset.intent,
    account.contacts.flatMap((c) => c.activities),
    now,
  );
  const ownIntent = new Map(
    account.contacts.map((c) => [c.leadId, scoreIntent(ruleset.intent, c.activities, now).score]),
  );
  const engaged = account.contacts
    .filter((c) => (ownIntent.get(c.leadId) ?? 0) > 0)
    .sort((a, b) => (ownIntent.get(b.leadId) ?? 0) - (ownIntent.get(a.leadId) ?? 0));
  const coverage = coverCommittee(committee.roles, account.contacts, new Set(engaged.map((c) => c.leadId)));
  const target = Math.max(committee.minEngaged, committee.roles.length);
  const engagementScore = Math.min(100, Math.round((100 * engaged.length) / target));

  const w = ACCOUNT_WEIGHTS;
  const spread = fitScored ? 1 : 1 / (1 - w.fit);
  const part = {
    fit: fitScored ? w.fit * fit.score : 0,
    intent: spread * w.intent * intent.score,
    engagement: spread * w.engagement * engagementScore,
    committee: spread * w.committee * coverage.score,
  };
  const score = Math.round(part.fit + part.intent + part.engagement + part.committee);
  const grades = {
    fit: fitGrade(fit.score, ruleset.grades.fit),
    intent: intentGrade(intent.score, ruleset.grades.intent),
  };

  const disqualified = disqualifiers(ruleset, account);
  const missing: MissingFact[] =
    fitScored && fit.reasons.length === 0
      ? [
          { field: 'company.industry', how: 'enrich' },
          { field: 'company.employees', how: 'enrich' },
        ]
      : [];
  const v = ruleset.verdicts;
  const short: AccountReason[] = [];
  if (fitScored && grades.fit > v.minFitGrade)
    short.push({
      text: `Company fit grade ${grades.fit} is below the ${v.minFitGrade} required`,
      kind: 'fit',
      effect: 0,
      facts: [],
    });
  if (engaged.length < committee.minEngaged)
    short.push({
      text: `${engaged.length} engaged contact${engaged.length === 1 ? '' : 's'}, fewer than the ${committee.minEngaged} required`,
      kind: 'engagement',
      effect: 0,
      facts: [],
    });
  if (score < v.minScore)
    short.push({
      text: `Account score ${score} is below the ${v.minScore} required`,
      kind: 'fit',
      effect: 0,
      facts: [],
    });
  const verdict: Verdict =
    disqualified.length > 0
      ? 'not_qualified'
      : missing.length > 0
        ? 'needs_info'
        : short.length === 0
          ? 'qualified'
          : 'not_qualified';

  const round = (x: number): number => Math.round(x * 10) / 10;
  const reasons: AccountReason[] = [
    ...disqualified,
    ...(verdict === 'not_qualified' && disqualified.length === 0 ? short : []),
    ...missing.map((m): AccountReason => ({
      text: `Missing ${m.field}: enrich`,
      kind: 'missing',
      effect: 0,
      facts: [],
    })),
    engagementReason(account.contacts, engaged, ruleset.intent.windowDays, round(part.engagement)),
    ...intentReasons(intent.reasons, account.contacts).map((r) => ({
      ...r,
      effect: round(spread * w.intent * r.effect),
    })),
    ...committeeReasons(coverage, round(part.committee)),
    ...fit.reasons.map((r): AccountReason => ({
      ...r,
      effect: round((w.fit * 100 * r.effect) / Math.max(1, fit.max)),
    })),
  ];
  return {
    key: account.key,
    keyedBy: account.keyedBy,
    ...(account.name === undefined ? {} : { name: account.name }),
    domains: account.domains,
    verdict,
    score,
    grade: `${fitScored ? grades.fit : '-'}${grades.intent}`,
    fit: { score: fit.score, grade: grades.fit, scored: fitScored },
    intent: { score: intent.score, grade: grades.intent },
    engagement: { score: engagementScore, engaged: engaged.length, contacts: account.contacts.length },
    committee: {
      score: coverage.score,
      filled: coverage.filled,
      seats: coverage.seats.map((s) =>
        s.filledBy === undefined
          ? { role: roleWords(s.role) }
          : { role: roleWords(s.role), filledBy: describeContact(s.filledBy) },
      ),
    },
    contacts: account.contacts.map((c) => view(c, ownIntent.get(c.leadId) ?? 0)),
    subsidiaries: account.subsidiaries,
    reasons,
    missing,
    versions: { engine: ACCOUNTS_ENGINE, criteria: criteria.version },
    decidedAt: new Date(now).toISOString(),
  };
};
