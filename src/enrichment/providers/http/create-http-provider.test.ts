import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/app-error.js';
import { fixedClock } from '../../../domain/clock.js';
import { createProviderCaller } from '../../call-provider.js';
import { ProviderFailure, type ProviderAnswer } from '../../provider.js';
import { createHttpProvider } from './create-http-provider.js';
import { HttpProviderConfig, type HttpProviderConfigInput } from './http-provider-config.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse, seen: Seen) => void;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A real local HTTP server; `seen` records every request it received. */
const serve = async (handler: Handler) => {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handler(req, res, request);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
};

const provider = (
  base: string,
  overrides: Partial<HttpProviderConfigInput> = {},
  env = { API_KEY: 'k-123' },
) =>
  createHttpProvider(
    HttpProviderConfig.parse({
      name: 'vendor',
      url: `${base}/v2/companies/find`,
      query: { domain: '{domain}' },
      headers: { authorization: 'Bearer ${API_KEY}' },
      requires: ['domain'],
      fields: {
        'company.name': 'name',
        'company.industry': 'category.industry',
        'company.employees': 'metrics.employeesRange',
        'company.revenue': 'metrics.annualRevenue',
        'company.technologies': 'tech',
      },
      confidence: 0.9,
      ...overrides,
    }),
    env,
    { clock: fixedClock('2026-10-21T07:27:30Z') },
  );

const lookup = (p: ReturnType<typeof provider>, signal = new AbortController().signal) =>
  p.lookup({ domain: 'acme.com' }, signal);

const failureOf = async (answer: Promise<ProviderAnswer>): Promise<ProviderFailure> => {
  const error: unknown = await answer.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderFailure);
  return error as ProviderFailure;
};

const ACME = {
  name: 'Acme',
  category: { industry: 'Software' },
  metrics: { employeesRange: '51-200', annualRevenue: 25_000_000 },
  tech: ['react', 'stripe', 'react'],
};

describe('the http provider', () => {
  it('maps a normal answer to fields with the configured confidence', async () => {
    const { base } = await serve(json(200, ACME));
    const answer = await lookup(provider(base));
    expect(answer.fields).toEqual([
      { field: 'company.name', value: 'Acme', confidence: 0.9, detail: `GET ${base}/v2/companies/find name` },
      expect.objectContaining({ field: 'company.industry', value: 'Software' }),
      expect.objectContaining({ field: 'company.employees', value: { min: 51, max: 200 } }),
      expect.objectContaining({ field: 'company.revenue', value: { min: 25_000_000, max: 25_000_000 } }),
      expect.objectContaining({ field: 'company.technologies', value: ['react', 'stripe'] }),
    ]);
  });

  it('sends the URL template, query parameters and env-resolved headers to the server', async () => {
    const { base, seen } = await serve(json(200, ACME));
    const p = provider(base, {
      url: `${base}/companies/{domain}/profile`,
      query: { q: '{companyName}', d: '{domain}' },
    });
    await p.lookup({ domain: 'acme.com/x y', companyName: 'A&B Co' }, new AbortController().signal);
    expect(seen[0]?.url).toBe('/companies/acme.com%2Fx%20y/profile?q=A%26B+Co&d=acme.com%2Fx+y');
    expect(seen[0]?.headers.authorization).toBe('Bearer k-123');
    expect(seen[0]?.headers.accept).toBe('application/json');
  });

  it('leaves out a query parameter whose value the query lacks', async () => {
    const { base, seen } = await serve(json(200, ACME));
    await lookup(provider(base, { query: { domain: '{domain}', name: '{companyName}' } }));
    expect(seen[0]?.url).toBe('/v2/companies/find?domain=acme.com');
  });

  it('posts a JSON body template filled from the query', async () => {
    const { base, seen } = await serve(json(200, ACME));
    const p = provider(base, {
      method: 'POST',
      query: {},
      body: { company: { domain: '{domain}', name: '{companyName}' }, limit: 1, tags: ['x-{domain}'] },
    });
    await lookup(p);
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({
      company: { domain: 'acme.com' },
      limit: 1,
      tags: ['x-acme.com'],
    });
  });

  it('can answer only a query holding the required keys and those in the URL', async () => {
    const p = provider('http://127.0.0.1:9', { url: 'http://127.0.0.1:9/people/{email}' });
    expect(p.canAnswer({ domain: 'acme.com', email: 'a@acme.com' })).toBe(true);
    expect(p.canAnswer({ domain: 'acme.com' })).toBe(false);
    expect(p.canAnswer({ email: 'a@acme.com', domain: '  ' })).toBe(false);
    expect(p.supplies).toContain('company.technologies');
  });

  it('answers 404 with no fields: not found is an answer', async () => {
    const { base } = await serve(json(404, { error: 'unknown domain' }));
    expect(await lookup(provider(base))).toEqual({ fields: [] });
  });

  it('fails retryably on 429, with the wait Retry-After asks for in seconds', async () => {
    const { base } = await serve(json(429, { error: 'slow down' }, { 'retry-after': '7' }));
    const failure = await failureOf(lookup(provider(base)));
    expect(failure).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(failure.message).toMatch(/^vendor: GET .* answered 429: \{"error":"slow down"\}$/);
  });

  it('reads a Retry-After HTTP date against the clock', async () => {
    const { base } = await serve(json(503, {}, { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' }));
    expect(await failureOf(lookup(provider(base)))).toMatchObject({ retryable: true, retryAfterMs: 30_000 });
  });

  it('fails retryably on 500 and not on 400', async () => {
    const down = await serve(json(500, 'oops'));
    expect(await failureOf(lookup(provider(down.base)))).toMatchObject({
      retryable: true,
      retryAfterMs: undefined,
    });
    const bad = await serve(json(400, { error: 'invalid api key' }));
    const failure = await failureOf(lookup(provider(bad.base)));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toContain('invalid api key');
  });

  it('fails, not retryably, on malformed JSON, naming the provider', async () => {
    const { base } = await serve(json(200, '{"name": "Acme",'));
    const failure = await failureOf(lookup(provider(base)));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/^vendor: the answer is not valid JSON/);
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
    for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
    expect(await failureOf(lookup(provider(base)))).toMatchObject({ retryable: true });
  });
});

/** A server streaming `total` bytes of a JSON string, honouring backpressure; `sent` counts what left. */
const serveHuge = async (total: number, declareLength: boolean) => {
  const progress = { sent: 0, finished: false };
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const { base } = await serve((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(total) } : {}),
    });
    const write = (): void => {
      while (progress.sent < total) {
        progress.sent += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', write);
          return;
        }
      }
      res.end(() => (progress.finished = true));
    };
    res.on('close', () => res.removeAllListeners('drain'));
    write();
  });
  return { base, progress };
};

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

  it('refuses to start without the environment variables its config uses, naming them', () => {
    const config = { headers: { authorization: 'Bearer ${API_KEY}', 'x-team': '${TEAM_ID}' } };
    let error: unknown;
    try {
      provider('http://127.0.0.1:9', config, {} as { API_KEY: string });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    expect((error as Error).message).toBe(
      'vendor: set the environment variables API_KEY (used by headers.authorization), TEAM_ID (used by headers.x-team)',
    );
  });
});

describe('the http provider behind the provider caller', () => {
  it('is retried after a 429 and then succeeds, waiting as Retry-After asks', async () => {
    let calls = 0;
    const { base } = await serve((req, res, seen) => {
      calls++;
      (calls === 1 ? json(429, { error: 'rate limited' }, { 'retry-after': '2' }) : json(200, ACME))(
        req,
        res,
        seen,
      );
    });
    const waits: number[] = [];
    const caller = createProviderCaller(provider(base), (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    const { answer, attempts } = await caller.call({ domain: 'acme.com' });
    expect(attempts).toBe(2);
    expect(waits).toEqual([2000]);
    expect(answer.fields.map((f) => f.field)).toContain('company.industry');
  });

  it('gives up at once on a 400', async () => {
    const { base, seen } = await serve(json(400, { error: 'bad domain' }));
    await expect(
      createProviderCaller(provider(base), () => Promise.resolve()).call({ domain: 'acme.com' }),
    ).rejects.toMatchObject({
      retryable: false,
    });
    expect(seen).toHaveLength(1);
  });
});
