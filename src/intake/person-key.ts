import type { CompanyFacts, PersonFacts } from '../domain/lead.js';

/**
 * The key that says two records are the same person when neither has an email: first and last
 * name at the company's registrable domain, lower-cased (`ann lee@acme.com`); without a name and
 * domain, the phone number in E.164 (`tel:+14155550123`). Absent otherwise: a name alone, or a
 * company alone, would merge strangers.
 */
export const personKey = (person: PersonFacts, company: CompanyFacts): string | undefined => {
  const last = person.lastName?.value;
  const domain = company.domain?.value;
  if (last !== undefined && domain !== undefined) {
    return `${(person.firstName?.value ?? '').toLowerCase()} ${last.toLowerCase()}@${domain}`;
  }
  const phone = person.phone?.value;
  return phone === undefined ? undefined : `tel:${phone}`;
};
