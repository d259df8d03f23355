import type { LoadedCriteria } from '../../criteria/load-criteria.js';
import type { AccountDecision } from '../account-decision.js';
import { fixedClock } from '../../domain/clock.js';
import { companyNameKey } from '../account-key.js';
import { groupAccounts } from '../group-accounts.js';
import { scoreAccount } from '../score-account.js';
import type { MavenContact, MavenOpportunity } from './maven-accounts.js';

/** One account at one cutoff: its score then, and how its deals closing in the next window ended. */
export interface RankedAccount {
  readonly cutoff: string;
  readonly key: string;
  readonly score: number;
  /** The four parts of the score. */
  readonly parts: Readonly<Record<'fit' | 'intent' | 'engagement' | 'committee', number>>;
  readonly won: number;
  readonly lost: number;
}

const DAY_MS = 86_400_000;

const figures = (d: AccountDecision): Pick<RankedAccount, 'score' | 'parts'> => ({
  score: d.score,
  parts: {
    fit: d.fit.score,
    intent: d.intent.score,
    engagement: d.engagement.score,
    committee: d.committee.score,
  },
});

/**
 * Score every account at each cutoff on what happened before it — the firmographics and the
 * opportunities engaged strictly before the cutoff, as engagement events; no stage and no close
 * date ever — and count, per account, its deals won and lost in the `windowDays` after the
 * cutoff (a subsidiary's deals count for the parent it rolls up to).
 */
export const rankMavenAccounts = (
  criteria: LoadedCriteria,
  data: { readonly contacts: readonly MavenContact[]; readonly opportunities: readonly MavenOpportunity[] },
  cutoffs: readonly string[],
  windowDays: number,
): RankedAccount[] => {
  const out: RankedAccount[] = [];
  for (const cutoff of cutoffs) {
    const at = Date.parse(cutoff);
    const before = data.contacts
      .filter((c) => Date.parse(c.opportunity.engagedAt!) < at)
      .map((c) => c.contact);
    const clock = fixedClock(at);
    const topOf = new Map<string, string>();
    const scores = new Map<string, Pick<RankedAccount, 'score' | 'parts'>>();
    for (const account of groupAccounts(before).accounts) {
      scores.set(account.key, figures(scoreAccount({ clock }, criteria, account)));
      for (const k of [account.key, ...account.subsidiaries.map((s) => s.key)]) topOf.set(k, account.key);
    }
    const tally = new Map<string, { won: number; lost: number }>();
    for (const o of data.opportunities) {
      if (o.closedAt === undefined) continue;
      const closed = Date.parse(o.closedAt);
      if (closed < at || closed >= at + windowDays * DAY_MS) continue;
      const key = topOf.get(`name:${companyNameKey(o.account)}`);
      if (key === undefined) continue; // an account with nothing engaged before the cutoff has no score
      const t = tally.get(key) ?? { won: 0, lost: 0 };
      if (o.stage === 'Won') t.won += 1;
      else t.lost += 1;
      tally.set(key, t);
    }
    for (const [key, t] of tally) out.push({ cutoff, key, ...scores.get(key)!, ...t });
  }
  return out;
};

/** Mondays from `from` (itself a Monday) up to, not including, `to`, as ISO times. */
export const weeklyCutoffs = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(from); t < Date.parse(to); t += 7 * DAY_MS) out.push(new Date(t).toISOString());
  return out;
};
