import type { Clock } from '../domain/clock.js';
import type { LlmCache } from './llm-cache.js';
import type { ModelPrice } from './llm-prices.js';
import { parseLlmSpec } from './parse-llm-spec.js';

/** Waits; injected so that tests do not sleep through backoffs. */
export type Sleep = (ms: number) => Promise<void>;

/** How a client reaches its server and within which limits. Every field has a default. */
export interface LlmSettings {
  /** Sent as `Authorization: Bearer` (OpenAI-compatible) or `x-api-key` (Anthropic). */
  readonly apiKey?: string;
  /**
   * Where the server is: OpenAI-compatible servers up to and including `/v1`
   * (`https://api.openai.com/v1`, `http://127.0.0.1:8000/v1`); Anthropic and Ollama at their
   * root (`https://api.anthropic.com`, `http://127.0.0.1:11434`).
   */
  readonly baseUrl?: string;
  /** One HTTP call's limit; 60 s by default (local models on CPUs are slow). */
  readonly timeoutMs?: number;
  /** Attempts after the first on a timeout, network error, 408, 429 or 5xx; 2 by default. */
  readonly retries?: number;
  /** Calls in flight at once; 8 by default. */
  readonly concurrency?: number;
  /** First backoff (doubling per retry); 500 ms by default. */
  readonly backoffMs?: number;
  /** A Retry-After or backoff longer than this fails the call instead; 30 s by default. */
  readonly maxRetryWaitMs?: number;
  readonly cache?: LlmCache;
  /** How long a cached answer is reused; 30 days by default. */
  readonly cacheTtlSeconds?: number;
  /** Prices that replace the built-in table (e.g. for a hosted OpenAI-compatible server). */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** Answers larger than this are refused; 4 MiB by default. */
  readonly maxResponseBytes?: number;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
}

/**
 * The key and base URL for `spec` from an environment the caller passes in (the library never
 * reads `process.env`): `OPENAI_API_KEY` for openai and openai-compatible, `ANTHROPIC_API_KEY`
 * for anthropic, `LEADSIFT_LLM_BASE_URL` for any.
 */
export const llmSettingsFromEnv = (
  spec: string,
  env: Readonly<Record<string, string | undefined>>,
): Pick<LlmSettings, 'apiKey' | 'baseUrl'> => {
  const { provider } = parseLlmSpec(spec);
  const apiKey =
    provider === 'anthropic'
      ? env['ANTHROPIC_API_KEY']
      : provider === 'ollama'
        ? undefined
        : env['OPENAI_API_KEY'];
  const baseUrl = env['LEADSIFT_LLM_BASE_URL'];
  return {
    ...(apiKey === undefined || apiKey === '' ? {} : { apiKey }),
    ...(baseUrl === undefined || baseUrl === '' ? {} : { baseUrl }),
  };
};
