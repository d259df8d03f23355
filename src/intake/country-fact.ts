import type { Fact } from '../domain/provenance.js';
import type { ProvenanceFor } from './build-lead-draft.js';
import type { FieldWarning } from './intake-record.js';
import { normalizeCountry } from './normalize/country.js';

/**
 * A country column as an ISO 3166 alpha-2 fact (the text as written kept in `raw` when it
 * differs), or a warning when the text names no known country.
 */
export const countryFact = (
  raw: string,
  field: 'country' | 'company_country',
  provenanceFor: ProvenanceFor,
  warnings: FieldWarning[],
): Fact<string> | undefined => {
  const code = normalizeCountry(raw);
  if (code === undefined) {
    warnings.push({ field, kind: 'unrecognized', value: raw, problem: 'not a known country' });
    return undefined;
  }
  const provenance = provenanceFor(field);
  return code === raw ? { value: code, provenance } : { value: code, raw, provenance };
};
