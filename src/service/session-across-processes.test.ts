import { afterEach, expect, it } from 'vitest';
import { describeStores } from '../test-support/describe-stores.js';
import { startService, type RunningService } from './start-service.js';

const SECRET = 'one deployment’s session secret, 32+ characters';

describeStores('dashboard sessions across two service processes on one database', (t) => {
  let services: RunningService[] = [];
  afterEach(async () => {
    for (const service of services) await service.close();
    services = [];
  });

  /** Two services as two `serve` processes would be: each its own store handle, one secret. */
  const twoServices = async () => {
    const [one, two] = await Promise.all(
      [t.store, await t.open()].map((store) =>
        startService({ store, app: { logLevel: false }, worker: false, sessionSecret: SECRET }),
      ),
    );
    if (one === undefined || two === undefined) throw new Error('two services were not started');
    services = [one, two];
    return { one, two };
  };
  const signIn = async (service: RunningService, key: string) => {
    const response = await service.app.inject({ method: 'POST', url: '/v1/session', payload: { key } });
    expect(response.statusCode).toBe(200);
    const cookie = /^(leadsift_session=[^;]+)/.exec(String(response.headers['set-cookie']))?.[1];
    if (cookie === undefined) throw new Error('no session cookie was set');
    return cookie;
  };
  const leadsWith = (service: RunningService, cookie: string) =>
    service.app.inject({ method: 'GET', url: '/v1/leads', headers: { cookie } });

  it('a sign-out on one process is refused on the other at the next request', async () => {
    const { one, two } = await twoServices();
    const { token } = await one.store.service.createApiKey('dana', ['leads:read']);
    const cookie = await signIn(one, token);
    const other = await signIn(two, token);
    expect((await leadsWith(two, cookie)).statusCode).toBe(200);

    const out = await one.app.inject({ method: 'DELETE', url: '/v1/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await leadsWith(two, cookie)).statusCode).toBe(401);
    expect(
      (await two.app.inject({ method: 'GET', url: '/v1/session', headers: { cookie } })).statusCode,
    ).toBe(401);
    // The same key's other session goes on.
    expect((await leadsWith(one, other)).statusCode).toBe(200);
  });

  it('revoking the key on one process ends its sessions on the other at once', async () => {
    const { one, two } = await twoServices();
    const { key, token } = await one.store.service.createApiKey('omar', ['leads:read']);
    const cookie = await signIn(one, token);
    expect((await leadsWith(two, cookie)).statusCode).toBe(200);
    expect(await one.store.service.revokeApiKey(key.id)).toBe(true);
    // Within the bearer-key cache's 10 s, yet refused: the session row is gone with the key.
    expect((await leadsWith(two, cookie)).statusCode).toBe(401);
    expect((await leadsWith(one, cookie)).statusCode).toBe(401);
  });
});
