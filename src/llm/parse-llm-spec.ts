import { AppError } from '../domain/app-error.js';

/** The wire formats leadsift speaks. */
export const LLM_PROVIDERS = ['openai', 'openai-compatible', 'anthropic', 'ollama'] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

/** A parsed `provider:model` spec. */
export interface LlmSpec {
  readonly provider: LlmProvider;
  readonly model: string;
}

const isProvider = (text: string): text is LlmProvider => (LLM_PROVIDERS as readonly string[]).includes(text);

/**
 * Reads `openai:gpt-4o-mini`, `anthropic:claude-3-5-haiku-latest`, `ollama:llama3.1`,
 * `openai-compatible:<model>`. The model is everything after the first colon, so tags such as
 * `ollama:llama3.1:8b` keep theirs. CONFIG_INVALID when the spec is not of that form.
 */
export const parseLlmSpec = (spec: string): LlmSpec => {
  const at = spec.indexOf(':');
  const provider = at < 0 ? '' : spec.slice(0, at).trim();
  const model = at < 0 ? '' : spec.slice(at + 1).trim();
  if (!isProvider(provider) || model === '')
    throw new AppError('CONFIG_INVALID', {
      message: `LLM spec "${spec}" must be <provider>:<model> with provider one of ${LLM_PROVIDERS.join(', ')} (e.g. openai:gpt-4o-mini, ollama:llama3.1)`,
      details: { spec },
    });
  return { provider, model };
};
