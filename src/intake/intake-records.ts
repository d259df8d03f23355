import { buildLeadDraft } from './build-lead-draft.js';
import type { IntakeContext } from './intake-record.js';
import { applyHeaderMapping, sourceColumns } from './map/apply-header-mapping.js';
import type { HeaderMapping } from './map/map-header.js';
import type { SourceRecord } from './read/source-record.js';
import type { IntakeBatch } from './read-leads.js';

/** Turns a batch of source records into lead drafts and rejections, for one mapped header. */
export type RecordIntake = (records: readonly SourceRecord[]) => IntakeBatch;

/**
 * The intake of one file's records, batch by batch: map each record, validate and normalize it
 * into a draft, or reject it with its line and reason. Every record lands in exactly one list.
 * The same function serves this thread and worker threads, so that they cannot disagree.
 */
export const createRecordIntake = (mapping: HeaderMapping, context: IntakeContext): RecordIntake => {
  const columns = sourceColumns(mapping);
  return (records) => {
    const batch: IntakeBatch = { accepted: [], rejected: [] };
    for (const { line, fields, error } of records) {
      const record = applyHeaderMapping(mapping, line, fields, columns);
      if (error !== undefined) {
        batch.rejected.push({ line, problem: error, raw: record.raw });
        continue;
      }
      const result = buildLeadDraft(context, record);
      if (result.ok) batch.accepted.push({ line, draft: result.draft, record, warnings: result.warnings });
      else batch.rejected.push(result.rejection);
    }
    return batch;
  };
};
