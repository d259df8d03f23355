import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../domain/clock.js';
import { createLlmClient } from './create-llm-client.js';
import { isLlmCallError, type LlmCallError } from './llm-call-error.js';
import { memoryLlmCache } from './llm-cache.js';
import type { LlmRequest } from './llm-client.js';
import type { LlmSettings } from './llm-settings.js';
import { startLlmServer, type LlmServer, type Reply, type ServerFormat } from './test-support/llm-server.js';

const Answer = z.object({ verdict: z.enum(['yes', 'no']), score: z.number().int().min(0).max(100) });

const request: LlmRequest<z.infer<typeof Answer>> = {
  system: 'Say whether the lead is good.',
  messages: [{ role: 'user', content: 'The lead: <lead_data>{}</lead_data>' }],
  schema: { name: 'verdict', jsonSchema: z.toJSONSchema(Answer), validator: Answer },
  maxTokens: 200,
};

const SPECS: Readonly<Record<ServerFormat, string>> = {
  openai: 'openai:gpt-4o-mini',
  anthropic: 'anthropic:claude-3-5-haiku-20241022',
  ollama: 'ollama:llama3.1',
};

const servers: LlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const setup = async (format: ServerFormat, replies: Reply[], settings: LlmSettings = {}) => {
  const server = await startLlmServer(format, replies, { apiKey: 'sk-test' });
  servers.push(server);
  const waits: number[] = [];
  const client = createLlmClient(SPECS[format], {
    baseUrl: format === 'openai' ? `${server.base}/v1` : server.base,
    ...(format === 'ollama' ? {} : { apiKey: 'sk-test' }),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    ...settings,
  });
  return { server, client, waits };
};

const failureOf = async (promise: Promise<unknown>): Promise<LlmCallError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isLlmCallError(error)) throw new Error(`expected an LlmCallError, got ${String(error)}`);
  return error;
};

describe.each(['openai', 'anthropic', 'ollama'] as const)('an LLM client speaking %s', (format) => {
  it('sends the documented request with the schema and returns the validated answer with its usage', async () => {
    const { server, client } = await setup(format, [{ answer: { verdict: 'yes', score: 80 } }]);
    const response = await client.complete(request);
    expect(response.json).toEqual({ verdict: 'yes', score: 80 });
    expect(response.cached).toBe(false);
    expect(response.usage.inputTokens).toBeGreaterThan(0);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    const [sent] = server.received;
    const body = server.bodies()[0] ?? {};
    if (format === 'openai') {
      expect(sent?.url).toBe('/v1/chat/completions');
      expect(sent?.headers['authorization']).toBe('Bearer sk-test');
      expect(body['response_format']).toEqual({
        type: 'json_schema',
        json_schema: { name: 'verdict', strict: true, schema: request.schema.jsonSchema },
      });
      expect(body['max_completion_tokens']).toBe(200);
      expect(body['messages']).toEqual([
        { role: 'system', content: request.system },
        { role: 'user', content: request.messages[0]?.content },
      ]);
      expect(response.costUsd).toBeGreaterThan(0);
    }
    if (format === 'anthropic') {
      expect(sent?.url).toBe('/v1/messages');
      expect(sent?.headers['x-api-key']).toBe('sk-test');
      expect(sent?.headers['anthropic-version']).toBe('2023-06-01');
      expect(body['system']).toBe(request.system);
      expect(body['max_tokens']).toBe(200);
      expect(body['tools']).toEqual([
        expect.objectContaining({ name: 'verdict', input_schema: request.schema.jsonSchema }),
      ]);
      expect(body['tool_choice']).toEqual({ type: 'tool', name: 'verdict' });
      expect(response.costUsd).toBeGreaterThan(0);
    }
    if (format === 'ollama') {
      expect(sent?.url).toBe('/api/chat');
      expect(body['format']).toEqual(request.schema.jsonSchema);
      expect(body['stream']).toBe(false);
      expect(body['options']).toEqual({ temperature: 0, num_predict: 200 });
      expect(response.costUsd).toBeUndefined();
    }
    expect(client.totals()).toMatchObject({ requests: 1, httpCalls: 1, failures: 0, ...response.usage });
  });

  it('refuses an answer cut off at the output limit without retrying it', async () => {
    const { server, client } = await setup(format, [{ truncated: '{"verdict":"yes","sco' }]);
    const error = await failureOf(client.complete(request));
    expect(error.kind).toBe('truncated');
    expect(error.message).toContain('200 tokens');
    expect(server.received).toHaveLength(1);
  });

  it('reports an answer that is not JSON with the text it got', async () => {
    const { client } = await setup(format, [{ text: 'Sure! The lead looks great.' }]);
    const error = await failureOf(client.complete(request));
    expect(error.kind).toBe('invalid_json');
    expect(error.raw).toBe('Sure! The lead looks great.');
    expect(error.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('reports an answer that violates the schema, naming each problem', async () => {
    const { client } = await setup(format, [{ answer: { verdict: 'maybe', score: 140 } }]);
    const error = await failureOf(client.complete(request));
    expect(error.kind).toBe('invalid_answer');
    expect(error.message).toMatch(/verdict/);
    expect(error.message).toMatch(/score/);
  });

  it('waits as long as Retry-After asks after a 429, then succeeds', async () => {
    const { server, client, waits } = await setup(format, [
      { status: 429, body: { error: { message: 'rate limited' } }, headers: { 'retry-after': '3' } },
      { answer: { verdict: 'no', score: 10 } },
    ]);
    const response = await client.complete(request);
    expect(response.json.verdict).toBe('no');
    expect(response.attempts).toBe(2);
    expect(waits).toEqual([3000]);
    expect(server.received).toHaveLength(2);
  });

  it('backs off exponentially after server errors, then succeeds', async () => {
    const { client, waits } = await setup(format, [
      { status: 500, body: { error: 'boom' } },
      { status: 503, body: { error: 'overloaded' } },
      { answer: { verdict: 'yes', score: 70 } },
    ]);
    expect((await client.complete(request)).attempts).toBe(3);
    expect(waits).toEqual([500, 1000]);
    expect(client.totals()).toMatchObject({ requests: 1, httpCalls: 3, failures: 0 });
  });

  it('gives up after its retries, with the last status', async () => {
    const { server, client } = await setup(format, [{ status: 502 }, { status: 502 }, { status: 502 }], {
      retries: 2,
    });
    const error = await failureOf(client.complete(request));
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect(server.received).toHaveLength(3);
    expect(client.totals().failures).toBe(1);
  });

  it('fails at once when Retry-After asks for longer than allowed', async () => {
    const { server, client, waits } = await setup(format, [
      { status: 429, headers: { 'retry-after': '3600' } },
    ]);
    const error = await failureOf(client.complete(request));
    expect(error.kind).toBe('rate_limited');
    expect(error.message).toContain('3600 s');
    expect(waits).toEqual([]);
    expect(server.received).toHaveLength(1);
  });

  it('cuts off a server that does not answer and says so', async () => {
    const { client } = await setup(format, [{ hang: true }], { timeoutMs: 50, retries: 0 });
    const error = await failureOf(client.complete(request));
    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('within 50 ms');
  });

  it('answers a repeated request from the cache without calling the server', async () => {
    const cache = memoryLlmCache(fixedClock('2026-11-28T12:00:00Z'));
    const { server, client } = await setup(format, [{ answer: { verdict: 'yes', score: 90 } }], { cache });
    const first = await client.complete(request);
    const second = await client.complete(request);
    expect(second).toMatchObject({
      json: first.json,
      cached: true,
      attempts: 0,
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(server.received).toHaveLength(1);
    expect(client.totals()).toMatchObject({ requests: 2, cacheHits: 1, httpCalls: 1 });
    const other = { ...request, messages: [{ role: 'user' as const, content: 'Another lead.' }] };
    await expect(client.complete(other)).rejects.toThrow(/no reply queued/);
  });
});
