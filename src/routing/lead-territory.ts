import type { Territory } from '../criteria/resolve-routing.js';
import type { Lead } from '../domain/lead.js';

/**
 * Where a lead is: its person's country, else its company's, and the first territory (in the
 * criteria file's order) listing that country. List narrow territories before broad ones.
 */
export const leadTerritory = (
  lead: Pick<Lead, 'person' | 'company'>,
  territories: readonly Territory[],
): { readonly country?: string; readonly territory?: string } => {
  const country = (lead.person.country?.value ?? lead.company.country?.value)?.toUpperCase();
  if (country === undefined) return {};
  const territory = territories.find((t) => t.countries.includes(country));
  return territory === undefined ? { country } : { country, territory: territory.name };
};
