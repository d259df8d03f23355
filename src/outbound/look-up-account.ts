import type { Activity } from '../domain/activity.js';
import type { Lead, LeadDraft } from '../domain/lead.js';
import type { IntakeContext } from '../intake/intake-record.js';
import type { CampaignConfig } from './campaign-config.js';
import { enrichAccount, prospectDraft, type ProspectingWaterfall } from './find-contacts.js';
import type { PeopleSearch } from './people-search.js';
import { prequalifyAccount, type Prequalification } from './prequalify-account.js';
import type { TargetAccount } from './read-target-accounts.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';

/** One target account looked up: its firmographics, pre-qualification, and the people found there. */
export interface LookedUpAccount {
  readonly target: TargetAccount;
  readonly verdict: Prequalification;
  readonly company: Lead['company'];
  readonly drafts: readonly LeadDraft[];
  /** Time zones the people search gave, by lower-cased address. */
  readonly timeZones: ReadonlyMap<string, string>;
  /** People intake could not read, each with why. */
  readonly problems: readonly string[];
}

/** What looking an account up needs: the criteria, and the vendors. */
export interface LookUpDeps {
  readonly criteria: LoadedCriteria;
  readonly people?: PeopleSearch;
  readonly waterfall?: ProspectingWaterfall;
}

/**
 * One account: firmographics through the waterfall, pre-qualification (with the stored behaviour
 * of people there), and — only when qualified — the people search, each person read by intake
 * and enriched for a verified address. Throws when a vendor failed (the account is then reported
 * failed and looked up again by the next prepare).
 */
export const lookUpAccount = async (
  deps: LookUpDeps,
  config: CampaignConfig,
  target: TargetAccount,
  activities: readonly Activity[],
  context: IntakeContext,
  nowMs: number,
): Promise<LookedUpAccount> => {
  const account = await enrichAccount(deps.waterfall, target, context);
  const verdict = prequalifyAccount(
    deps.criteria.fallback,
    { domain: target.domain, company: account.company },
    activities,
    { nowMs, minIntentGrade: config.prequalify.minIntentGrade },
  );
  const base = { target, verdict, company: account.company, drafts: [], timeZones: new Map(), problems: [] };
  if (verdict.verdict !== 'qualified' || deps.people === undefined) return base;
  const people = await deps.people.find(target.domain);
  const drafts: LeadDraft[] = [];
  const timeZones = new Map<string, string>();
  const problems: string[] = [];
  for (const person of people) {
    const made = await prospectDraft(deps.waterfall, person, { domain: target.domain, ...account }, context);
    if ('problem' in made) {
      problems.push(
        `${[person.firstName, person.lastName].filter(Boolean).join(' ') || 'someone'}: ${made.problem}`,
      );
      continue;
    }
    drafts.push(made.draft);
    const email = made.draft.person.email?.value.toLowerCase();
    if (email !== undefined && person.timeZone !== undefined) timeZones.set(email, person.timeZone);
  }
  return { ...base, drafts, timeZones, problems };
};
