import { AppError } from '../domain/app-error.js';
import type { LlmUsage } from './llm-client.js';

/**
 * Why a model call failed. `timeout`, `network`, `rate_limited` and `server` are retried;
 * `invalid_json` and `invalid_answer` are what a repair turn may fix; the rest are final.
 */
export type LlmFailureKind =
  | 'timeout'
  | 'network'
  | 'rate_limited'
  | 'server'
  | 'http'
  | 'auth'
  | 'malformed_response'
  | 'truncated'
  | 'refused'
  | 'invalid_json'
  | 'invalid_answer';

/** What an LlmCallError carries beyond its message. */
export interface LlmCallErrorOptions {
  readonly kind: LlmFailureKind;
  readonly retryable?: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The model's text, when it answered with something unusable. */
  readonly raw?: string;
  /** Tokens the failed answer consumed anyway. */
  readonly usage?: LlmUsage;
  /** What those tokens cost, in US dollars, when the model has a price. */
  readonly costUsd?: number;
  readonly cause?: unknown;
}

/**
 * A model call that failed, with its kind: an AppError with code LLM_FAILED; per-lead callers turn it into a value (`LlmFailure`) instead of letting it out.
 */
export class LlmCallError extends AppError {
  readonly kind: LlmFailureKind;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly raw: string | undefined;
  readonly usage: LlmUsage | undefined;
  readonly costUsd: number | undefined;

  constructor(message: string, options: LlmCallErrorOptions) {
    const { kind, status } = options;
    super('LLM_FAILED', {
      message,
      cause: options.cause,
      details: status === undefined ? { kind } : { kind, status },
    });
    this.name = 'LlmCallError';
    this.kind = kind;
    this.retryable = options.retryable ?? false;
    this.status = status;
    this.retryAfterMs = options.retryAfterMs;
    this.raw = options.raw;
    this.usage = options.usage;
    this.costUsd = options.costUsd;
  }
}

/** True when `error` is an LlmCallError, optionally of one of the given kinds. */
export const isLlmCallError = (error: unknown, ...kinds: LlmFailureKind[]): error is LlmCallError =>
  error instanceof LlmCallError && (kinds.length === 0 || kinds.includes(error.kind));
