import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import {
  closeServers,
  failureOf,
  json,
  lookup,
  provider,
  serve,
  serveHuge,
  ACME,
} from './test-support/local-vendor.js';

afterEach(closeServers);

describe('the http provider with odd answers', () => {
  it('fails on a body over maxBodyBytes without reading it all', async () => {
    const total = 64 * 1024 * 1024;
    const { base, progress } = await serveHuge(total, false);
    const failure = await failureOf(lookup(provider(base, { maxBodyBytes: 1024 * 1024 })));
    expect(failure).toMatchObject({ retryable: false });
    expect(failure.message).toContain('larger than maxBodyBytes (1048576 bytes)');
    expect(progress.finished).toBe(false);
    expect(progress.sent).toBeLessThan(total / 2);
  });

  it('fails on a declared Content-Length over maxBodyBytes before reading the body', async () => {
    const total = 8 * 1024 * 1024;
    const { base, progress } = await serveHuge(total, true);
    expect(await failureOf(lookup(provider(base)))).toMatchObject({ retryable: false });
    expect(progress.finished).toBe(false);
  });

  it('skips the fields whose values have the wrong type, keeping the others', async () => {
    const { base } = await serve(
      json(200, {
        name: { legal: 'Acme Inc' },
        category: { industry: ['Software'] },
        metrics: { employeesRange: 'lots', annualRevenue: '€5M' },
        tech: [{ name: 'react' }, 'stripe', 42],
      }),
    );
    expect((await lookup(provider(base))).fields.map((f) => [f.field, f.value])).toEqual([
      ['company.technologies', ['stripe']],
    ]);
  });

  it('answers with no fields when the answer is JSON of another shape', async () => {
    for (const body of ['null', '[]', '"Acme"', '42', '']) {
      const { base } = await serve(json(200, body));
      expect(await lookup(provider(base))).toEqual({ fields: [] });
    }
  });

  it('reads the confidence from a path, scaled, falling back when the score is missing', async () => {
    const confidence = { path: 'match.score', outOf: 100, otherwise: 0.3 };
    const scored = await serve(json(200, { name: 'Acme', match: { score: 85 } }));
    expect((await lookup(provider(scored.base, { confidence }))).fields[0]?.confidence).toBe(0.85);
    const unscored = await serve(json(200, { name: 'Acme', match: { score: 'high' } }));
    expect((await lookup(provider(unscored.base, { confidence }))).fields[0]?.confidence).toBe(0.3);
  });

  it('stops waiting for a slow response when the signal aborts', async () => {
    const { base } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"name": "Ac');
      // The rest never comes.
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const failure = await failureOf(lookup(provider(base), controller.signal));
    expect(failure.message).toBe('vendor: the call was aborted');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops waiting for headers that never come when the signal aborts', async () => {
    const { base } = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    expect((await failureOf(lookup(provider(base), controller.signal))).message).toBe(
      'vendor: the call was aborted',
    );
  });

  it('refuses to start with a key that a header cannot carry', () => {
    expect(() => provider('http://127.0.0.1:9', {}, { API_KEY: 'k-123\r\nx-evil: 1' })).toThrow(
      'vendor: headers.authorization: the value (or a variable in it) holds a line break or a character headers cannot carry',
    );
  });

  it('refuses to start without the environment variables its config uses, naming them', () => {
    const config = { headers: { authorization: 'Bearer ${API_KEY}', 'x-team': '${TEAM_ID}' } };
    let error: unknown;
    try {
      provider('http://127.0.0.1:9', config, {});
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe(
      'vendor: set the environment variables API_KEY (used by headers.authorization), TEAM_ID (used by headers.x-team)',
    );
  });

  it('does not follow a redirect, so that its keys never reach another host', async () => {
    const elsewhere = await serve(json(200, ACME));
    const { base } = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.base}/steal` });
      res.end();
    });
    expect(await failureOf(lookup(provider(base)))).toMatchObject({ retryable: false });
    expect(elsewhere.seen).toEqual([]);
  });

  it('fails retryably when the server cannot be reached', async () => {
    const { base } = await serve(json(200, ACME));
    await closeServers();
    expect(await failureOf(lookup(provider(base)))).toMatchObject({ retryable: true });
  });
});
