import type { Activity } from '../domain/activity.js';
import type { CompanyFacts, CustomValue, Lead, PersonFacts } from '../domain/lead.js';
import type { Fact } from '../domain/provenance.js';
import type { ActivityFacts } from '../scoring/rules/score-intent.js';

/** What account scoring reads of one lead: the person, their company and their behaviour. */
export interface AccountContact {
  readonly leadId: string;
  readonly person: PersonFacts;
  readonly company: CompanyFacts;
  readonly activities: readonly ActivityFacts[];
  /**
   * The parent company, as the lead's record named it (a `subsidiary_of` or `parent_company`
   * column: a domain or a company name): the account rolls up to it.
   */
  readonly parent?: Fact<string>;
  /**
   * An account id the lead's source system stored (a CRM's account id, an `account_id`
   * column): contacts of different domains that share it belong to one account.
   */
  readonly accountId?: Fact<string>;
}

/** Custom columns read as the parent company, first present wins. */
export const PARENT_COLUMNS = ['subsidiary_of', 'parent_company', 'parent_domain', 'parent_account'] as const;
/** Custom columns read as an explicit account id, first present wins. */
export const ACCOUNT_ID_COLUMNS = ['account_id', 'crm_account_id', 'accountid'] as const;

const textFact = (fact: Fact<CustomValue> | undefined): Fact<string> | undefined => {
  if (fact === undefined) return undefined;
  const value = String(fact.value).trim();
  return value === '' ? undefined : { ...fact, value };
};

const firstOf = (lead: Lead, columns: readonly string[]): Fact<string> | undefined => {
  const byName = new Map(
    Object.entries(lead.custom).map(([k, v]) => [k.toLowerCase().replace(/[^a-z0-9]+/g, '_'), v]),
  );
  for (const column of columns) {
    const fact = textFact(byName.get(column));
    if (fact !== undefined) return fact;
  }
  return undefined;
};

/** A stored lead and its activities as an account contact (parent and account id from its custom fields). */
export const contactFromLead = (lead: Lead, activities: readonly Activity[]): AccountContact => {
  const parent = firstOf(lead, PARENT_COLUMNS);
  const accountId = firstOf(lead, ACCOUNT_ID_COLUMNS);
  return {
    leadId: lead.id,
    person: lead.person,
    company: lead.company,
    activities,
    ...(parent === undefined ? {} : { parent }),
    ...(accountId === undefined ? {} : { accountId }),
  };
};
