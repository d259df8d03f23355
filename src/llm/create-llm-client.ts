import { systemClock } from '../domain/clock.js';
import { concurrencyLimit } from './concurrency-limit.js';
import { llmCacheKey } from './llm-cache.js';
import { LlmCallError, type LlmFailureKind } from './llm-call-error.js';
import type { LlmClient, LlmRequest, LlmResponse, LlmTotals, LlmUsage } from './llm-client.js';
import { costOf, MODEL_PRICES, priceOf } from './llm-prices.js';
import type { LlmSettings, Sleep } from './llm-settings.js';
import { parseLlmSpec } from './parse-llm-spec.js';
import { readWireAnswer } from './read-wire-answer.js';
import { sendWireCall, type RejectedCall } from './send-wire-call.js';
import { wireFormatFor } from './wire/wire-format-for.js';
import type { OutputMode, WireAnswer } from './wire/wire-format.js';

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const statusKind = (status: number): LlmFailureKind =>
  status === 401 || status === 403
    ? 'auth'
    : status === 408 || status === 429
      ? 'rate_limited'
      : status >= 500
        ? 'server'
        : 'http';

const statusError = (spec: string, { status, snippet, retryAfterMs }: RejectedCall): LlmCallError => {
  const kind = statusKind(status);
  const hint =
    kind === 'auth' ? ' (check the API key)' : status === 404 ? ' (check the model name and base URL)' : '';
  return new LlmCallError(
    `${spec}: the server answered ${status}${hint}${snippet === '' ? '' : `: ${snippet}`}`,
    {
      kind,
      status,
      retryable: kind === 'rate_limited' || kind === 'server',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    },
  );
};

const ZERO: LlmUsage = { inputTokens: 0, outputTokens: 0 };

/**
 * A client for `spec` (`openai:gpt-4o-mini`, `anthropic:claude-…`, `ollama:llama3.1`,
 * `openai-compatible:<model>`) speaking the vendor's documented wire format with the built-in
 * `fetch`. Each call: the cache first (keyed by the spec and the SHA-256 of the canonical
 * request); then at most `concurrency` HTTP calls in flight, each cut off after `timeoutMs`,
 * retried on timeouts, network errors, 408, 429 and 5xx with exponential backoff or the
 * server's longer Retry-After (capped by `maxRetryWaitMs`); an OpenAI-compatible server that
 * rejects `json_schema` output is switched to JSON mode for the client's lifetime. Answers are
 * validated by the request's zod schema before they are cached or returned. Throws
 * CONFIG_INVALID when the spec or its settings are unusable.
 */
export const createLlmClient = (spec: string, settings: LlmSettings = {}): LlmClient => {
  const parsed = parseLlmSpec(spec);
  const wire = wireFormatFor(spec, parsed, settings);
  const clock = settings.clock ?? systemClock;
  const sleep = settings.sleep ?? realSleep;
  const retries = settings.retries ?? 2;
  const backoffMs = settings.backoffMs ?? 500;
  const maxRetryWaitMs = settings.maxRetryWaitMs ?? 30_000;
  const cacheTtlSeconds = settings.cacheTtlSeconds ?? 30 * 86_400;
  const limits = {
    timeoutMs: settings.timeoutMs ?? 60_000,
    maxResponseBytes: settings.maxResponseBytes ?? 4 * 1024 * 1024,
    now: () => clock.now(),
  };
  const hosted = parsed.provider === 'openai' || parsed.provider === 'anthropic';
  const price = priceOf(parsed.model, settings.prices ?? (hosted ? MODEL_PRICES : {}));
  const limit = concurrencyLimit(settings.concurrency ?? 8);
  const { cache } = settings;
  let mode: OutputMode = 'schema';
  const totals = { requests: 0, cacheHits: 0, httpCalls: 0, failures: 0, inputTokens: 0, outputTokens: 0 };
  const count = (usage: LlmUsage): void => {
    totals.inputTokens += usage.inputTokens;
    totals.outputTokens += usage.outputTokens;
  };

  /** One HTTP call within the limit: the answer, `again` after switching to JSON mode, or the failure. */
  const attempt = async (request: LlmRequest<unknown>): Promise<WireAnswer | 'again'> => {
    await limit.acquire();
    try {
      const used = mode;
      totals.httpCalls++;
      const outcome = await sendWireCall(wire.build(parsed.model, request, used), limits);
      if ('document' in outcome) return wire.read(outcome.document);
      const { status, snippet } = outcome.rejected;
      if (used === 'schema' && wire.rejectsSchemaMode(status, snippet)) {
        mode = 'json';
        return 'again';
      }
      throw statusError(spec, outcome.rejected);
    } finally {
      limit.release();
    }
  };

  const fetchAnswer = async (
    request: LlmRequest<unknown>,
  ): Promise<{ answer: WireAnswer; attempts: number }> => {
    for (let attempts = 1, retried = 0; ; attempts++) {
      let failure: LlmCallError;
      try {
        const answer = await attempt(request);
        if (answer !== 'again') return { answer, attempts };
        continue;
      } catch (error) {
        if (!(error instanceof LlmCallError)) throw error;
        failure = error;
      }
      if (!failure.retryable || retried >= retries) throw failure;
      const wait = Math.max(backoffMs * 2 ** retried, failure.retryAfterMs ?? 0);
      // A lead must not stall for an hour because a server said so: fail it and move on.
      if (wait > maxRetryWaitMs)
        throw new LlmCallError(
          `${failure.message} (the server asked to wait ${Math.ceil(wait / 1000)} s, more than the ${Math.ceil(maxRetryWaitMs / 1000)} s allowed)`,
          { kind: failure.kind, cause: failure },
        );
      retried++;
      await sleep(wait);
    }
  };

  const complete = async <T>(request: LlmRequest<T>): Promise<LlmResponse<T>> => {
    const key =
      cache === undefined
        ? undefined
        : llmCacheKey(spec, {
            system: request.system,
            messages: request.messages,
            schema: { name: request.schema.name, jsonSchema: request.schema.jsonSchema },
            maxTokens: request.maxTokens,
            temperature: request.temperature ?? 0,
          });
    const hit = key === undefined ? undefined : await cache?.get(key);
    const reused = hit === undefined ? undefined : request.schema.validator.safeParse(hit.json);
    if (hit !== undefined && reused?.success === true) {
      totals.cacheHits++;
      return withCost({ json: reused.data, usage: ZERO, raw: hit.raw, cached: true, attempts: 0 });
    }
    const { answer, attempts } = await fetchAnswer(request);
    count(answer.usage);
    let json: T;
    try {
      json = readWireAnswer(answer, request.schema, request.maxTokens);
    } catch (error) {
      throw error instanceof LlmCallError ? priced(error) : error;
    }
    if (key !== undefined)
      await cache?.set(key, { raw: answer.text, json, usage: answer.usage }, cacheTtlSeconds);
    return withCost({ json, usage: answer.usage, raw: answer.text, cached: false, attempts });
  };

  /** The same error with the cost of the tokens its unusable answer consumed. */
  const priced = (error: LlmCallError): LlmCallError => {
    const costUsd = error.usage === undefined ? undefined : costOf(error.usage, price);
    if (costUsd === undefined) return error;
    const { kind, retryable, status, retryAfterMs, raw, usage } = error;
    return new LlmCallError(error.message, {
      kind,
      retryable,
      costUsd,
      cause: error.cause,
      ...(status === undefined ? {} : { status }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(raw === undefined ? {} : { raw }),
      ...(usage === undefined ? {} : { usage }),
    });
  };

  const withCost = <T>(response: Omit<LlmResponse<T>, 'costUsd'>): LlmResponse<T> => {
    const costUsd = costOf(response.usage, price);
    return costUsd === undefined ? response : { ...response, costUsd };
  };

  return {
    model: spec,
    complete: async (request) => {
      totals.requests++;
      try {
        return await complete(request);
      } catch (error) {
        totals.failures++;
        throw error;
      }
    },
    totals: (): LlmTotals => {
      const costUsd = costOf(totals, price);
      return costUsd === undefined ? { ...totals } : { ...totals, costUsd };
    },
  };
};
