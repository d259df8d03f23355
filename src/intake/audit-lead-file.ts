import type { Clock } from '../domain/clock.js';
import { isoNow } from '../domain/clock.js';
import type { AuditReport } from './audit/audit-report.js';
import { AuditCollector } from './audit/collect-audit.js';
import type { ColumnMapping } from './map/column-mapping.js';
import { readLeads } from './read-leads.js';
import { auditInParallel } from './audit/audit-in-parallel.js';
import type { StartAuditWorker } from './audit/audit-work.js';

/** The audit of a lead file plus how its header was understood. */
export interface LeadFileAudit extends AuditReport {
  readonly format: string;
  /** Source column → leadsift field, `custom:<name>` or `ignore`. */
  readonly mapping: Readonly<Record<string, string>>;
  readonly mappingWarnings: readonly string[];
}

/** What auditing needs: a clock and, to use worker threads, a way to start one. */
export interface AuditDeps {
  readonly clock: Clock;
  readonly startWorker?: StartAuditWorker;
}

/**
 * Audit a lead file before anything is scored: read, validate and normalize every record
 * without storing anything, and report counts, rejections, completeness, email types,
 * duplicates, values not understood and what to fix first. With `workers` and a
 * `startWorker`, records are normalized in that many worker threads; the report is the same.
 */
export const auditLeadFile = async (
  deps: AuditDeps,
  path: string,
  options: {
    readonly mapping?: ColumnMapping;
    readonly defaultCountry?: string;
    readonly workers?: number;
  } = {},
): Promise<LeadFileAudit> => {
  const { workers = 0, ...readOptions } = options;
  const file = await readLeads(path, { ...readOptions, receivedAt: isoNow(deps.clock) });
  const collector = new AuditCollector(path, file.targets);
  if (workers > 0 && deps.startWorker !== undefined) {
    const init = {
      file: path,
      context: file.context,
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
    };
    await auditInParallel(file.records, init, collector, deps.startWorker, workers);
  } else {
    for await (const batch of file.batches) {
      for (const rejection of batch.rejected) collector.reject(rejection);
      for (const { draft, record, warnings } of batch.accepted) collector.accept(draft, record, warnings);
    }
  }
  const mapping: Record<string, string> = {};
  for (const c of file.mapping.columns) {
    const t = c.target;
    mapping[file.mapping.rawNames[c.column] ?? c.name] =
      t.kind === 'field'
        ? t.negated
          ? `not:${t.field}`
          : t.field
        : t.kind === 'custom'
          ? `custom:${t.name}`
          : 'ignore';
  }
  const warnings = [
    ...file.mapping.warnings,
    ...file.mapping.duplicates.map(
      (d) =>
        `columns "${d.kept}" and "${d.demoted}" both mean ${d.field}: "${d.kept}" is used, "${d.demoted}" kept as a custom field`,
    ),
  ];
  return { format: file.source.format, mapping, mappingWarnings: warnings, ...collector.report() };
};
