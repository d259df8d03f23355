import { groupAccounts } from '../accounts/group-accounts.js';
import { readContacts } from '../accounts/list-accounts.js';
import type { LeadStore } from '../domain/lead-store.js';
import type { TargetAccount } from './read-target-accounts.js';

/**
 * The stored accounts as campaign targets (`targets: { stored: true }`): the stored leads grouped
 * into companies as `leadsift accounts` groups them, each account known by a domain with the
 * company facts its contacts carry. Accounts known only by a company name have no domain to
 * reach and are left out.
 */
export const storedTargetAccounts = async (leads: LeadStore): Promise<TargetAccount[]> => {
  const { accounts } = groupAccounts(await readContacts(leads));
  return accounts
    .filter((a) => a.keyedBy === 'domain')
    .map((a) => ({ domain: a.key, company: a.company }))
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
};
