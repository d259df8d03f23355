import type { CitedFact, MissingFact, Reason } from '../../domain/decision.js';
import type { LlmOpinion } from './classify-lead.js';
import { factId } from './classifier-facts.js';

/**
 * An opinion's reasons as decision reasons of kind `llm`, each with the facts it cited.
 * `facts` must be `classifierFacts(input)` for the input the opinion answered: the list the
 * prompt numbered `F1`, `F2`, ….
 */
export const llmReasons = (opinion: LlmOpinion, facts: readonly CitedFact[]): Reason[] => {
  const byId = new Map(facts.map((fact, i) => [factId(i), fact]));
  return opinion.reasons.map((reason) => ({
    text: reason.text,
    kind: 'llm',
    effect: reason.effect,
    facts: reason.facts.flatMap((id) => {
      const fact = byId.get(id);
      return fact === undefined ? [] : [fact];
    }),
  }));
};

/** An opinion's missing facts as decision missing facts: questions to ask the prospect. */
export const llmMissing = (opinion: LlmOpinion): MissingFact[] =>
  opinion.missing.map((m) => ({ field: m.field, how: 'ask', question: m.question }));
