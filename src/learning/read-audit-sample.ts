import type { LeadStore } from '../domain/lead-store.js';
import type { AuditCounts, AuditEntry } from './audit-sample.js';
import { drawAuditSample } from './draw-audit-sample.js';
import { falseNegativeRate, type FalseNegativeRate } from './false-negative-rate.js';
import type { LearningStore } from './learning-store.js';

/** The audit sample as a person follows it up: the leads with names, the counts and the rate. */
export interface AuditSampleView {
  readonly share: number;
  readonly counts: AuditCounts;
  readonly falseNegativeRate: FalseNegativeRate;
  readonly leads: ReadonlyArray<AuditEntry & { readonly name: string }>;
}

const ALL_TIME = { from: '0000', to: '9999' };

/**
 * Draws the decisions made since the last draw, then reads the sample (newest decision first,
 * `status` picks pending or followed-up leads), each lead with a name to show (its name, else its
 * email, else its id), the counts and the false-negative rate over every lead ever drawn.
 */
export const readAuditSample = async (
  deps: { readonly learning: LearningStore; readonly leads: Pick<LeadStore, 'getLeads'> },
  now: number,
  query: { readonly status?: AuditEntry['status']; readonly limit: number },
): Promise<AuditSampleView> => {
  const { share } = await drawAuditSample(deps, now);
  const [entries, counts, outcomes] = await Promise.all([
    deps.learning.listAudit(query),
    deps.learning.auditCounts(),
    deps.learning.falseNegatives(ALL_TIME),
  ]);
  const leads = await deps.leads.getLeads(entries.map((e) => e.leadId));
  return {
    share,
    counts,
    falseNegativeRate: falseNegativeRate(counts, outcomes),
    leads: entries.map((e) => {
      const lead = leads.get(e.leadId);
      const name = [lead?.person.firstName?.value, lead?.person.lastName?.value].filter(Boolean).join(' ');
      return { ...e, name: name === '' ? (lead?.person.email?.value ?? e.leadId) : name };
    }),
  };
};
