import type { CompanyFacts, PersonFacts } from '../domain/lead.js';
import { derivedFact } from '../domain/provenance.js';
import type { ProvenanceFor } from './build-lead-draft.js';
import { countryFact } from './country-fact.js';
import type { InputField } from './input-fields.js';
import type { FieldWarning } from './intake-record.js';
import { parseCompanySize } from './normalize/company-size.js';
import { boundedCache } from './normalize/bounded-cache.js';
import { normalizeDomain } from './normalize/domain.js';
import { normalizeIndustry } from './normalize/industry.js';
import { parseRevenue } from './normalize/revenue.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Fields = Readonly<Partial<Record<InputField, string>>>;

const LIST_SEPARATOR = /\s*[,;|]\s*/;

/** Websites and email domains repeat once per colleague: normalize each once. */
const domainOf = boundedCache(normalizeDomain, 20_000);

/** The company's registrable domain: from the domain column, else the website, else a work email. */
const addDomain = (
  fields: Fields,
  provenanceFor: ProvenanceFor,
  person: PersonFacts,
  company: Mutable<CompanyFacts>,
  warnings: FieldWarning[],
): void => {
  for (const field of ['domain', 'website'] as const) {
    const raw = fields[field];
    if (raw === undefined) continue;
    const domain = domainOf(raw);
    if (domain.ok) {
      company.domain = { value: domain.domain, raw, provenance: provenanceFor(field) };
      return;
    }
    warnings.push({ field, kind: 'invalid', value: raw, problem: domain.problem });
  }
  const email = person.email;
  const type = person.emailType?.value;
  if (email !== undefined && (type === 'corporate' || type === 'role')) {
    // The registrable domain, so that jane@sales.acme.com and the website acme.com agree.
    const domain = domainOf(email.value.slice(email.value.lastIndexOf('@') + 1));
    if (domain.ok)
      company.domain = derivedFact(domain.domain, 'domain.from-email', 'person.email', email.provenance.at);
  }
};

const addSize = (
  raw: string,
  provenanceFor: ProvenanceFor,
  company: Mutable<CompanyFacts>,
  warnings: FieldWarning[],
): void => {
  const size = parseCompanySize(raw);
  if (size === undefined) {
    warnings.push({
      field: 'employees',
      kind: 'unrecognized',
      value: raw,
      problem: 'expected a number or a range such as 51-200',
    });
    return;
  }
  const provenance = provenanceFor('employees');
  company.employees = { value: size.range, raw, provenance };
  company.sizeBand = derivedFact(size.band, 'company-size.band', 'company.employees', provenance.at);
};

/** Annual revenue in US dollars; an amount in another currency is kept raw with a warning (no FX rates offline). */
const addRevenue = (
  raw: string,
  provenanceFor: ProvenanceFor,
  company: Mutable<CompanyFacts>,
  warnings: FieldWarning[],
): void => {
  const revenue = parseRevenue(raw);
  if (revenue === undefined) {
    warnings.push({
      field: 'revenue',
      kind: 'unrecognized',
      value: raw,
      problem: 'expected an amount such as $10M or 1-5 billion',
    });
  } else if (revenue.currency !== undefined && revenue.currency !== 'USD') {
    warnings.push({
      field: 'revenue',
      kind: 'unrecognized',
      value: raw,
      problem: `an amount in ${revenue.currency}: not converted to US dollars`,
    });
  } else {
    const value = revenue.max === undefined ? { min: revenue.min } : { min: revenue.min, max: revenue.max };
    company.revenue = { value, raw, provenance: provenanceFor('revenue') };
  }
};

/**
 * Build the company's facts from a record's fields (and the person's email for the domain).
 * Values that cannot be normalized stay in the raw record and become warnings.
 */
export const buildCompanyFacts = (
  fields: Fields,
  provenanceFor: ProvenanceFor,
  person: PersonFacts,
  warnings: FieldWarning[],
): CompanyFacts => {
  const company: Mutable<CompanyFacts> = {};
  if (fields.company !== undefined)
    company.name = { value: fields.company, provenance: provenanceFor('company') };
  addDomain(fields, provenanceFor, person, company, warnings);
  if (fields.industry !== undefined) {
    const industry = normalizeIndustry(fields.industry);
    if (industry === undefined) {
      warnings.push({
        field: 'industry',
        kind: 'unrecognized',
        value: fields.industry,
        problem: 'not in the industry taxonomy',
      });
    } else
      company.industry = { value: industry.id, raw: fields.industry, provenance: provenanceFor('industry') };
  }
  if (fields.employees !== undefined) addSize(fields.employees, provenanceFor, company, warnings);
  if (fields.revenue !== undefined) addRevenue(fields.revenue, provenanceFor, company, warnings);
  if (fields.company_country !== undefined) {
    const country = countryFact(fields.company_country, 'company_country', provenanceFor, warnings);
    if (country !== undefined) company.country = country;
  }
  if (fields.technologies !== undefined) {
    const list = fields.technologies.split(LIST_SEPARATOR).filter((t) => t !== '');
    company.technologies = {
      value: list,
      raw: fields.technologies,
      provenance: provenanceFor('technologies'),
    };
  }
  return company;
};
