import type { StoreHandle } from '../adapters/storage/open-store.js';
import { createProviderCaller } from '../enrichment/call-provider.js';
import { loadProviders } from '../enrichment/load-providers.js';
import { loadProvidersConfig } from '../enrichment/providers-config.js';
import type { PipelineEnrichment } from '../pipeline/enrich-jobs.js';

/**
 * The pipeline's enrichment from a providers file (the same file as `leadsift enrich`): its
 * providers in order, the store's cache, the wanted fields, the minimum confidence, and the
 * per-lead and per-process budgets. The email-pattern provider starts with no known addresses here.
 */
export const loadPipelineEnrichment = async (
  path: string,
  store: StoreHandle,
  env: Readonly<Record<string, string | undefined>>,
): Promise<PipelineEnrichment> => {
  const config = await loadProvidersConfig(path);
  const providers = await loadProviders(config, { configPath: path, env, knownEmails: () => [] });
  return {
    callers: providers.map((p) => createProviderCaller(p)),
    cache: store.enrichmentCache,
    options: {
      minConfidence: config.minConfidence,
      ...(config.fields === undefined ? {} : { fields: config.fields }),
      ...(config.budget.perLeadCents === undefined ? {} : { budgetCentsPerLead: config.budget.perLeadCents }),
    },
    budget: { remainingCents: config.budget.perRunCents ?? Infinity },
  };
};
