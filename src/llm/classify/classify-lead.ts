import type { CitedFact, Verdict } from '../../domain/decision.js';
import { isLlmCallError, type LlmCallError, type LlmFailureKind } from '../llm-call-error.js';
import type { LlmClient, LlmMessage, LlmUsage } from '../llm-client.js';
import {
  answerSchema,
  type FitAssessment,
  type IntentAssessment,
  type LlmAnswer,
  type LlmMissingFact,
  type LlmReason,
} from './answer-schema.js';
import { leadMessage, repairMessage, systemPrompt, type ClassifierCriteria } from './build-prompt.js';
import { classifierFacts, factId, type IntentSummary } from './classifier-facts.js';

/** What the classifier reads about one lead. */
export interface ClassifyInput {
  readonly criteria: ClassifierCriteria;
  /** The lead's facts with provenance (`leadFacts(lead)` plus any enriched text). */
  readonly facts: readonly CitedFact[];
  readonly intent: IntentSummary;
}

/** Limits of one classification. */
export interface ClassifyOptions {
  /** The answer's output limit; 1,200 tokens by default. */
  readonly maxTokens?: number;
  /** Longer text values (website text, notes) are cut to this many characters; 1,500 by default. */
  readonly maxFactChars?: number;
}

/** The model's validated opinion of a lead; its reasons cite ids of `classifierFacts(input)`. */
export interface LlmOpinion {
  readonly ok: true;
  /** The client's spec, e.g. `openai:gpt-4o-mini`. */
  readonly model: string;
  readonly verdict: Verdict;
  readonly score: number;
  readonly fit: FitAssessment;
  readonly intent: IntentAssessment;
  readonly reasons: readonly LlmReason[];
  readonly missing: readonly LlmMissingFact[];
  readonly nextQuestion?: string;
  /** Tokens of every call it took (a rejected first answer included). */
  readonly usage: LlmUsage;
  readonly costUsd?: number;
  readonly cached: boolean;
  /** True when the first answer was rejected and the repair turn's answer was accepted. */
  readonly repaired: boolean;
}

/** Why no opinion could be had for a lead: a value, never a guessed verdict. */
export interface LlmFailure {
  readonly ok: false;
  readonly model: string;
  /** `no_facts` when the lead had nothing to cite; otherwise the last call's failure. */
  readonly kind: LlmFailureKind | 'no_facts';
  readonly message: string;
  readonly usage: LlmUsage;
  readonly costUsd?: number;
  /** The last unusable answer, for the record. */
  readonly raw?: string;
}

const DEFAULT_MAX_TOKENS = 1200;
const DEFAULT_MAX_FACT_CHARS = 1500;

interface Spent {
  usage: LlmUsage;
  costUsd: number | undefined;
  first: boolean;
}

const spend = (spent: Spent, usage: LlmUsage, costUsd: number | undefined): void => {
  spent.usage = {
    inputTokens: spent.usage.inputTokens + usage.inputTokens,
    outputTokens: spent.usage.outputTokens + usage.outputTokens,
  };
  spent.costUsd = spent.first
    ? costUsd
    : spent.costUsd === undefined || costUsd === undefined
      ? undefined
      : spent.costUsd + costUsd;
  spent.first = false;
};

const opinion = (
  model: string,
  answer: LlmAnswer,
  spent: Spent,
  cached: boolean,
  repaired: boolean,
): LlmOpinion => ({
  ok: true,
  model,
  verdict: answer.verdict,
  score: answer.score,
  fit: answer.fit,
  intent: answer.intent,
  reasons: answer.reasons,
  missing: answer.missing,
  ...(answer.nextQuestion === null || answer.nextQuestion.trim() === ''
    ? {}
    : { nextQuestion: answer.nextQuestion }),
  usage: spent.usage,
  ...(spent.costUsd === undefined ? {} : { costUsd: spent.costUsd }),
  cached,
  repaired,
});

const failure = (
  model: string,
  kind: LlmFailure['kind'],
  message: string,
  spent: Spent,
  raw?: string,
): LlmFailure => ({
  ok: false,
  model,
  kind,
  message: `${model}: ${message}`,
  usage: spent.usage,
  ...(spent.costUsd === undefined ? {} : { costUsd: spent.costUsd }),
  ...(raw === undefined ? {} : { raw }),
});

const callFailure = (model: string, error: LlmCallError, spent: Spent, context: string): LlmFailure =>
  failure(model, error.kind, `${context}: ${error.message}`, spent, error.raw);

/**
 * Asks `client` for a structured opinion of one lead against the team's plain-language profile.
 * The prompt numbers the facts `F1`, `F2`, … (`classifierFacts(input)`) and quotes them as
 * data; the answer must match the schema and cite only those ids. An invalid answer (bad JSON,
 * schema violation, invented citation) gets one repair turn with the problems listed; if that
 * fails too, or the call fails (timeout, rate limit after retries, truncation, refusal), the
 * result is an `LlmFailure` saying why. Never throws for a per-lead problem (only for a bug).
 */
export const classifyLead = async (
  client: LlmClient,
  input: ClassifyInput,
  options: ClassifyOptions = {},
): Promise<LlmOpinion | LlmFailure> => {
  const facts = classifierFacts(input);
  const spent: Spent = { usage: { inputTokens: 0, outputTokens: 0 }, costUsd: undefined, first: true };
  if (facts.length === 0)
    return failure(client.model, 'no_facts', 'not classified: the lead has no facts to judge', spent);
  const schema = answerSchema(facts.map((_, i) => factId(i)));
  const system = systemPrompt(input.criteria);
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS;
  const ask = async (messages: readonly LlmMessage[]) => {
    const response = await client.complete({ system, messages, schema, maxTokens });
    spend(spent, response.usage, response.costUsd);
    return response;
  };
  const messages = [leadMessage(facts, input.intent, options.maxFactChars ?? DEFAULT_MAX_FACT_CHARS)];
  try {
    const first = await ask(messages);
    return opinion(client.model, first.json, spent, first.cached, false);
  } catch (error) {
    if (!isLlmCallError(error)) throw error; // a bug, not a per-lead problem
    if (error.usage !== undefined) spend(spent, error.usage, error.costUsd);
    if (!isLlmCallError(error, 'invalid_json', 'invalid_answer'))
      return callFailure(client.model, error, spent, 'no answer');
    const repair: LlmMessage[] = [
      ...messages,
      { role: 'assistant', content: error.raw ?? '' },
      repairMessage(error.message),
    ];
    try {
      const second = await ask(repair);
      return opinion(client.model, second.json, spent, second.cached, true);
    } catch (again) {
      if (!isLlmCallError(again)) throw again;
      if (again.usage !== undefined) spend(spent, again.usage, again.costUsd);
      return callFailure(client.model, again, spent, 'the answer was invalid, and so was the repaired one');
    }
  }
};
