import type { Clock } from '../domain/clock.js';
import type { LeadDraft } from '../domain/lead.js';
import type { ActivityFacts } from './rules/score-intent.js';
import { isoNow } from '../domain/clock.js';
import type { LoadedCriteria } from '../criteria/load-criteria.js';
import type { Rejection } from '../intake/intake-record.js';
import type { ColumnMapping } from '../intake/map/column-mapping.js';
import { readLeads, type AcceptedRecord, type LeadFile } from '../intake/read-leads.js';
import { decideWithRules, type DecisionDraft } from './decide-with-rules.js';
import type { EventIndex } from './load-events.js';
import { decideWithModel } from './decide-with-model.js';
import type { LoadedCriteria as Criteria } from '../criteria/load-criteria.js';
import type { LeadFacts } from './choose-playbook.js';
import { createLeadRecordScorer, type LeadRecordScorer } from './model/score-lead-record.js';
import type { ModelRuntime } from './model/model-runtime.js';
import type { LeadForLlm, LlmScorer } from './decide-with-llm.js';
import { reservoirSample } from './reservoir-sample.js';

/** One accepted input row and its decision. */
export interface QualifiedRow {
  readonly line: number;
  readonly raw: Readonly<Record<string, string>>;
  readonly decision: DecisionDraft;
}

/**
 * A batch of qualified rows and the rows rejected at intake; every row is in one of them, or
 * counted in `notSampled` when only a sample of the accepted rows is decided.
 */
export interface QualifiedBatch {
  readonly rows: readonly QualifiedRow[];
  readonly rejected: readonly Rejection[];
  readonly notSampled?: number;
}

/** Decide only a seeded random sample of this many accepted rows. */
export interface SampleOptions {
  readonly size: number;
  readonly seed: number;
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

/**
 * Several leads' decisions: each through `decideLead` (rules, then the model), then — with an
 * LLM — its opinion of all of them at once (its client limits the calls in flight). In order.
 */
export const decideLeads = async (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  leads: readonly {
    readonly lead: LeadForLlm & LeadFacts & { readonly raw: Readonly<Record<string, string>> };
    readonly activities: readonly ActivityFacts[];
  }[],
  scorer: LeadRecordScorer | undefined,
  llm: LlmScorer | undefined,
): Promise<DecisionDraft[]> => {
  const items = leads.map(({ lead, activities }) => ({
    lead,
    activities,
    draft: decideLead(deps, criteria, lead, activities, scorer),
  }));
  return llm === undefined ? items.map((i) => i.draft) : llm.decide(criteria, items, deps.clock.now());
};

/** Decides accepted rows (see `decideLeads`), keeping each row's line and record. */
const decideRows = async (
  deps: { readonly clock: Clock },
  criteria: LoadedCriteria,
  events: EventIndex | undefined,
  scorer: LeadRecordScorer | undefined,
  llm: LlmScorer | undefined,
  accepted: readonly AcceptedRecord[],
): Promise<QualifiedRow[]> => {
  const leads = accepted.map(({ draft }) => ({ lead: draft, activities: activitiesOf(events, draft) }));
  const decisions = await decideLeads(deps, criteria, leads, scorer, llm);
  return accepted.map(({ line, record }, i) => ({ line, raw: record.raw, decision: decisions[i]! }));
};

async function* decideBatches(
  deps: { readonly clock: Clock },
  file: LeadFile,
  criteria: LoadedCriteria,
  events: EventIndex | undefined,
  options: { readonly model?: ModelRuntime; readonly llm?: LlmScorer; readonly sample?: SampleOptions },
): AsyncIterable<QualifiedBatch> {
  const scorer = scorerFor(deps, options.model);
  const decide = (accepted: readonly AcceptedRecord[]) =>
    decideRows(deps, criteria, events, scorer, options.llm, accepted);
  if (options.sample === undefined) {
    for await (const batch of file.batches)
      yield { rows: await decide(batch.accepted), rejected: batch.rejected };
    return;
  }
  // Rejected rows are reported as they come; the sample is decided once the whole file is read.
  const sample = reservoirSample<AcceptedRecord>(options.sample.size, options.sample.seed);
  for await (const batch of file.batches) {
    for (const row of batch.accepted) sample.offer(row);
    yield { rows: [], rejected: batch.rejected };
  }
  const chosen = sample.items();
  yield { rows: await decide(chosen), rejected: [], notSampled: sample.seen - chosen.length };
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
    /** The LLM as a third scorer. */
    readonly llm?: LlmScorer;
    /** Decide only a random sample of the accepted rows (a trial of the LLM before trusting it). */
    readonly sample?: SampleOptions;
  },
): Promise<QualifyingFile> => {
  const { criteria, events, model, llm, sample, ...read } = options;
  const file = await readLeads(path, { ...read, receivedAt: isoNow(deps.clock) });
  const scoring = {
    ...(model === undefined ? {} : { model }),
    ...(llm === undefined ? {} : { llm }),
    ...(sample === undefined ? {} : { sample }),
  };
  return {
    header: file.mapping.rawNames,
    batches: decideBatches(deps, file, criteria, events, scoring),
    file,
  };
};
