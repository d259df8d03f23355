import { readLimitedBody } from '../enrichment/providers/http/read-limited-body.js';
import { parseRetryAfter } from '../enrichment/providers/http/retry-after.js';
import { LlmCallError } from './llm-call-error.js';
import type { WireCall } from './wire/wire-format.js';

/** What one HTTP call needs besides the call itself. */
export interface SendLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly now: () => number;
}

/** A non-2xx answer: its status and the start of its body (to name the server's complaint). */
export interface RejectedCall {
  readonly status: number;
  readonly snippet: string;
  readonly retryAfterMs?: number;
}

const SNIPPET_CHARS = 300;

const reason = (error: unknown): string => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
};

/** The body up to `maxBytes`; a declared length within the limit is read whole (undici stops at it). */
const readBody = async (response: Response, maxBytes: number): Promise<Uint8Array | undefined> => {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared <= maxBytes) return new Uint8Array(await response.arrayBuffer());
  return readLimitedBody(response, maxBytes);
};

const decoder = new TextDecoder('utf-8', { fatal: true });

const readDocument = async (response: Response, call: WireCall, limits: SendLimits): Promise<unknown> => {
  const bytes = await readBody(response, limits.maxResponseBytes);
  if (bytes === undefined)
    throw new LlmCallError(`${call.url} answered more than ${limits.maxResponseBytes} bytes`, {
      kind: 'malformed_response',
    });
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new LlmCallError(`${call.url} answered ${response.status} with a body that is not JSON`, {
      kind: 'malformed_response',
      cause: error,
    });
  }
};

const rejected = async (response: Response, limits: SendLimits): Promise<RejectedCall> => {
  const bytes = await readLimitedBody(response, 16_384).catch(() => undefined);
  const snippet =
    bytes === undefined
      ? ''
      : new TextDecoder().decode(bytes).replace(/\s+/g, ' ').trim().slice(0, SNIPPET_CHARS);
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), limits.now());
  return retryAfterMs === undefined
    ? { status: response.status, snippet }
    : { status: response.status, snippet, retryAfterMs };
};

/**
 * One HTTP call: POST the JSON body, cut off after `timeoutMs`, redirects not followed (an API
 * key must not travel to another host). Resolves with the parsed 2xx document or with the
 * rejection (status, body snippet, Retry-After); rejects with LlmCallError `timeout`/`network`
 * (retryable) or `malformed_response`.
 */
export const sendWireCall = async (
  call: WireCall,
  limits: SendLimits,
): Promise<{ readonly document: unknown } | { readonly rejected: RejectedCall }> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetch(call.url, {
      method: 'POST',
      headers: call.headers,
      body: JSON.stringify(call.body),
      signal: controller.signal,
      redirect: 'manual',
    });
    if (response.status >= 200 && response.status < 300)
      return { document: await readDocument(response, call, limits) };
    return { rejected: await rejected(response, limits) };
  } catch (error) {
    if (error instanceof LlmCallError) throw error;
    if (controller.signal.aborted)
      throw new LlmCallError(`${call.url} gave no answer within ${limits.timeoutMs} ms`, {
        kind: 'timeout',
        retryable: true,
        cause: error,
      });
    throw new LlmCallError(`${call.url} could not be reached (${reason(error)})`, {
      kind: 'network',
      retryable: true,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
};
