import type { Kysely } from 'kysely';
import { listAccounts, type AccountsReport } from '../accounts/list-accounts.js';
import { accountSourceStamp } from '../adapters/storage/account-source-stamp.js';
import type { Database } from '../adapters/storage/database.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';

/** The account decisions the API answers with, recomputed only when needed. */
export interface AccountReports {
  current(): Promise<AccountsReport>;
}

/** Reused at most this long even when nothing changed: intent decays with time alone. */
export const ACCOUNT_REPORT_MAX_AGE_MS = 60_000;

/**
 * Account decisions kept in memory between requests: deciding every account reads every stored
 * lead (seconds at a hundred thousand), so the last report is reused while the criteria version
 * and the store's stamp (lead and activity counts and newest changes) are the same and it is
 * younger than `maxAgeMs`. Concurrent requests share one computation; a failed one is not kept.
 */
export const createAccountReports = (
  deps: {
    readonly leads: LeadStore;
    readonly db: Kysely<Database>;
    readonly clock: Clock;
    readonly criteria: () => Promise<LoadedCriteria>;
  },
  maxAgeMs = ACCOUNT_REPORT_MAX_AGE_MS,
): AccountReports => {
  let kept: { stamp: string; at: number; report: Promise<AccountsReport> } | undefined;
  return {
    current: async () => {
      const criteria = await deps.criteria();
      const stamp = `${criteria.version}|${await accountSourceStamp(deps.db)}`;
      const now = deps.clock.now();
      if (kept !== undefined && kept.stamp === stamp && now - kept.at < maxAgeMs) return kept.report;
      const report = listAccounts({ leads: deps.leads, clock: deps.clock }, criteria);
      const entry = { stamp, at: now, report };
      kept = entry;
      report.catch(() => {
        if (kept === entry) kept = undefined;
      });
      return report;
    },
  };
};
