import type { Lead, LeadDraft } from '../domain/lead.js';
import type { EnrichmentSubject } from './enrich-lead.js';
import type { EnrichableField, ProviderQuery } from './provider.js';

type LeadLike = Pick<Lead | LeadDraft, 'person' | 'company' | 'custom'>;

/** Where each enrichable field lives on a lead, to tell which ones it already has. */
const HAS: Readonly<Record<EnrichableField, (l: LeadLike) => boolean>> = {
  'company.name': (l) => l.company.name !== undefined,
  'company.domain': (l) => l.company.domain !== undefined,
  'company.industry': (l) => l.company.industry !== undefined,
  'company.employees': (l) => l.company.employees !== undefined,
  'company.revenue': (l) => l.company.revenue !== undefined,
  'company.country': (l) => l.company.country !== undefined,
  'company.technologies': (l) => l.company.technologies !== undefined,
  'company.city': (l) => l.custom['company.city'] !== undefined,
  'company.description': (l) => l.custom['company.description'] !== undefined,
  'company.linkedin': (l) => l.custom['company.linkedin'] !== undefined,
  'person.title': (l) => l.person.title !== undefined,
  'person.email': (l) => l.person.email !== undefined,
  'person.phone': (l) => l.person.phone !== undefined,
  'person.linkedin': (l) => l.person.linkedin !== undefined,
};

/** A lead as the waterfall sees it: what it can be looked up by, and the fields it already has. */
export const subjectOf = (lead: LeadLike): EnrichmentSubject => {
  const q: Record<string, string> = {};
  const put = (key: keyof ProviderQuery, value: string | undefined): void => {
    if (value !== undefined && value !== '') q[key] = value;
  };
  put('email', lead.person.email?.value);
  put('domain', lead.company.domain?.value);
  put('companyName', lead.company.name?.value);
  put('firstName', lead.person.firstName?.value);
  put('lastName', lead.person.lastName?.value);
  put('title', lead.person.title?.value);
  put('country', lead.company.country?.value ?? lead.person.country?.value);
  const present = new Set<EnrichableField>();
  for (const [field, has] of Object.entries(HAS) as [EnrichableField, (l: LeadLike) => boolean][])
    if (has(lead)) present.add(field);
  return { query: q as ProviderQuery, present };
};
