import { performance } from 'node:perf_hooks';
import { parseRetryAfter } from '../../enrichment/providers/http/retry-after.js';
import {
  createHttpAgents,
  HttpTransportError,
  sendHttpRequest,
  type HttpAgents,
  type HttpAnswer,
} from '../../enrichment/providers/http/send-http-request.js';
import {
  deliveryAttempt,
  describeNetworkError,
  ERROR_TEXT_BYTES,
  MAX_RETRY_AFTER_MS,
  outcomeOfStatus,
  readErrorText,
  retryAfterOf,
  type DeliveryAttempt,
} from '../delivery-attempt.js';
import { leadsiftUserAgent } from '../leadsift-user-agent.js';
import type { WebhookEvent } from './decision-event.js';
import { signWebhook, type WebhookSecret } from './sign-webhook.js';

/** One delivery of one event to one endpoint. */
export interface WebhookRequest {
  readonly url: string;
  readonly secret: WebhookSecret;
  /** Stable across retries, so that receivers can drop duplicates. */
  readonly deliveryId: string;
  readonly event: WebhookEvent;
  /** The JSON text to send, signed as is. */
  readonly body: string;
  readonly timeoutMs: number;
}

/** What sending needs from outside: the clock for the signature, and `fetch` (Node's by default). */
export interface WebhookDeps {
  nowSeconds(): number;
  readonly fetch?: typeof fetch;
  /** A monotonic clock in milliseconds for `durationMs`; `performance.now` by default. */
  monotonicMs?(): number;
  /** `leadsift/<version>` by default. */
  readonly userAgent?: string;
}

/** The headers of a delivery, signed at `timestamp`. */
export const webhookHeaders = (
  request: Omit<WebhookRequest, 'url' | 'timeoutMs'>,
  timestamp: number,
  userAgent: string,
): Record<string, string> => ({
  'content-type': 'application/json',
  'user-agent': userAgent,
  'leadsift-delivery': request.deliveryId,
  'leadsift-event': request.event,
  'leadsift-timestamp': String(timestamp),
  'leadsift-signature': signWebhook({ secret: request.secret, timestamp, body: request.body }),
});

/**
 * Posts one signed delivery and says what came of it; never throws for anything the network
 * or the receiver does (an empty secret is a RangeError: a configuration bug). 2xx is delivered; 408,
 * 425, 429, 5xx, network errors and timeouts are retried later (with the receiver's
 * Retry-After, capped); any other status is a permanent failure, quoting at most a few hundred
 * characters of the receiver's answer. Redirects are not followed: a webhook URL that moved
 * is a configuration to fix, and following it would send the signed body somewhere unchecked.
 */
export const sendWebhook = async (request: WebhookRequest, deps: WebhookDeps): Promise<DeliveryAttempt> =>
  deps.fetch === undefined ? sendOverNodeHttp(request, deps) : sendOverFetch(request, deps, deps.fetch);

// Kept-alive connections shared by every delivery of the process (64 per receiver host).
let agents: HttpAgents | undefined;

/**
 * The default transport: Node's own HTTP client over kept-alive connections. It costs about a
 * third of `fetch`'s CPU per call (bench/README.md, enrich), and webhooks go out for every lead.
 */
const sendOverNodeHttp = async (request: WebhookRequest, deps: WebhookDeps): Promise<DeliveryAttempt> => {
  const elapsed = deps.monotonicMs ?? (() => performance.now());
  const timestamp = Math.floor(deps.nowSeconds());
  const started = elapsed();
  const durationMs = (): number => Math.max(0, Math.round(elapsed() - started));
  let answer: HttpAnswer;
  try {
    answer = await sendHttpRequest(
      (agents ??= createHttpAgents(64)),
      {
        url: new URL(request.url),
        init: {
          method: 'POST',
          headers: webhookHeaders(request, timestamp, deps.userAgent ?? leadsiftUserAgent()),
          body: request.body,
        },
      },
      AbortSignal.timeout(request.timeoutMs),
      ERROR_TEXT_BYTES,
    );
  } catch (error) {
    // A transport error names the network's code (ECONNREFUSED) in its cause, or wraps the abort.
    const cause = error instanceof HttpTransportError ? error.cause : undefined;
    const aborted = cause instanceof Error && (cause.name === 'AbortError' || cause.name === 'TimeoutError');
    const why = describeNetworkError(aborted ? cause : error, request.timeoutMs);
    return deliveryAttempt({ outcome: 'retry', error: `${request.url}: ${why}`, durationMs: durationMs() });
  }
  const { status } = answer;
  const outcome = outcomeOfStatus(status);
  if (outcome === 'delivered') return deliveryAttempt({ outcome, status, durationMs: durationMs() });
  const text =
    answer.body === undefined
      ? ''
      : new TextDecoder().decode(answer.body).replace(/\s+/g, ' ').trim().slice(0, 300);
  const wait =
    outcome === 'retry' ? parseRetryAfter(answer.header('retry-after') ?? null, timestamp * 1000) : undefined;
  const retryAfterMs = wait === undefined ? undefined : Math.min(wait, MAX_RETRY_AFTER_MS);
  const error = `${request.url} answered ${status}${text === '' ? '' : `: ${text}`}`;
  return deliveryAttempt({ outcome, status, error, retryAfterMs, durationMs: durationMs() });
};

/** The same attempt over an injected `fetch` (tests, or a runtime that prefers it). */
const sendOverFetch = async (
  request: WebhookRequest,
  deps: WebhookDeps,
  doFetch: typeof fetch,
): Promise<DeliveryAttempt> => {
  const elapsed = deps.monotonicMs ?? (() => performance.now());
  const timestamp = Math.floor(deps.nowSeconds());
  const started = elapsed();
  const durationMs = (): number => Math.max(0, Math.round(elapsed() - started));
  const signal = AbortSignal.timeout(request.timeoutMs);
  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: 'POST',
      headers: webhookHeaders(request, timestamp, deps.userAgent ?? leadsiftUserAgent()),
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    const why = describeNetworkError(error, request.timeoutMs);
    return deliveryAttempt({ outcome: 'retry', error: `${request.url}: ${why}`, durationMs: durationMs() });
  }
  const { status } = response;
  const outcome = outcomeOfStatus(status);
  if (outcome === 'delivered') {
    // The answer's body is not needed; cancelling frees the connection without reading it.
    await response.body?.cancel().catch(() => undefined);
    return deliveryAttempt({ outcome, status, durationMs: durationMs() });
  }
  const text = await readErrorText(response);
  const retryAfterMs = outcome === 'retry' ? retryAfterOf(response, timestamp * 1000) : undefined;
  const error = `${request.url} answered ${status}${text === '' ? '' : `: ${text}`}`;
  return deliveryAttempt({ outcome, status, error, retryAfterMs, durationMs: durationMs() });
};
