/** The key the person signed in with, kept for this browser tab only. */
const KEY = 'leadsift.apiKey';

export const storedKey = (): string | null => sessionStorage.getItem(KEY);
export const storeKey = (key: string): void => sessionStorage.setItem(KEY, key);
export const forgetKey = (): void => sessionStorage.removeItem(KEY);

/** Fired when the API refuses the stored key, so that the app shows the sign-in page again. */
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
 * Call the leadsift API with the stored key. JSON in and out; `text` sends a YAML body. A 401
 * forgets the key and signs out.
 */
export const api = async <T>(
  path: string,
  init: { method?: string; json?: unknown; text?: string; key?: string } = {},
): Promise<T> => {
  const headers: Record<string, string> = { authorization: `Bearer ${init.key ?? storedKey() ?? ''}` };
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
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const payload = (await response.json().catch(() => ({}))) as unknown;
  if (response.ok) return payload as T;
  const error = (payload as ErrorBody).error;
  if (response.status === 401 && init.key === undefined) {
    forgetKey();
    window.dispatchEvent(new Event(SIGNED_OUT));
  }
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
