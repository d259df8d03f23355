import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { ImportLog, ImportRun, LeadStore, StoredRejection } from '../domain/lead-store.js';
import type { ColumnMapping } from './map/column-mapping.js';
import { companyDrafts } from './company-drafts.js';
import { readLeads } from './read-leads.js';

/** What importing needs from the outside: a clock and the two storage ports. */
export interface ImportDeps {
  readonly clock: Clock;
  readonly leads: LeadStore;
  readonly imports: ImportLog;
}

/** The finished import: its stored run (counts always add up) and the first rejections. */
export interface ImportSummary {
  readonly run: ImportRun;
  /** Company records created or updated from the leads' company facts, batch by batch. */
  readonly companies: number;
  readonly rejections: readonly StoredRejection[];
}

const REJECTIONS_SHOWN = 20;

/**
 * Import a lead file into the store: read, validate and normalize each record, upsert the
 * accepted ones batch by batch (duplicates merge by external id or email), and record every
 * rejected row with its reason in the import log. The companies the leads work for are
 * upserted too, by domain. A draft the store refuses to merge (its
 * email belongs to another lead) is a rejection too, so that rows in = stored + rejected.
 */
export const importLeadFile = async (
  deps: ImportDeps,
  path: string,
  options: {
    readonly mapping?: ColumnMapping;
    readonly defaultCountry?: string;
    readonly origin?: string;
  } = {},
): Promise<ImportSummary> => {
  const startedAt = isoNow(deps.clock);
  const file = await readLeads(path, { ...options, receivedAt: startedAt });
  const runId = await deps.imports.startImport({ file: options.origin ?? path, startedAt });
  const counts = { rowsIn: 0, accepted: 0, rejected: 0, created: 0, updated: 0 };
  const shown: StoredRejection[] = [];
  let companies = 0;
  for await (const batch of file.batches) {
    const rejections: StoredRejection[] = [...batch.rejected];
    const drafts = batch.accepted.map((a) => a.draft);
    const results = await deps.leads.upsertLeads(drafts);
    companies += (await deps.leads.upsertCompanies(companyDrafts(drafts))).length;
    results.forEach((result, i) => {
      if (result.action !== 'conflict') {
        counts[result.action]++;
        return;
      }
      const { line, record } = batch.accepted[i]!;
      rejections.push({ line, field: 'email', problem: result.error.message, raw: record.raw });
    });
    counts.rowsIn += batch.accepted.length + batch.rejected.length;
    counts.rejected += rejections.length;
    counts.accepted += batch.accepted.length + batch.rejected.length - rejections.length;
    if (rejections.length > 0) await deps.imports.addRejections(runId, rejections);
    for (const r of rejections) if (shown.length < REJECTIONS_SHOWN) shown.push(r);
  }
  const run = await deps.imports.finishImport(runId, { ...counts, finishedAt: isoNow(deps.clock) });
  return { run, companies, rejections: shown.sort((a, b) => a.line - b.line) };
};
