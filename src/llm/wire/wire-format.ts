import type { LlmRequest, LlmUsage } from '../llm-client.js';

/** Whether the server constrains output by the JSON Schema, or only to JSON (then we validate). */
export type OutputMode = 'schema' | 'json';

/** An HTTP call a wire format builds: where, with which headers, with which JSON body. */
export interface WireCall {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** What a wire format reads from a 2xx answer. */
export interface WireAnswer {
  /** The model's JSON answer as text. */
  readonly text: string;
  /** Already-parsed JSON, when the format delivers it parsed (Anthropic's tool input). */
  readonly parsed?: unknown;
  readonly usage: LlmUsage;
  /** `truncated`: the output limit cut the answer off; `refused`: the model declined. */
  readonly stop: 'complete' | 'truncated' | 'refused';
  readonly refusal?: string;
}

/** One vendor's documented request and response shapes. */
export interface WireFormat {
  build(model: string, request: LlmRequest<unknown>, mode: OutputMode): WireCall;
  /** Reads an answer's document; throws LlmCallError `malformed_response` when it is not the documented shape. */
  read(document: unknown): WireAnswer;
  /** True when a 4xx answer says the server does not support schema mode (then JSON mode is tried). */
  rejectsSchemaMode(status: number, body: string): boolean;
}

/** The instruction JSON mode adds: servers without schema support still see the schema. */
export const schemaInstruction = (request: LlmRequest<unknown>): string =>
  `Answer with one JSON object only, no prose, matching this JSON Schema:\n${JSON.stringify(
    request.schema.jsonSchema,
  )}`;

/** A string field of an object, or undefined. */
export const stringAt = (value: unknown, key: string): string | undefined => {
  const v = isRecord(value) ? value[key] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** A non-negative integer field of an object, or 0. */
export const countAt = (value: unknown, key: string): number => {
  const v = isRecord(value) ? value[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0;
};

/** True for a plain JSON object. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** `base` without a trailing slash, joined to `path`. */
export const joinUrl = (base: string, path: string): string => `${base.replace(/\/+$/, '')}${path}`;
