import type { Lead } from '../../domain/lead.js';
import { personKey } from '../../intake/person-key.js';
import type { LeadsTable } from './database.js';
import { decodeFacts, encodeFacts, type LeadFactsJson } from './fact-document.js';

/** The lookup form of an email: trimmed and lower-cased (intake may normalize further). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The lookup form of a company key. */
export const normalizeCompanyKey = (key: string): string => key.trim().toLowerCase();

/** A lead as a `leads` row. */
export const leadToRow = (lead: Lead): LeadsTable => {
  const facts: LeadFactsJson = {
    ...(lead.source === undefined ? {} : { source: lead.source }),
    person: lead.person,
    company: lead.company,
    consent: lead.consent,
    custom: lead.custom,
    raw: lead.raw,
  };
  const email = lead.person.email?.value;
  return {
    id: lead.id,
    external_id: lead.externalId ?? null,
    email_normalized: email === undefined ? null : normalizeEmail(email),
    company_domain: lead.company.domain?.value ?? null,
    person_key: personKey(lead.person, lead.company) ?? null,
    source: lead.source?.value ?? null,
    facts: encodeFacts(facts),
    created_at: lead.createdAt,
    updated_at: lead.updatedAt,
  };
};

/** A `leads` row as a lead. */
export const rowToLead = (row: LeadsTable): Lead => {
  const facts = decodeFacts(row.facts);
  return {
    id: row.id,
    ...(row.external_id === null ? {} : { externalId: row.external_id }),
    ...facts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
};
