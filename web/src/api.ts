/** Fired when the API refuses the session (expired, signed out elsewhere), so that the app shows the sign-in page again. */
export const SIGNED_OUT = 'leadsift:signed-out';

/** A problem one field (or one line of a criteria file) has, as the API reports it. */
export interface ApiIssue {
  readonly line?: number;
  readonly path?: string;
  readonly field?: string;
  readonly problem: string;
}

/** A refused or failed API call: the status, the API's error code and sentence, and its issues. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly error?: {
    readonly code?: string;
    readonly message?: string;
    readonly fields?: ReadonlyArray<{ field: string; problem: string }>;
    readonly details?: { readonly issues?: readonly ApiIssue[] };
  };
}

/**
 * Call the leadsift API as the signed-in browser: the session cookie goes with each request (the
 * page never holds the key). JSON in and out; `text` sends a YAML body. A 401 signs out, unless
 * `quiet` (the sign-in page's own calls).
 */
export const api = async <T>(
  path: string,
  init: { method?: string; json?: unknown; text?: string; quiet?: boolean } = {},
): Promise<T> => {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.json);
  } else if (init.text !== undefined) {
    headers['content-type'] = 'text/yaml';
    body = init.text;
  }
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const payload = (response.status === 204 ? {} : await response.json().catch(() => ({}))) as unknown;
  if (response.ok) return payload as T;
  const error = (payload as ErrorBody).error;
  if (response.status === 401 && init.quiet !== true) window.dispatchEvent(new Event(SIGNED_OUT));
  throw new ApiError(
    response.status,
    error?.code ?? 'HTTP_' + String(response.status),
    error?.message ?? `${path} answered ${response.status}`,
    error?.details?.issues ?? error?.fields?.map((f) => ({ field: f.field, problem: f.problem })) ?? [],
  );
};

/** A query string from the defined, non-empty values. */
export const query = (params: Readonly<Record<string, string | number | undefined>>): string => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
};
