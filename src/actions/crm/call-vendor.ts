import { readLimitedBody } from '../../enrichment/providers/http/read-limited-body.js';
import {
  describeNetworkError,
  outcomeOfStatus,
  retryAfterOf,
  type DeliveryOutcome,
} from '../delivery-attempt.js';

/** One request to a CRM's API. */
export interface VendorRequest {
  /** Names the call in errors: "HubSpot contact upsert". */
  readonly what: string;
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A CRM's answer: a 2xx with its JSON (undefined when empty or not JSON), or a classified failure. */
export type VendorAnswer =
  | { readonly ok: true; readonly status: number; readonly json: unknown }
  | {
      readonly ok: false;
      readonly outcome: Exclude<DeliveryOutcome, 'delivered'>;
      readonly status?: number;
      readonly error: string;
      readonly retryAfterMs?: number;
      readonly json?: unknown;
    };

/** How a vendor's API is called: the shared signal, its error format, its special statuses. */
export interface VendorContext {
  readonly fetch: typeof fetch;
  readonly nowMs: () => number;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** The vendor's own message in an error body. */
  readonly messageOf: (json: unknown) => string | undefined;
  /** Overrides the status classification (Salesforce's 403 REQUEST_LIMIT_EXCEEDED is a retry). */
  readonly classify?: (status: number, json: unknown) => DeliveryOutcome | undefined;
}

// Owner lists and query answers are small; anything larger is not an answer to our request.
const MAX_ANSWER_BYTES = 1024 * 1024;
const MAX_ERROR_BYTES = 16 * 1024;

const parseJson = (bytes: Uint8Array | undefined): { json: unknown; text: string } => {
  const text = bytes === undefined ? '' : new TextDecoder().decode(bytes);
  try {
    return { json: text.trim() === '' ? undefined : (JSON.parse(text) as unknown), text };
  } catch {
    return { json: undefined, text };
  }
};

/**
 * Makes one call and classifies the answer like a webhook delivery (2xx ok; 408, 425, 429 and
 * 5xx, network errors and timeouts retry; other statuses fail), quoting the vendor's message.
 * Never throws.
 */
export const callVendor = async (request: VendorRequest, context: VendorContext): Promise<VendorAnswer> => {
  let response: Response;
  try {
    response = await context.fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal: context.signal,
    });
  } catch (error) {
    return {
      ok: false,
      outcome: 'retry',
      error: `${request.what}: ${describeNetworkError(error, context.timeoutMs)}`,
    };
  }
  const { status } = response;
  const ok = status >= 200 && status < 300;
  const bytes = await readLimitedBody(response, ok ? MAX_ANSWER_BYTES : MAX_ERROR_BYTES).catch(
    () => undefined,
  );
  const { json, text } = parseJson(bytes);
  if (ok) return { ok: true, status, json };
  const outcome = context.classify?.(status, json) ?? outcomeOfStatus(status);
  const message = context.messageOf(json) ?? text.replace(/\s+/g, ' ').trim().slice(0, 300);
  const error = `${request.what} answered ${status}${message === '' ? '' : `: ${message}`}`;
  const retryAfterMs = outcome === 'retry' ? retryAfterOf(response, context.nowMs()) : undefined;
  const failure = {
    ok: false as const,
    outcome: outcome === 'delivered' ? 'failed' : outcome,
    status,
    error,
    json,
  };
  return retryAfterMs === undefined ? failure : { ...failure, retryAfterMs };
};

/** A failed answer as a write-back result. */
export const failedPush = (
  answer: Extract<VendorAnswer, { ok: false }>,
  durationMs: number,
): {
  outcome: 'retry' | 'failed';
  status?: number;
  error: string;
  retryAfterMs?: number;
  durationMs: number;
} => ({
  outcome: answer.outcome,
  error: answer.error,
  durationMs,
  ...(answer.status === undefined ? {} : { status: answer.status }),
  ...(answer.retryAfterMs === undefined ? {} : { retryAfterMs: answer.retryAfterMs }),
});

/** A string field of a JSON object, if it is one. */
export const stringAt = (json: unknown, key: string): string | undefined => {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const value = (json as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
};
