/**
 * Regions a criteria file may name instead of listing countries (ISO 3166 alpha-2). Sales
 * territories, not geography lessons: EMEA, for instance, is Europe plus the Middle East and
 * Africa as sales teams use it.
 */
export const REGIONS: Readonly<Record<string, readonly string[]>> = {
  NA: ['US', 'CA'],
  NORAM: ['US', 'CA'],
  LATAM: ['MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'PY', 'BO', 'EC', 'VE', 'CR', 'PA', 'GT', 'DO', 'SV', 'HN', 'NI'],
  EU: ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'],
  DACH: ['DE', 'AT', 'CH'],
  BENELUX: ['BE', 'NL', 'LU'],
  NORDICS: ['DK', 'FI', 'IS', 'NO', 'SE'],
  UKI: ['GB', 'IE'],
  ANZ: ['AU', 'NZ'],
  MENA: ['AE', 'SA', 'QA', 'KW', 'BH', 'OM', 'EG', 'MA', 'TN', 'DZ', 'JO', 'LB', 'IL', 'TR'],
  APAC: ['AU', 'NZ', 'JP', 'KR', 'CN', 'HK', 'TW', 'SG', 'MY', 'TH', 'VN', 'PH', 'ID', 'IN'],
}; // prettier-ignore

/** Europe as a sales region: the EU plus the UK, Switzerland, Norway and Iceland. */
const EUROPE = [...(REGIONS['EU'] ?? []), 'GB', 'CH', 'NO', 'IS'];

/** EMEA: Europe, the Middle East and Africa's main markets. */
const EMEA = [...EUROPE, ...(REGIONS['MENA'] ?? []), 'ZA', 'NG', 'KE'];

/** Every region name with its countries. */
export const REGION_COUNTRIES: Readonly<Record<string, readonly string[]>> = { ...REGIONS, EUROPE, EMEA };

/** Countries and region names → the countries they stand for, without repeats, in order. */
export const expandRegions = (entries: readonly string[]): string[] => [
  ...new Set(entries.flatMap((e) => REGION_COUNTRIES[e] ?? [e])),
];
