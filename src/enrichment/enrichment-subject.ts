import type { Lead, LeadDraft } from '../domain/lead.js';
import type { EnrichmentSubject } from './enrich-lead.js';
import type { Fact } from '../domain/provenance.js';
import type { EnrichableField, ProvidedValue, ProviderQuery } from './provider.js';

type LeadLike = Pick<Lead | LeadDraft, 'person' | 'company' | 'custom'>;

/** Where each enrichable field lives on a lead: its fact, when it has one. */
const FACT: Readonly<Record<EnrichableField, (l: LeadLike) => Fact<unknown> | undefined>> = {
  'company.name': (l) => l.company.name,
  'company.domain': (l) => l.company.domain,
  'company.industry': (l) => l.company.industry,
  'company.employees': (l) => l.company.employees,
  'company.revenue': (l) => l.company.revenue,
  'company.country': (l) => l.company.country,
  'company.technologies': (l) => l.company.technologies,
  'company.city': (l) => l.custom['company.city'],
  'company.description': (l) => l.custom['company.description'],
  'company.linkedin': (l) => l.custom['company.linkedin'],
  'person.title': (l) => l.person.title,
  'person.email': (l) => l.person.email,
  'person.phone': (l) => l.person.phone,
  'person.linkedin': (l) => l.person.linkedin,
};
const FACTS = Object.entries(FACT) as [EnrichableField, (l: LeadLike) => Fact<unknown> | undefined][];

/** Whether a fact is an enrichment guess nobody confirmed (or a verifier refuted). */
export const isUnverifiedGuess = (fact: Fact<unknown>): boolean =>
  fact.provenance.source === 'enrichment' && fact.provenance.verified === false;

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
  let unverified: Map<EnrichableField, ProvidedValue> | undefined;
  for (const [field, factOf] of FACTS) {
    const fact = factOf(lead);
    if (fact === undefined) continue;
    present.add(field);
    // Stored values are what providers supplied (text, ranges, lists), so they compare as such.
    if (isUnverifiedGuess(fact)) (unverified ??= new Map()).set(field, fact.value as ProvidedValue);
  }
  const query = q as ProviderQuery;
  return unverified === undefined ? { query, present } : { query, present, unverified };
};
