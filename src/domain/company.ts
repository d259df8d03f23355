import type { CompanyFacts } from './lead.js';

/**
 * A company (account) known to leadsift, independent of any one lead. Leads point at it by
 * domain; account scoring aggregates the leads that share it.
 */
export interface Company extends CompanyFacts {
  readonly id: string;
  /** The registrable domain is the company's key when known; otherwise the normalized name. */
  readonly key: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}
