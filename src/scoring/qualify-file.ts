import type { Clock } from '../domain/clock.js';
import type { LeadDraft } from '../domain/lead.js';
import type { ActivityFacts } from './rules/score-intent.js';
import { isoNow } from '../domain/clock.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Rejection } from '../intake/intake-record.js';
import type { ColumnMapping } from '../intake/map/column-mapping.js';
import { readLeads, type LeadFile } from '../intake/read-leads.js';
import { decideWithRules, type DecisionDraft } from './decide-with-rules.js';
import type { EventIndex } from './load-events.js';
import { decideWithModel } from './decide-with-model.js';
import type { LoadedCriteria as Criteria } from '../criteria/load-criteria.js';
import type { LeadFacts } from './choose-playbook.js';
import { createLeadRecordScorer, type LeadRecordScorer } from './model/score-lead-record.js';
import type { ModelRuntime } from './model/model-runtime.js';

/** One accepted input row and its decision. */
export interface QualifiedRow {
  readonly line: number;
  readonly raw: Readonly<Record<string, string>>;
  readonly decision: DecisionDraft;
}

/** A batch of qualified rows and the rows rejected at intake; every row is in one of them. */
export interface QualifiedBatch {
  readonly rows: readonly QualifiedRow[];
  readonly rejected: readonly Rejection[];
}

/** An opened file being qualified: its header (for the output) and its batches. */
export interface QualifyingFile {
  readonly header: readonly string[];
  readonly batches: AsyncIterable<QualifiedBatch>;
  /** The opened file, for qualifying it in worker threads instead (iterate one or the other). */
  readonly file: LeadFile;
}

/** A lead's behaviour events: those filed under its email or its external id. */
export const activitiesOf = (events: EventIndex | undefined, draft: LeadDraft): ActivityFacts[] => {
  if (events === undefined) return [];
  const keys = [draft.person.email?.value, draft.externalId?.toLowerCase()];
  return keys.flatMap((k) => (k === undefined ? [] : (events.byRef.get(k) ?? [])));
};

/**
 * One lead's decision: the rules, then the model (when there is one) as a second scorer over
 * the lead's record as it arrived. Every path that qualifies a lead goes through here.
 */
export const decideLead = (
  deps: { readonly clock: Clock },
  criteria: Criteria,
  lead: LeadFacts & { readonly raw: Readonly<Record<string, string>> },
  activities: readonly ActivityFacts[],
  scorer?: LeadRecordScorer,
): DecisionDraft => {
  const rules = decideWithRules(deps, criteria, lead, activities);
  return scorer === undefined ? rules : decideWithModel(rules, criteria, scorer(lead.raw, activities));
};

/** The scorer for an optional model, with date ages measured from the clock's now. */
export const scorerFor = (
  deps: { readonly clock: Clock },
  model: ModelRuntime | undefined,
): LeadRecordScorer | undefined =>
  model === undefined ? undefined : createLeadRecordScorer(model, deps.clock.now());

async function* decideBatches(
  deps: { readonly clock: Clock },
  file: LeadFile,
  criteria: LoadedCriteria,
  events: EventIndex | undefined,
  model: ModelRuntime | undefined,
): AsyncIterable<QualifiedBatch> {
  const scorer = scorerFor(deps, model);
  for await (const batch of file.batches) {
    const rows = batch.accepted.map(({ line, draft, record }): QualifiedRow => ({
      line,
      raw: record.raw,
      decision: decideLead(deps, criteria, draft, activitiesOf(events, draft), scorer),
    }));
    yield { rows, rejected: batch.rejected };
  }
}

/**
 * Qualify a lead file with criteria (and optional behaviour events), streaming: each row goes
 * through intake (rejected rows keep their line and reason) and then the rules decision. No
 * database is involved. The clock fixes "now" for intent decay: the same inputs and clock give
 * the same decisions.
 */
export const qualifyFile = async (
  deps: { readonly clock: Clock },
  path: string,
  options: {
    readonly criteria: LoadedCriteria;
    readonly events?: EventIndex;
    readonly mapping?: ColumnMapping;
    readonly defaultCountry?: string;
    /** A conversion model to score beside the rules. */
    readonly model?: ModelRuntime;
  },
): Promise<QualifyingFile> => {
  const { criteria, events, model, ...read } = options;
  const file = await readLeads(path, { ...read, receivedAt: isoNow(deps.clock) });
  return { header: file.mapping.rawNames, batches: decideBatches(deps, file, criteria, events, model), file };
};
