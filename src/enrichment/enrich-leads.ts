import type { Clock } from '../domain/clock.js';
import type { ProviderCaller } from './call-provider.js';
import {
  enrichLead,
  type EnrichmentSubject,
  type LeadEnrichment,
  type WaterfallOptions,
} from './enrich-lead.js';
import type { EnrichmentCache } from './enrichment-cache.js';

/** Options of a run: the waterfall's, plus how many leads are in flight and the run's budget. */
export interface EnrichRunOptions extends WaterfallOptions {
  /** Leads enriched at once (default 64); each provider's own limits still apply. */
  readonly leadsInFlight?: number;
  /** Cents the whole run may spend (default: no limit). */
  readonly budgetCentsPerRun?: number;
}

/**
 * Enriches many leads, several at once so that slow providers overlap, with one budget for the
 * run. Results come back in input order; `onLead` sees each as it finishes (for progress).
 */
export const enrichLeads = async (
  deps: {
    readonly callers: readonly ProviderCaller[];
    readonly cache: EnrichmentCache;
    readonly clock: Clock;
  },
  subjects: readonly EnrichmentSubject[],
  options: EnrichRunOptions = {},
  onLead?: (index: number, result: LeadEnrichment) => void,
): Promise<LeadEnrichment[]> => {
  const run = { remainingCents: options.budgetCentsPerRun ?? Infinity };
  const results = new Array<LeadEnrichment>(subjects.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < subjects.length) {
      const i = next++;
      const result = await enrichLead(deps, subjects[i] as EnrichmentSubject, options, run);
      results[i] = result;
      onLead?.(i, result);
    }
  };
  const width = Math.max(1, Math.min(options.leadsInFlight ?? 64, subjects.length));
  await Promise.all(Array.from({ length: width }, worker));
  return results;
};
