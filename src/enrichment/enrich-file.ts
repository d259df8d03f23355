import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { LeadDraft } from '../domain/lead.js';
import type { Rejection } from '../intake/intake-record.js';
import type { ColumnMapping } from '../intake/map/column-mapping.js';
import { readLeads } from '../intake/read-leads.js';
import { applyEnrichment } from './apply-enrichment.js';
import { createProviderCaller, type Sleep } from './call-provider.js';
import { enrichLeads } from './enrich-leads.js';
import { cacheKey } from './cache-key.js';
import type { LeadEnrichment } from './enrich-lead.js';
import type { EnrichmentCache } from './enrichment-cache.js';
import { subjectOf } from './enrichment-subject.js';
import { EnrichmentSummary } from './enrichment-summary.js';
import { loadProviders } from './load-providers.js';
import { ENRICHABLE_FIELDS } from './provider.js';
import type { ProvidersConfig } from './providers-config.js';

/** One accepted row of the file, enriched. */
export interface EnrichedRow {
  readonly line: number;
  readonly raw: Readonly<Record<string, string>>;
  readonly draft: LeadDraft;
  readonly enrichment: LeadEnrichment;
}

/** The enriched file: its header, every accepted row enriched, every rejected row, the summary. */
export interface EnrichedFile {
  readonly header: readonly string[];
  readonly rows: readonly EnrichedRow[];
  readonly rejected: readonly Rejection[];
  readonly summary: EnrichmentSummary;
}

/**
 * Enriches a lead file with the configured waterfall: intake first (rejected rows keep their
 * line and reason), then every accepted lead through the providers, and the values found applied
 * through intake's normalizers with enrichment provenance. The email-pattern provider learns from
 * the file's own known addresses, so the file is read whole before the first call (memory grows
 * with the file). `budgetCents` overrides the file's run budget.
 */
export const enrichFile = async (
  deps: {
    readonly clock: Clock;
    readonly cache: EnrichmentCache;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly sleep?: Sleep;
  },
  path: string,
  options: {
    readonly config: ProvidersConfig;
    readonly configPath: string;
    readonly mapping?: ColumnMapping;
    readonly budgetCents?: number;
  },
  onProgress?: (done: number, total: number) => void,
): Promise<EnrichedFile> => {
  const file = await readLeads(path, {
    receivedAt: isoNow(deps.clock),
    ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
  });
  const accepted: { line: number; draft: LeadDraft; raw: Readonly<Record<string, string>> }[] = [];
  const rejected: Rejection[] = [];
  for await (const batch of file.batches) {
    for (const a of batch.accepted) accepted.push({ line: a.line, draft: a.draft, raw: a.record.raw });
    rejected.push(...batch.rejected);
  }
  const known = function* () {
    for (const { draft } of accepted) {
      const email = draft.person.email?.value;
      if (email === undefined) continue;
      yield {
        email,
        ...(draft.person.firstName === undefined ? {} : { firstName: draft.person.firstName.value }),
        ...(draft.person.lastName === undefined ? {} : { lastName: draft.person.lastName.value }),
      };
    }
  };
  const providers = await loadProviders(options.config, {
    configPath: options.configPath,
    env: deps.env,
    knownEmails: known,
  });
  const callers = providers.map((p) => createProviderCaller(p, deps.sleep));
  const fields = options.config.fields ?? ENRICHABLE_FIELDS;
  const subjects = accepted.map((a) => subjectOf(a.draft));
  const summary = new EnrichmentSummary(fields);
  // The first provider's keys are known before any call: read them from the cache in bulk.
  const now = deps.clock.now();
  await deps.cache.prefetch?.(
    subjects.flatMap((s) =>
      providers.filter((p) => p.canAnswer(s.query)).map((p) => cacheKey(p.name, s.query, p.inputs)),
    ),
    now,
  );
  let done = 0;
  const budget = options.budgetCents ?? options.config.budget.perRunCents;
  const results = await enrichLeads(
    { callers, cache: deps.cache, clock: deps.clock },
    subjects,
    {
      fields,
      minConfidence: options.config.minConfidence,
      leadsInFlight: options.config.leadsInFlight,
      ...(budget === undefined ? {} : { budgetCentsPerRun: budget }),
      ...(options.config.budget.perLeadCents === undefined
        ? {}
        : { budgetCentsPerLead: options.config.budget.perLeadCents }),
    },
    () => onProgress?.(++done, subjects.length),
  );
  await deps.cache.flush?.();
  const rows = accepted.map((a, i): EnrichedRow => {
    const enrichment = results[i] as LeadEnrichment;
    summary.add(subjects[i]!, enrichment);
    return {
      line: a.line,
      raw: a.raw,
      draft: applyEnrichment(a.draft, enrichment.fields, file.context, enrichment.refuted).draft,
      enrichment,
    };
  });
  summary.rejected = rejected.length;
  return { header: file.mapping.rawNames, rows, rejected, summary };
};
