import { createRecordIntake } from '../intake-records.js';
import { mapHeader } from '../map/map-header.js';
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
  const intake = createRecordIntake(mapHeader(init.header, init.mapping), init.context);
  const collector = new AuditCollector(init.file, []);
  const auditBatch = (seq: number, records: readonly SourceRecord[]): AuditReply => {
    const { accepted, rejected } = intake(records);
    const hashes = new Uint32Array(accepted.length * HASHES_PER_RECORD);
    accepted.forEach(({ draft, record, warnings }, i) => {
      collector.tally(draft, record, warnings);
      writeDuplicateHashes(draft, hashes, i * HASHES_PER_RECORD);
    });
    // The raw records stay here: the report does not show them.
    const rejections = rejected.map(({ line, field, problem }) =>
      field === undefined ? { line, problem } : { line, field, problem },
    );
    return { kind: 'batch', seq, accepted: accepted.length, hashes, rejections };
  };
  return (request) =>
    request.kind === 'batch'
      ? auditBatch(request.seq, request.records)
      : { kind: 'end', tally: collector.tallies() };
};
