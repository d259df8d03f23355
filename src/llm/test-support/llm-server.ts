import type { ServerResponse } from 'node:http';
import {
  answerJson,
  startLocalServer,
  type LocalServer,
  type ReceivedRequest,
} from '../../actions/test-support/local-server.js';

/** The wire formats a stand-in server speaks. */
export type ServerFormat = 'openai' | 'anthropic' | 'ollama';

/**
 * What the server answers to the next request: a JSON answer (as the format delivers structured
 * output), free text (not JSON, or not in a tool call), an answer cut off by the output limit,
 * a raw HTTP answer, or no answer at all (a hanging server).
 */
export type Reply =
  | { readonly answer: unknown }
  | { readonly text: string }
  | { readonly truncated: string }
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | { readonly hang: true };

/** A stand-in server with the requests it received (parsed) and the replies still queued. */
export interface LlmServer extends LocalServer {
  readonly replies: Reply[];
  /** The JSON bodies of the requests received, in order. */
  bodies(): Record<string, unknown>[];
}

const PATHS: Readonly<Record<ServerFormat, string>> = {
  openai: '/v1/chat/completions',
  anthropic: '/v1/messages',
  ollama: '/api/chat',
};

const tokens = (text: string): number => Math.ceil(text.length / 4);

/** The vendor's error document. */
const vendorError = (format: ServerFormat, message: string, param?: string): unknown =>
  format === 'anthropic'
    ? { type: 'error', error: { type: 'invalid_request_error', message } }
    : format === 'openai'
      ? { error: { message, type: 'invalid_request_error', param: param ?? null, code: null } }
      : { error: message };

/** What the documented API would refuse in a request, or undefined when it is well formed. */
const refusal = (
  format: ServerFormat,
  request: ReceivedRequest,
  body: Record<string, unknown>,
  options: ServerOptions,
) => {
  const h = request.headers;
  if (request.method !== 'POST' || request.url !== PATHS[format])
    return { status: 404, message: `no route ${request.method} ${request.url}` };
  if (h['content-type'] !== 'application/json')
    return { status: 400, message: 'content-type must be application/json' };
  if (typeof body['model'] !== 'string' || !Array.isArray(body['messages']))
    return { status: 400, message: 'model and messages are required' };
  if (format === 'openai') {
    if (options.apiKey !== undefined && h['authorization'] !== `Bearer ${options.apiKey}`)
      return { status: 401, message: 'Incorrect API key provided' };
    const rf = body['response_format'] as { type?: string } | undefined;
    if (rf?.type === 'json_schema' && options.rejectJsonSchema === true)
      return {
        status: 400,
        message:
          "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
        param: 'response_format',
      };
  }
  if (format === 'anthropic') {
    if (h['x-api-key'] !== options.apiKey) return { status: 401, message: 'invalid x-api-key' };
    if (h['anthropic-version'] !== '2023-06-01')
      return { status: 400, message: 'anthropic-version header is required' };
    if (typeof body['max_tokens'] !== 'number') return { status: 400, message: 'max_tokens: Field required' };
  }
  if (format === 'ollama' && body['stream'] !== false)
    return { status: 400, message: 'this stand-in only answers stream: false' };
  return undefined;
};

const envelope = (
  format: ServerFormat,
  body: Record<string, unknown>,
  content: { json?: unknown; text: string; truncated: boolean },
) => {
  const input = tokens(JSON.stringify(body['messages']));
  const output = tokens(content.text);
  if (format === 'openai')
    return {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_796_000_000,
      model: body['model'],
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: content.text, refusal: null },
          logprobs: null,
          finish_reason: content.truncated ? 'length' : 'stop',
        },
      ],
      usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
    };
  if (format === 'anthropic') {
    const tool = (body['tool_choice'] as { name?: string } | undefined)?.name ?? 'answer';
    const block =
      content.json !== undefined && !content.truncated
        ? { type: 'tool_use', id: 'toolu_test', name: tool, input: content.json }
        : { type: 'text', text: content.text };
    return {
      id: 'msg_test',
      type: 'message',
      role: 'assistant',
      model: body['model'],
      content: [block],
      stop_reason: content.truncated ? 'max_tokens' : block.type === 'tool_use' ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: input, output_tokens: output },
    };
  }
  return {
    model: body['model'],
    created_at: '2026-11-28T12:00:00Z',
    message: { role: 'assistant', content: content.text },
    done_reason: content.truncated ? 'length' : 'stop',
    done: true,
    total_duration: 1_000_000,
    prompt_eval_count: input,
    eval_count: output,
  };
};

/** How the stand-in behaves beyond its replies. */
export interface ServerOptions {
  /** The key the server expects (Bearer for OpenAI, x-api-key for Anthropic). */
  readonly apiKey?: string;
  /** Answer 400 to `response_format: json_schema`, as servers without structured outputs do. */
  readonly rejectJsonSchema?: boolean;
  /** How to answer a request when no reply is queued: a stand-in model reading the request. */
  readonly judge?: (body: Record<string, unknown>) => Reply;
}

const answer = (
  format: ServerFormat,
  reply: Reply,
  body: Record<string, unknown>,
  res: ServerResponse,
): void => {
  if ('hang' in reply) return;
  if ('status' in reply) return answerJson(res, reply.status, reply.body, reply.headers);
  const content =
    'answer' in reply
      ? { json: reply.answer, text: JSON.stringify(reply.answer), truncated: false }
      : 'text' in reply
        ? { text: reply.text, truncated: false }
        : { text: reply.truncated, truncated: true };
  answerJson(res, 200, envelope(format, body, content));
};

/**
 * A real HTTP server on 127.0.0.1 speaking one vendor's wire format as documented: it refuses
 * malformed requests the way the vendor does (wrong path, missing key or version header,
 * `json_schema` when told to), and wraps each queued reply in the vendor's envelope with usage.
 */
export const startLlmServer = async (
  format: ServerFormat,
  replies: Reply[] = [],
  options: ServerOptions = {},
): Promise<LlmServer> => {
  const server = await startLocalServer((request, res) => {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body) as Record<string, unknown>;
    } catch {
      return answerJson(res, 400, vendorError(format, 'the body is not JSON'));
    }
    const refused = refusal(format, request, body, options);
    if (refused !== undefined)
      return answerJson(res, refused.status, vendorError(format, refused.message, refused.param));
    const reply = replies.shift() ?? options.judge?.(body);
    if (reply === undefined) return answerJson(res, 500, vendorError(format, 'no reply queued'));
    answer(format, reply, body, res);
  });
  return {
    ...server,
    replies,
    bodies: () => server.received.map((r) => JSON.parse(r.body) as Record<string, unknown>),
  };
};
