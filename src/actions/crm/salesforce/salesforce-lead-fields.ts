import type { Lead } from '../../../domain/lead.js';
import type { CrmUpdate } from '../crm-write-back.js';
import { summarizeReasons } from '../summarize-reasons.js';

/** What fills a required Lead field leadsift does not know. */
export const NOT_PROVIDED = '[not provided]';

// Salesforce's limits on the standard fields (LastName 80, Company 255, Title 128).
const clip = (text: string, max: number): string => (text.length <= max ? text : text.slice(0, max));

/** The last name, else the email's local part, else NOT_PROVIDED: LastName is required. */
const lastNameOf = (lead: Lead): string => {
  const name = lead.person.lastName?.value.trim();
  if (name) return name;
  const local = lead.person.email?.value.split('@')[0]?.trim();
  return local || NOT_PROVIDED;
};

/** The company name, else its domain, else NOT_PROVIDED: Company is required. */
const companyOf = (lead: Lead): string =>
  lead.company.name?.value.trim() || lead.company.domain?.value.trim() || NOT_PROVIDED;

/**
 * The Lead fields for a decision. LastName and Company are always present (Salesforce requires
 * them to create a Lead); the person's other fields only when known. The external id field is
 * not in the body: it is the upsert URL's last segment.
 */
export const salesforceLeadFields = (
  update: CrmUpdate,
  ownerId: string | undefined,
): Record<string, string | number> => {
  const { lead, decision } = update;
  const optional: Record<string, string | undefined> = {
    FirstName: lead.person.firstName?.value,
    Email: lead.person.email?.value,
    Title: lead.person.title === undefined ? undefined : clip(lead.person.title.value, 128),
    OwnerId: ownerId,
  };
  return {
    LastName: clip(lastNameOf(lead), 80),
    Company: clip(companyOf(lead), 255),
    ...Object.fromEntries(Object.entries(optional).filter((e): e is [string, string] => e[1] !== undefined)),
    Leadsift_Score__c: decision.score,
    Leadsift_Verdict__c: decision.verdict,
    Leadsift_Grade__c: decision.grade,
    Leadsift_Reasons__c: summarizeReasons(decision),
  };
};

/** A SOQL string literal: quotes and backslashes escaped, as SOQL requires. */
export const soqlString = (text: string): string => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
