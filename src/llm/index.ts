export type {
  LlmClient,
  LlmMessage,
  LlmRequest,
  LlmResponse,
  LlmSchema,
  LlmTotals,
  LlmUsage,
} from './llm-client.js';
export { LlmCallError, isLlmCallError, type LlmFailureKind } from './llm-call-error.js';
export { createLlmClient } from './create-llm-client.js';
export { llmSettingsFromEnv, type LlmSettings, type Sleep } from './llm-settings.js';
export { parseLlmSpec, LLM_PROVIDERS, type LlmProvider, type LlmSpec } from './parse-llm-spec.js';
export { memoryLlmCache, llmCacheKey, type CachedAnswer, type LlmCache } from './llm-cache.js';
export { MODEL_PRICES, costOf, priceOf, type ModelPrice } from './llm-prices.js';
export {
  classifyLead,
  type ClassifyInput,
  type ClassifyOptions,
  type LlmFailure,
  type LlmOpinion,
} from './classify/classify-lead.js';
export { LlmAnswer, answerSchema } from './classify/answer-schema.js';
export { criteriaSummary } from './classify/criteria-summary.js';
export {
  classifierFacts,
  leadFacts,
  summarizeIntent,
  type IntentEvent,
  type IntentSummary,
} from './classify/classifier-facts.js';
export type { ClassifierCriteria } from './classify/build-prompt.js';
export { llmMissing, llmReasons } from './classify/llm-reasons.js';
