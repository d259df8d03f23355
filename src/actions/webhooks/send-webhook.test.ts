import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { DeliveryAttempt } from '../delivery-attempt.js';
import {
  answerJson,
  closedPort,
  startLocalServer,
  type LocalServer,
  type RequestHandler,
} from '../test-support/local-server.js';
import { sendWebhook, type WebhookRequest } from './send-webhook.js';
import { verifyWebhookSignature } from './sign-webhook.js';

const NOW = 1_796_000_000;
const deps = { nowSeconds: () => NOW };
const servers: LocalServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const receiver = async (handler: RequestHandler): Promise<LocalServer> => {
  const server = await startLocalServer(handler);
  servers.push(server);
  return server;
};

const delivery = (url: string, overrides: Partial<WebhookRequest> = {}): WebhookRequest => ({
  url,
  secret: 'whsec_test',
  deliveryId: 'dlv_01JDQ9',
  event: 'lead.decided',
  body: '{"id":"evt_1","type":"lead.decided"}',
  timeoutMs: 5000,
  ...overrides,
});

const answering =
  (status: number, body?: unknown, headers?: Record<string, string>): RequestHandler =>
  (_req, res) =>
    answerJson(res, status, body, headers);

describe('sending a webhook', () => {
  it('posts the body with the delivery headers and a signature the receiver can verify', async () => {
    const server = await receiver(answering(200, { ok: true }));
    const attempt = await sendWebhook(delivery(`${server.base}/hooks/leadsift`), deps);
    expect(attempt).toMatchObject({ outcome: 'delivered', status: 200 });
    const [seen] = server.received;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/hooks/leadsift');
    expect(seen?.body).toBe('{"id":"evt_1","type":"lead.decided"}');
    expect(seen?.headers).toMatchObject({
      'content-type': 'application/json',
      'leadsift-delivery': 'dlv_01JDQ9',
      'leadsift-event': 'lead.decided',
      'leadsift-timestamp': String(NOW),
    });
    expect(seen?.headers['user-agent']).toMatch(/^leadsift\/\d+\.\d+\.\d+/);
    const header = String(seen?.headers['leadsift-signature']);
    expect(
      verifyWebhookSignature({ secret: 'whsec_test', header, body: seen?.body ?? '', nowSeconds: NOW }),
    ).toEqual({
      ok: true,
    });
  });

  it('keeps the delivery id across retries so the receiver can drop duplicates', async () => {
    let calls = 0;
    const server = await receiver((_req, res) => answerJson(res, ++calls === 1 ? 503 : 200, {}));
    const first = await sendWebhook(delivery(server.base), deps);
    const second = await sendWebhook(delivery(server.base), { nowSeconds: () => NOW + 2 });
    expect([first.outcome, second.outcome]).toEqual(['retry', 'delivered']);
    expect(server.received.map((r) => r.headers['leadsift-delivery'])).toEqual(['dlv_01JDQ9', 'dlv_01JDQ9']);
    expect(server.received[1]?.headers['leadsift-timestamp']).toBe(String(NOW + 2));
  });

  it.each([200, 201, 202, 204])('counts %i as delivered', async (status) => {
    const server = await receiver(answering(status, status === 204 ? undefined : { received: true }));
    const attempt = await sendWebhook(delivery(server.base), deps);
    expect(attempt.outcome).toBe('delivered');
    expect(attempt.status).toBe(status);
    expect(attempt.error).toBeUndefined();
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each([400, 401, 404, 410, 422])('fails for good on %i, quoting the receiver', async (status) => {
    const server = await receiver(answering(status, { error: 'unknown hook' }));
    const attempt = await sendWebhook(delivery(server.base), deps);
    expect(attempt).toMatchObject({ outcome: 'failed', status });
    expect(attempt.error).toBe(`${server.base} answered ${status}: {"error":"unknown hook"}`);
    expect(attempt.retryAfterMs).toBeUndefined();
  });

  it('does not follow a redirect, and fails so the URL gets fixed', async () => {
    const target = await receiver(answering(200, {}));
    const server = await receiver(answering(308, undefined, { location: target.base }));
    const attempt = await sendWebhook(delivery(server.base), deps);
    expect(attempt).toMatchObject({ outcome: 'failed', status: 308 });
    expect(target.received).toHaveLength(0);
  });

  it.each([408, 425, 429, 500, 502, 503])('retries after %i', async (status) => {
    const server = await receiver(answering(status, 'busy'));
    expect(await sendWebhook(delivery(server.base), deps)).toMatchObject({ outcome: 'retry', status });
  });

  it('honours Retry-After in seconds', async () => {
    const server = await receiver(answering(429, { error: 'slow down' }, { 'retry-after': '120' }));
    expect(await sendWebhook(delivery(server.base), deps)).toMatchObject({
      outcome: 'retry',
      status: 429,
      retryAfterMs: 120_000,
      error: `${server.base} answered 429: {"error":"slow down"}`,
    });
  });

  it('honours Retry-After as an HTTP date, read against the injected clock', async () => {
    const at = new Date((NOW + 90) * 1000).toUTCString();
    const server = await receiver(answering(503, '', { 'retry-after': at }));
    expect((await sendWebhook(delivery(server.base), deps)).retryAfterMs).toBe(90_000);
  });

  it('caps a Retry-After of a day at an hour', async () => {
    const server = await receiver(answering(503, '', { 'retry-after': '86400' }));
    expect((await sendWebhook(delivery(server.base), deps)).retryAfterMs).toBe(3_600_000);
  });

  it('reads only a bounded part of a huge error body', async () => {
    const server = await receiver(answering(500, 'x'.repeat(5_000_000)));
    const attempt = await sendWebhook(delivery(server.base), deps);
    expect(attempt.outcome).toBe('retry');
    expect(attempt.error).toBe(`${server.base} answered 500`);
  });

  it('retries a receiver that never answers, once the timeout passes', async () => {
    const server = await receiver(() => undefined);
    const attempt = await sendWebhook(delivery(server.base, { timeoutMs: 200 }), deps);
    expect(attempt).toEqual({
      outcome: 'retry',
      error: `${server.base}: no answer within 200 ms`,
      durationMs: attempt.durationMs,
    });
    expect(attempt.status).toBeUndefined();
  });

  it('retries when the connection is refused', async () => {
    const base = await closedPort();
    const attempt = await sendWebhook(delivery(base), deps);
    expect(attempt.outcome).toBe('retry');
    expect(attempt.error).toBe(`${base}: ECONNREFUSED`);
  });

  it('uses the fetch it is given', async () => {
    const seen: string[] = [];
    const fake: typeof fetch = async (url) => {
      seen.push(String(url));
      return new Response(null, { status: 204 });
    };
    const attempt = await sendWebhook(delivery('https://hooks.example.com/x'), { ...deps, fetch: fake });
    expect(attempt.outcome).toBe('delivered');
    expect(seen).toEqual(['https://hooks.example.com/x']);
  });

  it('is typed to resolve to a DeliveryAttempt whose outcome is one of three', () => {
    expectTypeOf(sendWebhook).returns.resolves.toEqualTypeOf<DeliveryAttempt>();
    expectTypeOf<DeliveryAttempt['outcome']>().toEqualTypeOf<'delivered' | 'retry' | 'failed'>();
  });
});
