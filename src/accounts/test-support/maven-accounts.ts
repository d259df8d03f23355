import { readRows } from '../../test-support/read-rows.js';
import type { Lead } from '../../domain/lead.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import { contactFromLead, type AccountContact } from '../account-contact.js';

/** One Maven opportunity: which account, when it was engaged and, for closed ones, how it ended. */
export interface MavenOpportunity {
  readonly id: string;
  readonly account: string;
  readonly stage: 'Won' | 'Lost' | 'Engaging' | 'Prospecting';
  /** ISO date; absent for Prospecting. */
  readonly engagedAt?: string;
  /** ISO date; Won and Lost only. */
  readonly closedAt?: string;
}

/**
 * A Maven opportunity as an account contact: one buying conversation at the account (the data
 * names no people), carrying the account's firmographics from accounts.csv through leadsift's
 * own intake (sector, employees, revenue in millions, office location, `subsidiary_of`), and one
 * `meeting_booked` event on its engage date. The stage and close date are never in it.
 */
export interface MavenContact {
  readonly opportunity: MavenOpportunity;
  readonly contact: AccountContact;
}

/** The opportunities (every one) and the contacts of those with an account and an engage date. */
export const readMaven = async (
  dir: string,
): Promise<{ opportunities: MavenOpportunity[]; contacts: MavenContact[] }> => {
  const accounts = new Map((await readRows(`${dir}/accounts.csv`)).map((r) => [r['account'] ?? '', r]));
  const opportunities = (await readRows(`${dir}/sales_pipeline.csv`)).map((r): MavenOpportunity => ({
    id: r['opportunity_id'] ?? '',
    account: r['account'] ?? '',
    stage: r['deal_stage'] as MavenOpportunity['stage'],
    ...(r['engage_date'] ? { engagedAt: r['engage_date'] } : {}),
    ...(r['close_date'] ? { closedAt: r['close_date'] } : {}),
  }));
  const placed = opportunities.filter((o) => o.engagedAt !== undefined && accounts.has(o.account));
  const items = placed.map((o) => {
    const a = accounts.get(o.account)!;
    return {
      external_id: o.id,
      company: o.account,
      industry: a['sector'] ?? '',
      employees: a['employees'] ?? '',
      revenue: `$${a['revenue'] ?? ''} million`,
      company_country: a['office_location'] ?? '',
      subsidiary_of: a['subsidiary_of'] ?? '',
    };
  });
  const { accepted, rejected } = intakeJsonLeads(items, {
    origin: 'maven',
    receivedAt: '2016-10-01T00:00:00Z',
  });
  if (rejected.length > 0)
    throw new Error(`Maven rows rejected by intake: ${JSON.stringify(rejected.slice(0, 3))}`);
  const contacts = accepted.map(({ index, draft }): MavenContact => {
    const opportunity = placed[index]!;
    const lead: Lead = {
      ...draft,
      id: opportunity.id,
      createdAt: draft.receivedAt,
      updatedAt: draft.receivedAt,
    };
    const engaged = {
      id: `${opportunity.id}-engaged`,
      leadId: opportunity.id,
      type: 'meeting_booked' as const,
      occurredAt: `${opportunity.engagedAt!}T12:00:00.000Z`,
      properties: {},
      source: 'maven:sales_pipeline.csv',
    };
    return { opportunity, contact: contactFromLead(lead, [engaged]) };
  });
  return { opportunities, contacts };
};
