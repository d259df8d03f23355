import { LlmCallError } from '../llm-call-error.js';
import { countAt, isRecord, joinUrl, stringAt, type WireAnswer, type WireFormat } from './wire-format.js';

/** Options of Ollama's native chat format. */
export interface OllamaChatOptions {
  readonly baseUrl: string;
}

/**
 * Ollama's native chat, `POST {baseUrl}/api/chat` (github.com/ollama/ollama/blob/main/docs/api.md):
 * `format` carries the JSON Schema (structured outputs, Ollama ≥ 0.5), `stream: false` asks for
 * one JSON answer, `options.num_predict` limits the output; `done_reason: 'length'` means the
 * limit cut the answer off.
 */
export const ollamaChat = (options: OllamaChatOptions): WireFormat => ({
  build: (model, request) => ({
    url: joinUrl(options.baseUrl, '/api/chat'),
    headers: { 'content-type': 'application/json' },
    body: {
      model,
      messages: [
        { role: 'system', content: request.system },
        ...request.messages.map((m) => ({ role: m.role, content: m.content })),
      ],
      format: request.schema.jsonSchema,
      stream: false,
      options: { temperature: request.temperature ?? 0, num_predict: request.maxTokens },
    },
  }),
  read: (document): WireAnswer => {
    const message = isRecord(document) ? document['message'] : undefined;
    if (!isRecord(message)) throw malformed('no message');
    const text = stringAt(message, 'content') ?? '';
    const usage = {
      inputTokens: countAt(document, 'prompt_eval_count'),
      outputTokens: countAt(document, 'eval_count'),
    };
    const truncated = stringAt(document, 'done_reason') === 'length';
    return { text, usage, stop: truncated ? 'truncated' : 'complete' };
  },
  rejectsSchemaMode: () => false,
});

const malformed = (what: string): LlmCallError =>
  new LlmCallError(`the Ollama chat answer is not in the documented shape: ${what}`, {
    kind: 'malformed_response',
  });
