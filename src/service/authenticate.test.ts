import { describe, expect, it } from 'vitest';
import { createAuthenticator, SESSION_COOKIE } from './authenticate.js';
import type { ApiKey } from './service-store.js';

const reader: ApiKey = {
  id: 'k1',
  name: 'reader',
  scopes: ['leads:read'],
  createdAt: '2026-01-01T00:00:00Z',
};

/** A key store of one key, `lsk_good`, that can be revoked, with its sessions. */
const keyStore = () => {
  let key: ApiKey = reader;
  const sessions = new Map<string, { keyId: string; expiresAt: string }>();
  return {
    verifyApiKey: (token: string) =>
      Promise.resolve(token === 'lsk_good' && key.revokedAt === undefined ? key : undefined),
    saveSession: (s: { id: string; keyId: string; expiresAt: string }) => {
      sessions.set(s.id, s);
      return Promise.resolve();
    },
    sessionKey: (id: string, at: string) => {
      const s = sessions.get(id);
      return Promise.resolve(
        s === undefined || s.expiresAt <= at || key.revokedAt !== undefined
          ? undefined
          : { key, expiresAt: s.expiresAt },
      );
    },
    deleteSession: (id: string) => Promise.resolve(sessions.delete(id)),
    sessions,
    revoke: () => {
      key = { ...key, revokedAt: '2026-01-02T00:00:00Z' };
    },
  };
};

const setup = (sessionSecret?: Uint8Array, store = keyStore()) => {
  let now = Date.parse('2026-11-28T12:00:00Z');
  const auth = createAuthenticator(store, {
    cacheMs: 0,
    now: () => now,
    sessionMs: 3_600_000,
    ...(sessionSecret === undefined ? {} : { sessionSecret }),
  });
  return { auth, store, advance: (ms: number) => (now += ms) };
};
const withCookie = (value: string) => ({ cookie: `other=1; ${SESSION_COOKIE}=${value}` });

describe('sessions: an API key exchanged for a signed, expiring cookie', () => {
  it('opens a session only for a valid key, and the cookie then stands for the key and its scopes', async () => {
    const { auth } = setup();
    expect(await auth.openSession('lsk_bad')).toBeUndefined();
    const opened = await auth.openSession(' lsk_good ');
    expect(opened?.session).toMatchObject({ key: { name: 'reader' }, expiresAt: '2026-11-28T13:00:00.000Z' });
    const value = opened?.value ?? '';
    expect(value).not.toContain('lsk_good');
    expect(await auth(withCookie(value), 'leads:read')).toEqual({ key: reader });
    expect(await auth(withCookie(value), 'criteria:write')).toMatchObject({ status: 403 });
    expect(await auth({}, 'leads:read')).toMatchObject({ status: 401, message: /sign in/ });
  });

  it('refuses a cookie whose payload was changed, one signed by another process, and an expired one', async () => {
    const { auth, advance } = setup();
    const value = (await auth.openSession('lsk_good'))?.value ?? '';
    const [body = '', mac = ''] = value.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { e: number };
    const forged = Buffer.from(JSON.stringify({ ...payload, e: payload.e + 1e9 })).toString('base64url');
    expect(await auth(withCookie(`${forged}.${mac}`), 'leads:read')).toMatchObject({ status: 401 });
    const other = setup().auth;
    expect(await other(withCookie(value), 'leads:read')).toMatchObject({ status: 401 });
    advance(3_600_000 - 1);
    expect(await auth(withCookie(value), 'leads:read')).toEqual({ key: reader });
    advance(1);
    expect(await auth(withCookie(value), 'leads:read')).toMatchObject({ status: 401 });
  });

  it('is taken by every process given the same secret (LEADSIFT_SESSION_SECRET), and by no other', async () => {
    const shared = Buffer.from('a shared secret of at least 32 characters');
    const store = keyStore();
    const value = (await setup(shared, store).auth.openSession('lsk_good'))?.value ?? '';
    expect(await setup(shared, store).auth(withCookie(value), 'leads:read')).toEqual({ key: reader });
    const elsewhere = setup(Buffer.from('another secret of at least 32 characters!'), store);
    expect(await elsewhere.auth(withCookie(value), 'leads:read')).toMatchObject({ status: 401 });
  });

  it('ends with sign-out (other sessions go on) and with the key’s revocation', async () => {
    const { auth, store } = setup();
    const one = (await auth.openSession('lsk_good'))?.value ?? '';
    const two = (await auth.openSession('lsk_good'))?.value ?? '';
    await auth.closeSession(withCookie(one));
    expect(await auth.session(withCookie(one))).toBeUndefined();
    expect(await auth.session(withCookie(two))).toMatchObject({ key: { id: 'k1' } });
    store.revoke();
    expect(await auth(withCookie(two), 'leads:read')).toMatchObject({ status: 401 });
  });

  it('is refused by a process sharing the store once another signed it out, though the cookie is genuine', async () => {
    const shared = Buffer.from('a shared secret of at least 32 characters');
    const store = keyStore();
    const here = setup(shared, store).auth;
    const there = setup(shared, store).auth;
    const value = (await here.openSession('lsk_good'))?.value ?? '';
    expect(store.sessions.size).toBe(1);
    expect(await there(withCookie(value), 'leads:read')).toEqual({ key: reader });
    await here.closeSession(withCookie(value));
    expect(store.sessions.size).toBe(0);
    expect(await there(withCookie(value), 'leads:read')).toMatchObject({ status: 401 });
  });

  it('still takes the key in a header, for API clients', async () => {
    const { auth } = setup();
    expect(await auth({ authorization: 'Bearer lsk_good' }, 'leads:read')).toEqual({ key: reader });
    expect(await auth({ 'x-api-key': 'lsk_bad' }, 'leads:read')).toMatchObject({ status: 401 });
  });
});
