import type { z } from 'zod';

/** One turn of a conversation sent to a model (the system prompt travels apart). */
export interface LlmMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/** A validation's outcome, as zod's `safeParse` gives it. */
export type LlmValidation<T> =
  { readonly success: true; readonly data: T } | { readonly success: false; readonly error: z.ZodError };

/** Validates an answer: a zod schema, or anything with zod's `safeParse`. */
export interface LlmValidator<T> {
  safeParse(value: unknown): LlmValidation<T>;
}

/**
 * The shape an answer must have: a JSON Schema the server constrains its output with, and the
 * zod schema leadsift validates the answer with (which may check more than JSON Schema can say,
 * such as cited fact ids). Both must describe the same object.
 */
export interface LlmSchema<T> {
  /** A name for the schema (OpenAI's `json_schema.name`, Anthropic's tool name): `[a-zA-Z0-9_-]{1,64}`. */
  readonly name: string;
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  readonly validator: LlmValidator<T>;
}

/** A request for one structured answer. */
export interface LlmRequest<T> {
  readonly system: string;
  readonly messages: readonly LlmMessage[];
  readonly schema: LlmSchema<T>;
  readonly maxTokens: number;
  /** 0 by default: the same lead should get the same answer. */
  readonly temperature?: number;
}

/** Tokens one call consumed, as the server counted them. */
export interface LlmUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A validated answer with what it cost. */
export interface LlmResponse<T> {
  readonly json: T;
  /** Zero tokens when the answer came from the cache. */
  readonly usage: LlmUsage;
  /** US dollars; undefined for models without a known price (local models). */
  readonly costUsd?: number;
  /** The answer's text exactly as the model produced it (for Anthropic, its tool input as JSON). */
  readonly raw: string;
  readonly cached: boolean;
  /** HTTP calls this answer took (0 from the cache; retries and the JSON-mode fallback count). */
  readonly attempts: number;
}

/** What a client has consumed since it was created: the run's accounting. */
export interface LlmTotals {
  /** `complete` calls, answered or not. */
  readonly requests: number;
  readonly cacheHits: number;
  /** HTTP calls made, retries included. */
  readonly httpCalls: number;
  /** `complete` calls that rejected. */
  readonly failures: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** US dollars; undefined when the model has no known price. */
  readonly costUsd?: number;
}

/**
 * A language model that answers with JSON of a given schema. `complete` resolves with a
 * validated answer or rejects with an `LlmCallError` saying what failed (timeout, rate limit
 * after retries, truncated, invalid answer, …).
 */
export interface LlmClient {
  /** The spec it was created from, e.g. `openai:gpt-4o-mini`: what a decision records. */
  readonly model: string;
  complete<T>(request: LlmRequest<T>): Promise<LlmResponse<T>>;
  totals(): LlmTotals;
}
