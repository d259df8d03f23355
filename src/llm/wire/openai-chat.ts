import { LlmCallError } from '../llm-call-error.js';
import {
  countAt,
  isRecord,
  joinUrl,
  schemaInstruction,
  stringAt,
  type WireAnswer,
  type WireFormat,
} from './wire-format.js';

/** Options of the OpenAI chat-completions format. */
export interface OpenAiChatOptions {
  readonly baseUrl: string;
  readonly apiKey?: string;
  /**
   * OpenAI itself takes `max_completion_tokens` (its reasoning models refuse `max_tokens`);
   * other OpenAI-compatible servers (vLLM, llama.cpp, LM Studio, Ollama) read `max_tokens`.
   */
  readonly tokenLimitField: 'max_completion_tokens' | 'max_tokens';
}

const malformed = (what: string): LlmCallError =>
  new LlmCallError(`the chat completion is not in the documented shape: ${what}`, {
    kind: 'malformed_response',
  });

/**
 * OpenAI chat completions, `POST {baseUrl}/chat/completions`
 * (platform.openai.com/docs/api-reference/chat/create): structured output with
 * `response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } }`, or
 * `{ type: 'json_object' }` with the schema in the system prompt on servers that lack it.
 */
export const openAiChat = (options: OpenAiChatOptions): WireFormat => ({
  build: (model, request, mode) => ({
    url: joinUrl(options.baseUrl, '/chat/completions'),
    headers: {
      'content-type': 'application/json',
      ...(options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` }),
    },
    body: {
      model,
      messages: [
        {
          role: 'system',
          content: mode === 'schema' ? request.system : `${request.system}\n\n${schemaInstruction(request)}`,
        },
        ...request.messages.map((m) => ({ role: m.role, content: m.content })),
      ],
      [options.tokenLimitField]: request.maxTokens,
      temperature: request.temperature ?? 0,
      response_format:
        mode === 'schema'
          ? {
              type: 'json_schema',
              json_schema: { name: request.schema.name, strict: true, schema: request.schema.jsonSchema },
            }
          : { type: 'json_object' },
    },
  }),
  read: (document): WireAnswer => {
    const choices = isRecord(document) ? document['choices'] : undefined;
    const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
    if (!isRecord(choice)) throw malformed('no choices[0]');
    const message = choice['message'];
    if (!isRecord(message)) throw malformed('no choices[0].message');
    const usageDoc = isRecord(document) ? document['usage'] : undefined;
    const usage = {
      inputTokens: countAt(usageDoc, 'prompt_tokens'),
      outputTokens: countAt(usageDoc, 'completion_tokens'),
    };
    const refusal = stringAt(message, 'refusal');
    if (refusal !== undefined && refusal !== '') return { text: '', usage, stop: 'refused', refusal };
    const text = stringAt(message, 'content') ?? '';
    const truncated = choice['finish_reason'] === 'length';
    return { text, usage, stop: truncated ? 'truncated' : 'complete' };
  },
  // OpenAI answers 400 naming `response_format`; vLLM and llama.cpp name `json_schema`.
  rejectsSchemaMode: (status, body) =>
    (status === 400 || status === 422) && /response_format|json_schema/i.test(body),
});
