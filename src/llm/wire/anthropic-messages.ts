import { LlmCallError } from '../llm-call-error.js';
import { countAt, isRecord, joinUrl, stringAt, type WireAnswer, type WireFormat } from './wire-format.js';

/** Options of the Anthropic Messages format. */
export interface AnthropicMessagesOptions {
  readonly baseUrl: string;
  readonly apiKey: string;
}

/** The API version leadsift speaks (docs.anthropic.com/en/api/versioning). */
export const ANTHROPIC_VERSION = '2023-06-01';

const malformed = (what: string): LlmCallError =>
  new LlmCallError(`the Anthropic message is not in the documented shape: ${what}`, {
    kind: 'malformed_response',
  });

/**
 * Anthropic Messages, `POST {baseUrl}/v1/messages` (docs.anthropic.com/en/api/messages):
 * structured output as a single tool whose `input_schema` is the schema, forced with
 * `tool_choice: { type: 'tool', name }`; the answer is the `tool_use` block's `input`. The
 * tool is always supported, so there is no JSON-mode fallback.
 */
export const anthropicMessages = (options: AnthropicMessagesOptions): WireFormat => ({
  build: (model, request) => ({
    url: joinUrl(options.baseUrl, '/v1/messages'),
    headers: {
      'content-type': 'application/json',
      'x-api-key': options.apiKey,
      'anthropic-version': ANTHROPIC_VERSION,
    },
    body: {
      model,
      max_tokens: request.maxTokens,
      temperature: request.temperature ?? 0,
      system: request.system,
      messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
      tools: [
        {
          name: request.schema.name,
          description: 'Record the answer. Call this tool exactly once with the complete answer.',
          input_schema: request.schema.jsonSchema,
        },
      ],
      tool_choice: { type: 'tool', name: request.schema.name },
    },
  }),
  read: (document): WireAnswer => {
    if (!isRecord(document) || !Array.isArray(document['content'])) throw malformed('no content array');
    const usageDoc = document['usage'];
    const usage = {
      inputTokens: countAt(usageDoc, 'input_tokens'),
      outputTokens: countAt(usageDoc, 'output_tokens'),
    };
    const stopReason = stringAt(document, 'stop_reason');
    const content: unknown[] = document['content'];
    const tool = content.find((block) => isRecord(block) && block['type'] === 'tool_use');
    // A tool_use cut off by max_tokens carries a partial input: never use it.
    if (stopReason === 'max_tokens') return { text: '', usage, stop: 'truncated' };
    if (stopReason === 'refusal')
      return { text: '', usage, stop: 'refused', refusal: 'stop_reason: refusal' };
    if (!isRecord(tool)) {
      const text = content
        .map((block) => stringAt(block, 'text') ?? '')
        .join('')
        .trim();
      return { text, usage, stop: 'complete' };
    }
    const input = tool['input'];
    return { text: JSON.stringify(input), parsed: input, usage, stop: 'complete' };
  },
  rejectsSchemaMode: () => false,
});
