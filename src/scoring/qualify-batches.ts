import { fixedClock } from '../domain/clock.js';
import { createRecordIntake } from '../intake/intake-records.js';
import { mapHeader } from '../intake/map/map-header.js';
import type { SourceRecord } from '../intake/read/source-record.js';
import type { WorkReply, WorkRequest } from '../parallel/fan-out-in-order.js';
import { createModelRuntime } from './model/model-runtime.js';
import { formatRejects, formatRows } from './format-qualified.js';
import { activitiesOf, decideLead, scorerFor, type QualifiedRow } from './qualify-file.js';
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
  const intake = createRecordIntake(mapping, init.context);
  const deps = { clock: fixedClock(init.nowMs) };
  const scorer = scorerFor(deps, init.model === undefined ? undefined : createModelRuntime(init.model));
  const batch = (seq: number, records: readonly SourceRecord[]): WorkReply<QualifyBatchResult, object> => {
    const { accepted, rejected } = intake(records);
    const summary = new DecisionSummary();
    const rows = accepted.map(({ line, draft, record }): QualifiedRow => {
      const decision = decideLead(deps, init.criteria, draft, activitiesOf(init.events, draft), scorer);
      summary.add(decision);
      return { line, raw: record.raw, decision };
    });
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
