import type { LoadedCriteria } from '../criteria/load-criteria.js';
import { AppError } from '../domain/app-error.js';
import type {
  CitedFact,
  LlmPolicy,
  LlmVerdictOpinion,
  MissingFact,
  Reason,
  Verdict,
} from '../domain/decision.js';
import type { Lead } from '../domain/lead.js';
import {
  classifierFacts,
  classifyLead,
  criteriaSummary,
  leadFacts,
  llmMissing,
  llmReasons,
  summarizeIntent,
  type ClassifyInput,
  type LlmClient,
  type LlmFailure,
  type LlmOpinion,
} from '../llm/index.js';
import { isEdge } from './decide-with-model.js';
import type { DecisionDraft } from './decide-with-rules.js';
import type { ActivityFacts } from './rules/score-intent.js';

/** The classifier prompt's version: with the model's spec, what an LLM opinion was made by. */
export const CLASSIFIER_VERSION = 'leadsift-classifier@1';

/** What the LLM reads of a lead: its facts (input, normalized, enriched), not its raw record. */
export type LeadForLlm = Pick<Lead, 'person' | 'company' | 'source' | 'custom'>;

/** One lead to ask the LLM about: the decision without it, the lead and its behaviour. */
export interface LlmItem {
  readonly draft: DecisionDraft;
  readonly lead: LeadForLlm;
  readonly activities: readonly ActivityFacts[];
}

const say = (v: Verdict): string => v.replace('_', ' ');

/** The classifier's input for a lead: its playbook's plain-language profile and rules, its facts, its intent. */
export const classifyInputFor = (criteria: LoadedCriteria, item: LlmItem, nowMs: number): ClassifyInput => {
  const ruleset = criteria.playbooks.find((p) => p.playbook === item.draft.playbook) ?? criteria.fallback;
  return {
    criteria: { playbook: ruleset.playbook, icp: ruleset.icp, summary: criteriaSummary(ruleset) },
    facts: leadFacts(item.lead),
    intent: summarizeIntent(item.activities, nowMs),
  };
};

const spentOf = (answer: LlmOpinion | LlmFailure) => ({
  inputTokens: answer.usage.inputTokens,
  outputTokens: answer.usage.outputTokens,
  ...(answer.costUsd === undefined ? {} : { costUsd: answer.costUsd }),
});

/** The verdict under `policy`: shown only, moving edge cases the model left alone, or deciding. */
const verdictUnder = (
  policy: LlmPolicy,
  draft: DecisionDraft,
  criteria: LoadedCriteria,
  theirs: Verdict,
): Verdict => {
  const hardNo = draft.reasons.some((r) => r.kind === 'disqualifier');
  if (policy === 'decide') return hardNo ? draft.verdict : theirs;
  if (policy === 'edge') {
    const modelMoved = draft.model !== undefined && draft.model.effect !== 'none';
    return !modelMoved && theirs !== 'needs_info' && isEdge(draft, criteria) ? theirs : draft.verdict;
  }
  return draft.verdict;
};

/**
 * Folds the LLM's answer about a lead into its decision (rules, and the model when there was
 * one). The decision records the LLM's verdict, score and cost, whether it agrees with the
 * verdict reached without it and with the model's own verdict, and its reasons (kind `llm`, each
 * with the facts it cited). Under `advise` the verdict never changes; under `edge` the LLM may
 * move an edge case (see `isEdge`) that the model did not move; under `decide` its verdict is the
 * decision's — but a hard disqualifier always stands. A failure leaves the verdict as it was
 * and says why: no verdict is ever guessed.
 */
export const foldLlmAnswer = (
  draft: DecisionDraft,
  criteria: LoadedCriteria,
  answer: LlmOpinion | LlmFailure,
  facts: readonly CitedFact[],
  policy: LlmPolicy,
): DecisionDraft => {
  const versions = { ...draft.versions, llm: `${answer.model} ${CLASSIFIER_VERSION}` };
  if (!answer.ok) {
    const llm: LlmVerdictOpinion = {
      model: answer.model,
      policy,
      effect: 'none',
      error: { kind: answer.kind, message: answer.message },
      ...spentOf(answer),
      cached: false,
    };
    const reason: Reason = {
      text: `The LLM gave no opinion (${answer.kind.replace('_', ' ')}), so the verdict stands without it`,
      kind: 'llm',
      effect: 0,
      facts: [],
    };
    return { ...draft, reasons: [...draft.reasons, reason], versions, llm };
  }
  const before = draft.verdict;
  const verdict = verdictUnder(policy, draft, criteria, answer.verdict);
  const changed = verdict !== before;
  const own = draft.model?.verdict;
  const agreesWithModel =
    own === undefined || own === 'undecided' || answer.verdict === 'needs_info'
      ? undefined
      : own === answer.verdict;
  const hardNo = draft.reasons.some((r) => r.kind === 'disqualifier');
  const summary: Reason = {
    text: changed
      ? `The LLM judged this lead ${say(answer.verdict)} (its score ${answer.score}), which replaces the ${say(before)} reached without it`
      : answer.verdict === before
        ? `The LLM agrees: ${say(answer.verdict)} (its score ${answer.score})`
        : `The LLM would say ${say(answer.verdict)} (its score ${answer.score}); ${hardNo ? 'a hard disqualifier stands' : `under the ${policy} policy the verdict stays ${say(before)}`}`,
    kind: 'llm',
    effect: 0,
    facts: [],
  };
  const theirs = llmReasons(answer, facts);
  const known = new Set(draft.missing.map((m) => m.field));
  const missing: MissingFact[] =
    verdict === 'needs_info'
      ? [...draft.missing, ...llmMissing(answer).filter((m) => !known.has(m.field))]
      : [...draft.missing];
  const llm: LlmVerdictOpinion = {
    model: answer.model,
    policy,
    verdict: answer.verdict,
    score: answer.score,
    effect: changed ? 'changed' : 'none',
    agrees: answer.verdict === before,
    ...(agreesWithModel === undefined ? {} : { agreesWithModel }),
    ...(answer.nextQuestion === undefined ? {} : { nextQuestion: answer.nextQuestion }),
    ...spentOf(answer),
    cached: answer.cached,
  };
  return {
    ...draft,
    verdict,
    reasons: changed ? [summary, ...theirs, ...draft.reasons] : [...draft.reasons, summary, ...theirs],
    missing,
    versions,
    llm,
  };
};

/** Failures that say the LLM cannot be used at all (not something about one lead). */
const SYSTEMIC: ReadonlySet<string> = new Set(['auth', 'http', 'network', 'server', 'timeout']);

/** The LLM as a scorer over batches of leads, with its policy. */
export interface LlmScorer {
  readonly client: LlmClient;
  readonly policy: LlmPolicy;
  /** How many calls the client runs at once (what a batch of leads should be sized by). */
  readonly concurrency: number;
  /** Each item's decision with the LLM's opinion folded in, in the items' order. */
  decide(criteria: LoadedCriteria, items: readonly LlmItem[], nowMs: number): Promise<DecisionDraft[]>;
}

/**
 * A scorer asking `client` about each lead (the client limits how many calls run at once). With
 * `stopAfter`, a run is stopped with LLM_FAILED after that many leads in a row failed for a
 * reason that is not the lead's (bad key, unknown model, server down, timeouts) — at once on an
 * authentication failure — instead of spending the whole file on an unusable model; without it
 * (the service) every failure is recorded on its lead and the pipeline goes on.
 */
export const createLlmScorer = (
  client: LlmClient,
  policy: LlmPolicy,
  options: { readonly stopAfter?: number; readonly concurrency?: number } = {},
): LlmScorer => {
  let inARow = 0;
  let last = '';
  const watch = (answer: LlmOpinion | LlmFailure): void => {
    if (options.stopAfter === undefined) return;
    if (answer.ok || !SYSTEMIC.has(answer.kind)) {
      inARow = 0;
      return;
    }
    inARow++;
    last = answer.message;
    if (answer.kind === 'auth' || inARow >= options.stopAfter)
      throw new AppError('LLM_FAILED', {
        message: `${answer.kind === 'auth' ? 'the LLM refused the API key' : `${inARow} leads in a row got no LLM opinion`}: ${last}`,
        details: { kind: answer.kind },
      });
  };
  return {
    client,
    policy,
    concurrency: options.concurrency ?? 8,
    decide: (criteria, items, nowMs) =>
      Promise.all(
        items.map(async (item) => {
          const input = classifyInputFor(criteria, item, nowMs);
          const answer = await classifyLead(client, input);
          watch(answer);
          return foldLlmAnswer(item.draft, criteria, answer, classifierFacts(input), policy);
        }),
      ),
  };
};
