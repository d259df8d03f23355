import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closedPort } from '../actions/test-support/local-server.js';
import { isAppError } from '../domain/app-error.js';
import { createLlmClient } from './create-llm-client.js';
import { isLlmCallError } from './llm-call-error.js';
import type { LlmRequest } from './llm-client.js';
import { llmSettingsFromEnv } from './llm-settings.js';
import { startLlmServer, type LlmServer } from './test-support/llm-server.js';

const Answer = z.object({ verdict: z.enum(['yes', 'no']) });
const request: LlmRequest<z.infer<typeof Answer>> = {
  system: 'Judge the lead.',
  messages: [{ role: 'user', content: 'A lead.' }],
  schema: { name: 'verdict', jsonSchema: z.toJSONSchema(Answer), validator: Answer },
  maxTokens: 100,
};

const servers: LlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const serve = async (...args: Parameters<typeof startLlmServer>) => {
  const server = await startLlmServer(...args);
  servers.push(server);
  return server;
};

describe('an OpenAI-compatible server', () => {
  it('is switched to JSON mode with the schema in the prompt when it rejects json_schema, and stays there', async () => {
    const server = await serve(
      'openai',
      [{ answer: { verdict: 'yes' } }, { text: '```json\n{"verdict":"no"}\n```' }],
      {
        rejectJsonSchema: true,
      },
    );
    const client = createLlmClient('openai-compatible:llama-3.1-8b', { baseUrl: `${server.base}/v1` });
    expect((await client.complete(request)).json).toEqual({ verdict: 'yes' });
    expect((await client.complete(request)).json).toEqual({ verdict: 'no' });
    const [first, second, third] = server.bodies();
    expect(first?.['response_format']).toMatchObject({ type: 'json_schema' });
    expect(second?.['response_format']).toEqual({ type: 'json_object' });
    expect(third?.['response_format']).toEqual({ type: 'json_object' });
    expect(second?.['max_tokens']).toBe(100);
    const system = (second?.['messages'] as { content: string }[])[0]?.content ?? '';
    expect(system).toContain(JSON.stringify(request.schema.jsonSchema));
    expect(server.received[0]?.headers['authorization']).toBeUndefined();
  });

  it('reports a refusal as refused, without retrying', async () => {
    const server = await serve('openai', [
      {
        status: 200,
        body: {
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: null, refusal: 'I cannot help.' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 10, completion_tokens: 3 },
        },
      },
    ]);
    const client = createLlmClient('openai-compatible:m', { baseUrl: `${server.base}/v1` });
    await expect(client.complete(request)).rejects.toSatisfy(
      (e: unknown) => isLlmCallError(e, 'refused') && e.message.includes('I cannot help.'),
    );
  });

  it('does not retry a wrong API key, and says to check it', async () => {
    const server = await serve('openai', [], { apiKey: 'sk-right' });
    const client = createLlmClient('openai:gpt-4o-mini', {
      baseUrl: `${server.base}/v1`,
      apiKey: 'sk-wrong',
    });
    await expect(client.complete(request)).rejects.toSatisfy(
      (e: unknown) =>
        isLlmCallError(e, 'auth') && /401 \(check the API key\).*Incorrect API key/.test(e.message),
    );
    expect(server.received).toHaveLength(1);
  });

  it('neither retries nor leaves schema mode for another 400', async () => {
    const server = await serve('openai', [
      {
        status: 400,
        body: { error: { message: 'The model `nope` does not exist', type: 'invalid_request_error' } },
      },
    ]);
    const client = createLlmClient('openai-compatible:nope', { baseUrl: `${server.base}/v1` });
    await expect(client.complete(request)).rejects.toSatisfy(
      (e: unknown) => isLlmCallError(e, 'http') && e.status === 400 && e.message.includes('does not exist'),
    );
    expect(server.received).toHaveLength(1);
    expect(server.bodies()[0]?.['response_format']).toMatchObject({ type: 'json_schema' });
  });

  it('retries a server that cannot be reached, then says so', async () => {
    const waits: number[] = [];
    const client = createLlmClient('openai-compatible:m', {
      baseUrl: `${await closedPort()}/v1`,
      retries: 1,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    await expect(client.complete(request)).rejects.toSatisfy(
      (e: unknown) => isLlmCallError(e, 'network') && /could not be reached \(ECONNREFUSED\)/.test(e.message),
    );
    expect(waits).toEqual([500]);
    expect(client.totals()).toMatchObject({ httpCalls: 2, failures: 1 });
  });

  it('reports an answer in an undocumented shape as malformed', async () => {
    const server = await serve('openai', [{ status: 200, body: { result: 'yes' } }]);
    const client = createLlmClient('openai-compatible:m', { baseUrl: `${server.base}/v1` });
    await expect(client.complete(request)).rejects.toSatisfy((e: unknown) =>
      isLlmCallError(e, 'malformed_response'),
    );
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const server = createServer((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      req.resume();
      req.on('end', () =>
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              choices: [
                {
                  index: 0,
                  message: { role: 'assistant', content: '{"verdict":"yes"}' },
                  finish_reason: 'stop',
                },
              ],
              usage: { prompt_tokens: 1, completion_tokens: 1 },
            }),
          );
        }, 5),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
      const client = createLlmClient('openai-compatible:m', { baseUrl: base, concurrency: 3 });
      const answers = await Promise.all(Array.from({ length: 12 }, () => client.complete(request)));
      expect(answers).toHaveLength(12);
      expect(most).toBe(3);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('creating a client', () => {
  it('takes keys and the base URL from the environment it is given', () => {
    const env = {
      OPENAI_API_KEY: 'sk-o',
      ANTHROPIC_API_KEY: 'sk-a',
      LEADSIFT_LLM_BASE_URL: 'http://127.0.0.1:8000/v1',
    };
    expect(llmSettingsFromEnv('openai:gpt-4o', env)).toEqual({
      apiKey: 'sk-o',
      baseUrl: 'http://127.0.0.1:8000/v1',
    });
    expect(llmSettingsFromEnv('anthropic:claude-sonnet-4-5', env)).toMatchObject({ apiKey: 'sk-a' });
    expect(llmSettingsFromEnv('ollama:llama3.1', { ...env, LEADSIFT_LLM_BASE_URL: '' })).toEqual({});
  });

  it.each([
    ['gpt-4o-mini', {}, /must be <provider>:<model>/],
    ['mistral:large', {}, /provider one of openai, openai-compatible, anthropic, ollama/],
    ['openai:gpt-4o-mini', {}, /set OPENAI_API_KEY/],
    ['anthropic:claude-3-5-haiku-latest', {}, /set ANTHROPIC_API_KEY/],
    ['openai-compatible:qwen2.5', {}, /set LEADSIFT_LLM_BASE_URL/],
    ['ollama:llama3.1', { baseUrl: 'file:///tmp' }, /must be http or https/],
  ])('refuses %s with settings %j, naming what to fix', (spec, settings, message) => {
    let error: unknown;
    try {
      createLlmClient(spec, settings);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });

  it('keeps the tag of an Ollama model and names the client by its spec', () => {
    expect(createLlmClient('ollama:llama3.1:8b').model).toBe('ollama:llama3.1:8b');
  });
});
