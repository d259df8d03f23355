import { AppError } from '../../domain/app-error.js';
import type { LlmSettings } from '../llm-settings.js';
import type { LlmSpec } from '../parse-llm-spec.js';
import { anthropicMessages } from './anthropic-messages.js';
import { ollamaChat } from './ollama-chat.js';
import { openAiChat } from './openai-chat.js';
import type { WireFormat } from './wire-format.js';

const DEFAULT_BASE_URLS = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
  ollama: 'http://127.0.0.1:11434',
} as const;

const invalid = (message: string): AppError => new AppError('CONFIG_INVALID', { message });

const checkedBaseUrl = (spec: string, baseUrl: string): string => {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new AppError('CONFIG_INVALID', {
      message: `${spec}: base URL "${baseUrl}" is not a URL (e.g. http://127.0.0.1:8000/v1)`,
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid(`${spec}: base URL "${baseUrl}" must be http or https`);
  return baseUrl;
};

/**
 * The wire format for a spec with its base URL and key, checked: CONFIG_INVALID naming the
 * setting to fix when openai or anthropic has no key or openai-compatible has no base URL.
 */
export const wireFormatFor = (spec: string, { provider }: LlmSpec, settings: LlmSettings): WireFormat => {
  const { apiKey } = settings;
  switch (provider) {
    case 'openai':
      if (apiKey === undefined) throw invalid(`${spec} needs an API key: set OPENAI_API_KEY`);
      return openAiChat({
        baseUrl: checkedBaseUrl(spec, settings.baseUrl ?? DEFAULT_BASE_URLS.openai),
        apiKey,
        tokenLimitField: 'max_completion_tokens',
      });
    case 'openai-compatible':
      if (settings.baseUrl === undefined)
        throw invalid(
          `${spec} needs the server's base URL: set LEADSIFT_LLM_BASE_URL (e.g. http://127.0.0.1:8000/v1)`,
        );
      return openAiChat({
        baseUrl: checkedBaseUrl(spec, settings.baseUrl),
        ...(apiKey === undefined ? {} : { apiKey }),
        tokenLimitField: 'max_tokens',
      });
    case 'anthropic':
      if (apiKey === undefined) throw invalid(`${spec} needs an API key: set ANTHROPIC_API_KEY`);
      return anthropicMessages({
        baseUrl: checkedBaseUrl(spec, settings.baseUrl ?? DEFAULT_BASE_URLS.anthropic),
        apiKey,
      });
    case 'ollama':
      return ollamaChat({ baseUrl: checkedBaseUrl(spec, settings.baseUrl ?? DEFAULT_BASE_URLS.ollama) });
  }
};
