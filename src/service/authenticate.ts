import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKey, Scope, ServiceStore } from './service-store.js';

/** Why a request was refused: no usable key (401) or a key without the scope (403). */
export type AuthFailure = { readonly status: 401 | 403; readonly message: string };

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'leadsift_session';

/** A signed-in browser: which key it signed in with and until when. */
export interface Session {
  readonly key: ApiKey;
  readonly expiresAt: string;
}

interface SessionPayload {
  /** A random id, so that one session can be signed out without the others. */
  readonly s: string;
  /** The API key's id. */
  readonly k: string;
  /** Expiry, ms since the epoch. */
  readonly e: number;
}

/** A cookie header's value of `name`, or undefined. */
const cookieValue = (header: string | string[] | undefined, name: string): string | undefined => {
  const text = Array.isArray(header) ? header.join('; ') : header;
  for (const part of text?.split(';') ?? []) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
};

/**
 * Checks bearer tokens (`Authorization: Bearer lsk_…` or `X-Api-Key: lsk_…`) against the store,
 * remembering verified keys for `cacheMs` so that a busy client costs no database read per
 * request; a revoked key stops working within that time.
 *
 * The dashboard instead exchanges a key once for a session cookie (`openSession`): HttpOnly, so
 * the page's scripts never hold the key, HMAC-signed with `sessionSecret` (random per process
 * unless given: sessions then end when the service restarts), expiring after `sessionMs` (12 h
 * by default). A session has its key's scopes. Sessions are stored (`saveSession`) and each
 * request's cookie is looked up (one primary-key read, not cached), so sign-out and the key's
 * revocation end it on every process sharing the database at once, not only where they were done.
 */
export const createAuthenticator = (
  store: Pick<ServiceStore, 'verifyApiKey' | 'saveSession' | 'sessionKey' | 'deleteSession'>,
  options: {
    readonly cacheMs: number;
    readonly now: () => number;
    readonly sessionMs?: number;
    readonly sessionSecret?: Uint8Array;
  },
) => {
  const sessionMs = options.sessionMs ?? 12 * 3_600_000;
  const secret = options.sessionSecret ?? randomBytes(32);
  const cache = new Map<string, { key: ApiKey | undefined; at: number }>();

  const verify = async (token: string): Promise<ApiKey | undefined> => {
    const hit = cache.get(token);
    if (hit !== undefined && options.now() - hit.at < options.cacheMs) return hit.key;
    const key = await store.verifyApiKey(token);
    if (cache.size > 10_000) cache.clear();
    cache.set(token, { key, at: options.now() });
    return key;
  };

  const sign = (body: string): string => createHmac('sha256', secret).update(body).digest('base64url');
  /** The payload of a cookie value signed with this secret and not expired. */
  const readCookie = (value: string): SessionPayload | undefined => {
    const [body = '', mac = ''] = value.split('.');
    const expected = Buffer.from(sign(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SessionPayload;
      if (typeof payload.e !== 'number' || typeof payload.s !== 'string' || payload.e <= options.now())
        return undefined;
      return payload;
    } catch {
      return undefined;
    }
  };
  const cookiePayload = (headers: Readonly<Record<string, string | string[] | undefined>>) => {
    const value = cookieValue(headers['cookie'], SESSION_COOKIE);
    return value === undefined ? undefined : readCookie(value);
  };

  /** The session a request's cookie names, when it is valid, stored, and its key not revoked. */
  const session = async (
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): Promise<Session | undefined> => {
    const payload = cookiePayload(headers);
    if (payload === undefined) return undefined;
    return store.sessionKey(payload.s, new Date(options.now()).toISOString());
  };

  const authenticate = async (
    headers: Readonly<Record<string, string | string[] | undefined>>,
    scope: Scope,
  ): Promise<{ readonly key: ApiKey } | AuthFailure> => {
    const header = headers['authorization'];
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    const apiKey = headers['x-api-key'];
    const token = bearer ?? (typeof apiKey === 'string' ? apiKey.trim() : undefined);
    let key: ApiKey | undefined;
    if (token === undefined || token === '') {
      key = (await session(headers))?.key;
      if (key === undefined) {
        return {
          status: 401,
          message:
            'an API key is required: send "Authorization: Bearer <key>" (create one with `leadsift keys create`), or sign in to the dashboard',
        };
      }
    } else {
      key = await verify(token);
      if (key === undefined) return { status: 401, message: 'the API key is not valid or was revoked' };
    }
    if (!key.scopes.includes(scope) && !key.scopes.includes('admin')) {
      return {
        status: 403,
        message: `the API key "${key.name}" lacks the scope ${scope} (it has ${key.scopes.join(', ') || 'none'})`,
      };
    }
    return { key };
  };

  return Object.assign(authenticate, {
    session,
    /** A signed cookie value for a valid key, its session stored (undefined when the key is not valid). */
    openSession: async (token: string): Promise<{ value: string; session: Session } | undefined> => {
      const key = await verify(token.trim());
      if (key === undefined) return undefined;
      const now = options.now();
      const payload: SessionPayload = {
        s: randomBytes(18).toString('base64url'),
        k: key.id,
        e: now + sessionMs,
      };
      const expiresAt = new Date(payload.e).toISOString();
      await store.saveSession({
        id: payload.s,
        keyId: key.id,
        createdAt: new Date(now).toISOString(),
        expiresAt,
      });
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return { value: `${body}.${sign(body)}`, session: { key, expiresAt } };
    },
    /** End the session a request's cookie names, for every process sharing the store. */
    closeSession: async (headers: Readonly<Record<string, string | string[] | undefined>>): Promise<void> => {
      const payload = cookiePayload(headers);
      if (payload !== undefined) await store.deleteSession(payload.s);
    },
    sessionSeconds: Math.floor(sessionMs / 1000),
  });
};
export type Authenticator = ReturnType<typeof createAuthenticator>;
