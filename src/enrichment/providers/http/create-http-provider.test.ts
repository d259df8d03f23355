import { afterEach, describe, expect, it } from 'vitest';
import { createProviderCaller } from '../../call-provider.js';
import { ACME, closeServers, failureOf, json, lookup, provider, serve } from './test-support/local-vendor.js';

afterEach(closeServers);

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
    await expect(p.lookup({ domain: 'acme.com' }, new AbortController().signal)).rejects.toMatchObject({
      message: 'vendor: the query lacks email',
      retryable: false,
    });
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
