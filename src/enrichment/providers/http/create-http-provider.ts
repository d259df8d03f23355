import { systemClock, type Clock } from '../../../domain/clock.js';
import {
  ProviderFailure,
  type EnrichableField,
  type EnrichmentProvider,
  type ProviderLimits,
} from '../../provider.js';
import { compileHttpRequest, hasQueryKeys } from './compile-http-request.js';
import type { HttpProviderConfig } from './http-provider-config.js';
import { compileResponseMapping, readResponseFields } from './read-response-fields.js';
import { parseRetryAfter } from './retry-after.js';
import {
  createHttpAgents,
  HttpTransportError,
  sendHttpRequest,
  type HttpAnswer,
} from './send-http-request.js';

/** Options for `createHttpProvider`. */
export interface HttpProviderOptions {
  /** Reads Retry-After dates; the system clock by default. */
  readonly clock?: Clock;
}

// Enough of an error body to name the vendor's complaint ("invalid api key").
const ERROR_SNIPPET_CHARS = 200;

const errorSnippet = (body: Uint8Array | undefined): string => {
  if (body === undefined) return '';
  const text = new TextDecoder()
    .decode(body.subarray(0, 4 * ERROR_SNIPPET_CHARS))
    .replace(/\s+/g, ' ')
    .trim();
  return text === '' ? '' : `: ${text.slice(0, ERROR_SNIPPET_CHARS)}`;
};

const reason = (error: unknown): string => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
};

/** The failure for a status other than 2xx and 404: 408, 429 and 5xx may be retried. */
const statusFailure = (
  response: HttpAnswer,
  source: string,
  now: number,
): { message: string; retryable: boolean; retryAfterMs?: number } => {
  const { status } = response;
  const retryable = status === 408 || status === 429 || status >= 500;
  const retryAfterMs = retryable ? parseRetryAfter(response.header('retry-after') ?? null, now) : undefined;
  const message = `${source} answered ${status}${errorSnippet(response.body)}`;
  return retryAfterMs === undefined ? { message, retryable } : { message, retryable, retryAfterMs };
};

const limitsOf = ({ limits }: HttpProviderConfig): ProviderLimits => {
  const { ratePerSecond, ...rest } = limits;
  return ratePerSecond === undefined ? rest : { ...rest, ratePerSecond };
};

/**
 * An enrichment provider calling a JSON HTTP API as its config describes, with Node's HTTP
 * client over kept-alive connections (`sendHttpRequest`). One attempt per lookup (the caller
 * retries): 2xx answers are read up to `maxBodyBytes` and mapped to fields; 404 is an empty
 * answer (not found is an answer); 408, 429 and 5xx are retryable failures carrying
 * Retry-After, as are network errors; other statuses (redirects included: they are not
 * followed), bodies too large and JSON that does not parse are not retryable. Throws
 * CONFIG_INVALID when `env` lacks a variable the config uses.
 */
export const createHttpProvider = (
  config: HttpProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
  options: HttpProviderOptions = {},
): EnrichmentProvider => {
  const { name, maxBodyBytes } = config;
  const clock = options.clock ?? systemClock;
  const request = compileHttpRequest(config, env);
  const mapping = compileResponseMapping(config);
  const fail = (
    message: string,
    retryable: boolean,
    extra: { retryAfterMs?: number; cause?: unknown } = {},
  ) => new ProviderFailure(`${name}: ${message}`, { retryable, ...extra });

  const readAnswer = (body: Uint8Array | undefined, source: string) => {
    if (body === undefined)
      throw fail(`the answer is larger than maxBodyBytes (${maxBodyBytes} bytes)`, false);
    if (body.byteLength === 0) return { fields: [] };
    let document: unknown;
    try {
      document = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch (error) {
      throw fail(`the answer is not valid JSON (${reason(error)})`, false, { cause: error });
    }
    return { fields: readResponseFields(document, mapping, source) };
  };
  const agents = createHttpAgents(config.limits.concurrency);

  return {
    name,
    supplies: mapping.fields.map((f) => f.field) satisfies EnrichableField[],
    limits: Object.freeze(limitsOf(config)),
    inputs: request.uses,
    canAnswer: (query) => hasQueryKeys(query, request.needs),
    lookup: async (query, signal) => {
      const lacking = request.needs.filter((key) => !hasQueryKeys(query, [key]));
      if (lacking.length > 0) throw fail(`the query lacks ${lacking.join(', ')}`, false);
      const built = request.build(query);
      const source = `${built.init.method} ${built.url.origin}${built.url.pathname}`;
      let response: HttpAnswer;
      try {
        // Redirects are not followed: custom headers (x-api-key) would go with them to any host.
        response = await sendHttpRequest(agents, built, signal, maxBodyBytes);
      } catch (error) {
        const what = signal.aborted
          ? 'the call was aborted'
          : error instanceof HttpTransportError && error.stage === 'read'
            ? `reading the answer failed (${reason(error)})`
            : `${built.url.host} could not be reached (${reason(error)})`;
        throw fail(what, true, { cause: error });
      }
      if (response.status >= 200 && response.status < 300) return readAnswer(response.body, source);
      if (response.status === 404) return { fields: [] };
      const { message, retryable, ...extra } = statusFailure(response, source, clock.now());
      throw fail(message, retryable, extra);
    },
  };
};
