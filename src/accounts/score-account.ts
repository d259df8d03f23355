import type { LoadedCriteria, Ruleset } from '../criteria/load-criteria.js';
import { DEFAULT_COMMITTEE } from '../criteria/committee-schema.js';
import type { Clock } from '../domain/clock.js';
import type { AccountContact } from './account-contact.js';
import type { AccountContactView, AccountDecision, AccountReason } from './account-decision.js';
import { committeeReasons, engagementReason, intentReasons } from './account-reasons.js';
import { accountVerdict } from './account-verdict.js';
import { describeContact, roleWords } from './describe-contact.js';
import type { Account } from './group-accounts.js';
import { measureAccount, type AccountMeasures } from './measure-account.js';

export { ACCOUNT_WEIGHTS, companyFitRules } from './measure-account.js';

/** The account engine's version, recorded on every account decision. */
export const ACCOUNTS_ENGINE = 'leadsift-accounts@1';

const fitGrade = (score: number, g: Ruleset['grades']['fit']): 'A' | 'B' | 'C' | 'D' =>
  score >= g.A ? 'A' : score >= g.B ? 'B' : score >= g.C ? 'C' : 'D';

const intentGrade = (score: number, g: Ruleset['grades']['intent']): 1 | 2 | 3 | 4 =>
  score >= g['1'] ? 1 : score >= g['2'] ? 2 : score >= g['3'] ? 3 : 4;

const round = (x: number): number => Math.round(x * 10) / 10;

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

/** The reasons of the parts, each effect being the points it adds to the account score. */
const partReasons = (account: Account, m: AccountMeasures, windowDays: number): AccountReason[] => [
  engagementReason(account.contacts, m.engaged, windowDays, round(m.points.engagement)),
  ...intentReasons(m.intent.reasons, account.contacts).map((r) => ({
    ...r,
    effect: round(m.scale.intent * r.effect),
  })),
  ...committeeReasons(m.coverage, round(m.points.committee)),
  ...m.fit.reasons.map((r): AccountReason => ({
    ...r,
    effect: round((m.scale.fit * 100 * r.effect) / Math.max(1, m.fit.max)),
  })),
];

/**
 * Decide on an account with the criteria's default ruleset (playbooks choose paths for leads,
 * not companies) and its committee (the default committee when the criteria have none): the
 * four parts of `measureAccount`, the verdict of `accountVerdict`, and reasons an AE can read —
 * what decided it first, then engagement, intent, the committee and fit, each citing its facts.
 * Deterministic for the same account, criteria and clock.
 */
export const scoreAccount = (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  account: Account,
): AccountDecision => {
  const now = deps.clock.now();
  const ruleset = criteria.fallback;
  const committee = ruleset.committee ?? DEFAULT_COMMITTEE;
  const m = measureAccount(ruleset, committee, account, now);
  const grades = {
    fit: fitGrade(m.fit.score, ruleset.grades.fit),
    intent: intentGrade(m.intent.score, ruleset.grades.intent),
  };
  const decided = accountVerdict(ruleset, committee, account, m, grades.fit);
  const missingReasons = decided.missing.map((f): AccountReason => ({
    text: `Missing ${f.field}: enrich`,
    kind: 'missing',
    effect: 0,
    facts: [],
  }));
  return {
    key: account.key,
    keyedBy: account.keyedBy,
    ...(account.name === undefined ? {} : { name: account.name }),
    domains: account.domains,
    verdict: decided.verdict,
    score: m.score,
    grade: `${m.fitScored ? grades.fit : '-'}${grades.intent}`,
    fit: { score: m.fit.score, grade: grades.fit, scored: m.fitScored },
    intent: { score: m.intent.score, grade: grades.intent },
    engagement: { score: m.engagement, engaged: m.engaged.length, contacts: account.contacts.length },
    committee: {
      score: m.coverage.score,
      filled: m.coverage.filled,
      seats: m.coverage.seats.map((s) => ({
        role: roleWords(s.role),
        ...(s.filledBy === undefined ? {} : { filledBy: describeContact(s.filledBy) }),
      })),
    },
    contacts: account.contacts.map((c) => view(c, m.ownIntent.get(c.leadId) ?? 0)),
    subsidiaries: account.subsidiaries,
    reasons: [
      ...decided.disqualified,
      ...decided.short,
      ...missingReasons,
      ...partReasons(account, m, ruleset.intent.windowDays),
    ],
    missing: decided.missing,
    versions: { engine: ACCOUNTS_ENGINE, criteria: criteria.version },
    decidedAt: new Date(now).toISOString(),
  };
};
