import { fixedClock } from '../domain/clock.js';
import { buildLeadDraft } from '../intake/build-lead-draft.js';
import type { Rejection } from '../intake/intake-record.js';
import { applyHeaderMapping, sourceColumns } from '../intake/map/apply-header-mapping.js';
import { mapHeader } from '../intake/map/map-header.js';
import type { SourceRecord } from '../intake/read/source-record.js';
import type { WorkReply, WorkRequest } from '../parallel/fan-out-in-order.js';
import { decideWithRules } from './decide-with-rules.js';
import { formatRejects, formatRows } from './format-qualified.js';
import type { QualifiedRow } from './qualify-file.js';
import type { QualifyBatchResult, QualifyWorkInit } from './qualify-work.js';
import { DecisionSummary } from './summarize-decisions.js';

/**
 * The work of a qualify worker as a plain function over messages: map, validate, normalize and
 * decide each batch exactly as `qualifyFile` does, and answer with the batch's output text and
 * counts, which the main thread writes and adds up in file order.
 */
export const createQualifyBatchHandler = (
  init: QualifyWorkInit,
): ((request: WorkRequest<readonly SourceRecord[]>) => WorkReply<QualifyBatchResult, object>) => {
  const mapping = mapHeader(init.header, init.mapping);
  const columns = sourceColumns(mapping);
  const deps = { clock: fixedClock(init.nowMs) };
  const batch = (seq: number, records: readonly SourceRecord[]): WorkReply<QualifyBatchResult, object> => {
    const rows: QualifiedRow[] = [];
    const rejected: Rejection[] = [];
    const summary = new DecisionSummary();
    for (const { line, fields, error } of records) {
      const record = applyHeaderMapping(mapping, line, fields, columns);
      if (error !== undefined) {
        rejected.push({ line, problem: error, raw: record.raw });
        continue;
      }
      const result = buildLeadDraft(init.context, record);
      if (!result.ok) {
        rejected.push(result.rejection);
        continue;
      }
      const { draft } = result;
      const keys = [draft.person.email?.value, draft.externalId?.toLowerCase()];
      const activities = keys.flatMap((k) => (k === undefined ? [] : (init.events?.byRef.get(k) ?? [])));
      const decision = decideWithRules(deps, init.criteria, draft, activities);
      summary.add(decision);
      rows.push({ line, raw: record.raw, decision });
    }
    summary.rejected = rejected.length;
    return {
      kind: 'batch',
      seq,
      text: formatRows(rows, mapping.rawNames, init.format),
      rejectsText: formatRejects(rejected, mapping.rawNames),
      summary: summary.state(),
    };
  };
  return (request) => (request.kind === 'batch' ? batch(request.seq, request.records) : { kind: 'end' });
};
