import { readLimitedBody } from '../enrichment/providers/http/read-limited-body.js';
import { parseRetryAfter } from '../enrichment/providers/http/retry-after.js';

/** What one attempt at delivering to an outside system came to. */
export type DeliveryOutcome = 'delivered' | 'retry' | 'failed';

/**
 * One attempt at a delivery (a webhook, a CRM write): `retry` may succeed later, `failed` never
 * will (the receiver refused the content). The service stores one per attempt on the job row.
 */
export interface DeliveryAttempt {
  readonly outcome: DeliveryOutcome;
  /** The HTTP status, when the receiver answered at all. */
  readonly status?: number;
  /** What went wrong, in a sentence naming the receiver; absent when delivered. */
  readonly error?: string;
  /** The wait the receiver asked for (Retry-After), capped at `MAX_RETRY_AFTER_MS`. */
  readonly retryAfterMs?: number;
  readonly durationMs: number;
}

/** The longest Retry-After honoured: a receiver asking for a day is retried after an hour. */
export const MAX_RETRY_AFTER_MS = 60 * 60 * 1000;

/** The most of an error body read to name the receiver's complaint. */
export const ERROR_TEXT_BYTES = 2048;
const ERROR_TEXT_CHARS = 300;

/**
 * How a status is treated: 2xx delivered; 408, 425, 429 and 5xx worth retrying (RFC 9110
 * §15.5.9, RFC 8470 §5.2, RFC 6585 §4); everything else — redirects included, which are not
 * followed — a permanent failure.
 */
export const outcomeOfStatus = (status: number): DeliveryOutcome => {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return 'failed';
};

/** The Retry-After of a response in milliseconds, capped; undefined when absent or unreadable. */
export const retryAfterOf = (response: Response, nowMs: number): number | undefined => {
  const wait = parseRetryAfter(response.headers.get('retry-after'), nowMs);
  return wait === undefined ? undefined : Math.min(wait, MAX_RETRY_AFTER_MS);
};

/**
 * At most `ERROR_TEXT_BYTES` of a response body as one line of text (empty when longer, absent
 * or unreadable): enough to quote a receiver's complaint without buffering a huge answer.
 */
export const readErrorText = async (response: Response): Promise<string> => {
  const bytes = await readLimitedBody(response, ERROR_TEXT_BYTES).catch(() => undefined);
  if (bytes === undefined) return '';
  return new TextDecoder().decode(bytes).replace(/\s+/g, ' ').trim().slice(0, ERROR_TEXT_CHARS);
};

/** Why a request never got an answer: a timeout, or the network error's code (ECONNREFUSED). */
export const describeNetworkError = (error: unknown, timeoutMs: number): string => {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return `no answer within ${timeoutMs} ms`;
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
};

/** An attempt as data, leaving out the fields that have no value (exactOptionalPropertyTypes). */
export const deliveryAttempt = (fields: {
  outcome: DeliveryOutcome;
  durationMs: number;
  status?: number | undefined;
  error?: string | undefined;
  retryAfterMs?: number | undefined;
}): DeliveryAttempt => {
  const { status, error, retryAfterMs, ...rest } = fields;
  return {
    ...rest,
    ...(status === undefined ? {} : { status }),
    ...(error === undefined ? {} : { error }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
};
