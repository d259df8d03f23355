import type { ApiKey, Scope, ServiceStore } from './service-store.js';

/** Why a request was refused: no usable key (401) or a key without the scope (403). */
export type AuthFailure = { readonly status: 401 | 403; readonly message: string };

/**
 * Checks bearer tokens (`Authorization: Bearer lsk_…` or `X-Api-Key: lsk_…`) against the store,
 * remembering verified keys for `cacheMs` so that a busy client costs no database read per
 * request; a revoked key stops working within that time.
 */
export const createAuthenticator = (
  store: Pick<ServiceStore, 'verifyApiKey'>,
  options: { readonly cacheMs: number; readonly now: () => number },
) => {
  const cache = new Map<string, { key: ApiKey | undefined; at: number }>();
  const verify = async (token: string): Promise<ApiKey | undefined> => {
    const hit = cache.get(token);
    if (hit !== undefined && options.now() - hit.at < options.cacheMs) return hit.key;
    const key = await store.verifyApiKey(token);
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { key, at: options.now() });
    return key;
  };
  return async (
    headers: Readonly<Record<string, string | string[] | undefined>>,
    scope: Scope,
  ): Promise<{ readonly key: ApiKey } | AuthFailure> => {
    const header = headers['authorization'];
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const apiKey = headers['x-api-key'];
    const token = bearer ?? (typeof apiKey === 'string' ? apiKey.trim() : undefined);
    if (token === undefined || token === '') {
      return {
        status: 401,
        message:
          'an API key is required: send "Authorization: Bearer <key>" (create one with `leadsift keys create`)',
      };
    }
    const key = await verify(token);
    if (key === undefined) return { status: 401, message: 'the API key is not valid or was revoked' };
    if (!key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      return {
        status: 403,
        message: `the API key "${key.name}" lacks the scope ${scope} (it has ${key.scopes.join(', ') || 'none'})`,
      };
    }
    return { key };
  };
};
export type Authenticator = ReturnType<typeof createAuthenticator>;
