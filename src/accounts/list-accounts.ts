import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Clock } from '../domain/clock.js';
import type { LeadStore } from '../domain/lead-store.js';
import { contactFromLead, type AccountContact } from './account-contact.js';
import type { AccountDecision } from './account-decision.js';
import { groupAccounts, type Unassigned } from './group-accounts.js';
import { scoreAccount } from './score-account.js';

/** Every account decided, best first, and the leads no account could be formed for. */
export interface AccountsReport {
  readonly accounts: readonly AccountDecision[];
  readonly unassigned: readonly Unassigned[];
  /** Stored leads read. */
  readonly leads: number;
}

// Leads per read: two queries a page (leads, then their activities), never one per lead.
const PAGE = 1000;

const VERDICT_ORDER = { qualified: 0, needs_info: 1, not_qualified: 2 } as const;

/** Qualified first, then by score (highest first), then by key. */
export const byPriority = (a: AccountDecision, b: AccountDecision): number =>
  VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || b.score - a.score || (a.key < b.key ? -1 : 1);

/** Every stored lead with its activities, read a page at a time in bulk. */
export const readContacts = async (leads: LeadStore): Promise<AccountContact[]> => {
  const contacts: AccountContact[] = [];
  let cursor: string | undefined;
  do {
    const page = await leads.listLeads({ limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
    const activitiesOf = await leads.listActivitiesOf(page.leads.map((l) => l.id));
    for (const lead of page.leads) contacts.push(contactFromLead(lead, activitiesOf.get(lead.id) ?? []));
    cursor = page.next;
  } while (cursor !== undefined);
  return contacts;
};

/**
 * Group the stored leads into accounts and decide on each with the criteria at the clock's
 * time: qualified accounts first, then by score.
 */
export const listAccounts = async (
  deps: { readonly leads: LeadStore; readonly clock: Clock },
  criteria: LoadedCriteria,
): Promise<AccountsReport> => {
  const contacts = await readContacts(deps.leads);
  const { accounts, unassigned } = groupAccounts(contacts);
  const decided = accounts.map((account) => scoreAccount(deps, criteria, account)).sort(byPriority);
  return { accounts: decided, unassigned, leads: contacts.length };
};

/**
 * The account a key names: its own key (a domain or `name:…`), any domain joined into it, or a
 * subsidiary's key (which answers with the parent it rolls up to). Case does not matter.
 */
export const findAccount = (
  accounts: readonly AccountDecision[],
  key: string,
): AccountDecision | undefined => {
  const k = key.trim().toLowerCase();
  return accounts.find(
    (a) => a.key === k || a.domains.includes(k) || a.subsidiaries.some((s) => s.key === k),
  );
};
