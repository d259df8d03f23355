import { buildLeadDraft } from '../build-lead-draft.js';
import { applyHeaderMapping, sourceColumns } from '../map/apply-header-mapping.js';
import { mapHeader } from '../map/map-header.js';
import type { Rejection } from '../intake-record.js';
import type { SourceRecord } from '../read/source-record.js';
import type { AuditReply, AuditRequest, AuditWorkInit } from './audit-work.js';
import { AuditCollector } from './collect-audit.js';
import { HASHES_PER_RECORD, writeDuplicateHashes } from './duplicate-keys.js';

/**
 * The work of an audit worker as a plain function over messages: map, validate and normalize
 * each batch exactly as the single-threaded audit does, tally what can be added up in any
 * order, and send back what must be counted in file order (identity hashes, rejections).
 */
export const createAuditBatchHandler = (init: AuditWorkInit): ((request: AuditRequest) => AuditReply) => {
  const mapping = mapHeader(init.header, init.mapping);
  const columns = sourceColumns(mapping);
  const collector = new AuditCollector(init.file, []);
  const auditBatch = (seq: number, records: readonly SourceRecord[]): AuditReply => {
    const hashes = new Uint32Array(records.length * HASHES_PER_RECORD);
    const rejections: Rejection[] = [];
    let accepted = 0;
    for (const { line, fields, error } of records) {
      if (error !== undefined) {
        rejections.push({ line, problem: error });
        continue;
      }
      const record = applyHeaderMapping(mapping, line, fields, columns);
      const result = buildLeadDraft(init.context, record);
      if (!result.ok) {
        const { field, problem } = result.rejection;
        rejections.push(field === undefined ? { line, problem } : { line, field, problem });
        continue;
      }
      collector.tally(result.draft, record, result.warnings);
      writeDuplicateHashes(result.draft, hashes, accepted * HASHES_PER_RECORD);
      accepted++;
    }
    return {
      kind: 'batch',
      seq,
      accepted,
      hashes: hashes.subarray(0, accepted * HASHES_PER_RECORD),
      rejections,
    };
  };
  return (request) =>
    request.kind === 'batch'
      ? auditBatch(request.seq, request.records)
      : { kind: 'end', tally: collector.tallies() };
};
