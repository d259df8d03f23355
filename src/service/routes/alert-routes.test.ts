import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import type { Alert, NewAlert } from '../../learning/learning-store.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const alert = (kind: NewAlert['kind'], subject: string, text: string): NewAlert => ({
  kind,
  subject,
  level: 'major',
  text,
  figures: { psi: 0.52 },
  modelVersion: 'model@abc',
  baseline: { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
  recent: { from: '2026-04-01T00:00:00.000Z', to: '2026-04-29T00:00:00.000Z' },
});

describeStores('GET /v1/alerts', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('lists stored alerts newest first, filtered by time and kind, for the leads:read scope', async () => {
    const running = await startService({
      databaseUrl: t.databaseUrl,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
    });
    service = running;
    const reader = (await running.store.service.createApiKey('dashboard', ['leads:read'])).token;
    const writer = (await running.store.service.createApiKey('intake', ['leads:write'])).token;
    const source =
      "Share of leads with source 'paid_search' rose from 12 % to 41 % since training (PSI 0.52)";
    await running.store.learning.saveAlerts(
      [alert('feature_drift', 'source', source)],
      [],
      '2026-04-28T04:30:00.000Z',
    );
    await running.store.learning.saveAlerts(
      [alert('acceptance_rate', 'ae_acceptance', 'AE acceptance rate fell from 82 % to 55 % since training')],
      [],
      '2026-04-29T04:30:00.000Z',
    );
    const get = (url: string, token = reader) =>
      running.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

    const all = await get('/v1/alerts');
    expect(all.statusCode).toBe(200);
    const { alerts } = all.json<{ alerts: Alert[] }>();
    expect(alerts.map((a) => a.kind)).toEqual(['acceptance_rate', 'feature_drift']);
    expect(alerts[1]).toMatchObject({
      subject: 'source',
      level: 'major',
      text: source,
      figures: { psi: 0.52 },
      modelVersion: 'model@abc',
      recent: { from: '2026-04-01T00:00:00.000Z', to: '2026-04-29T00:00:00.000Z' },
      raisedAt: '2026-04-28T04:30:00.000Z',
    });
    const since = (await get('/v1/alerts?since=2026-04-29T00:00:00Z')).json<{ alerts: Alert[] }>();
    expect(since.alerts.map((a) => a.subject)).toEqual(['ae_acceptance']);
    const kind = (await get('/v1/alerts?kind=feature_drift&limit=5')).json<{ alerts: Alert[] }>();
    expect(kind.alerts.map((a) => a.subject)).toEqual(['source']);

    const bad = await get('/v1/alerts?since=yesterday');
    expect(bad.statusCode).toBe(400);
    const backwards = await get('/v1/alerts?since=2026-05-01T00:00:00Z&until=2026-04-01T00:00:00Z');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ error: { message: string } }>().error.message).toContain('is after until');
    expect((await get('/v1/alerts', writer)).statusCode).toBe(403);
    const doc = (await running.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).toContain('/v1/alerts');
  });
});

describeStores('alert deliveries over HTTP', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  it('lists dead deliveries with their alert and error, and sends one again when an admin asks', async () => {
    const running = await startService({
      databaseUrl: t.databaseUrl,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
      listen: { host: '127.0.0.1', port: 0 },
    });
    service = running;
    const reader = (await running.store.service.createApiKey('dashboard', ['leads:read'])).token;
    const admin = (await running.store.service.createApiKey('ops', ['admin'])).token;
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const [saved] = await running.store.learning.saveAlerts(
      [alert('feature_drift', 'source', 'Share of paid_search rose')],
      [
        { name: 'ops', maxAttempts: 3 },
        { name: 'pager', maxAttempts: 3 },
      ],
      '2026-04-28T04:30:00.000Z',
    );
    const pending = await running.store.learning.dueDeliveries('2026-04-28T05:00:00.000Z', 10);
    const dead = pending.find((d) => d.delivery.webhook === 'pager')!.delivery;
    await running.store.learning.settleDelivery(dead.id, {
      status: 'dead',
      attempts: 3,
      nextAt: '2026-04-28T05:00:00.000Z',
      lastError: 'HTTP 503 (gave up after 3 attempts)',
    });

    const listed = await call(reader, 'GET', '/v1/alerts/deliveries?status=dead');
    expect(listed.status).toBe(200);
    expect(listed.json.deliveries).toEqual([
      {
        delivery: expect.objectContaining({
          id: dead.id,
          webhook: 'pager',
          status: 'dead',
          attempts: 3,
          lastError: 'HTTP 503 (gave up after 3 attempts)',
        }),
        alert: expect.objectContaining({ id: saved?.id, text: 'Share of paid_search rose' }),
      },
    ]);
    expect(((await call(reader, 'GET', '/v1/alerts/deliveries')).json.deliveries as unknown[]).length).toBe(
      2,
    );
    expect((await call(reader, 'POST', `/v1/alerts/deliveries/${dead.id}/retry`, {})).status).toBe(403);

    const retried = await call(admin, 'POST', `/v1/alerts/deliveries/${dead.id}/retry`, { attempts: 2 });
    expect(retried.status).toBe(200);
    expect(retried.json.delivery).toMatchObject({ status: 'pending', attempts: 3, maxAttempts: 5 });
    const due = await running.store.learning.dueDeliveries(new Date().toISOString(), 10);
    expect(due.map((d) => d.delivery.webhook).sort()).toEqual(['ops', 'pager']);
    expect((await call(admin, 'POST', `/v1/alerts/deliveries/${dead.id}/retry`, {})).status).toBe(409);
    expect((await call(admin, 'POST', '/v1/alerts/deliveries/nope/retry', {})).status).toBe(404);
    expect(
      ((await call(reader, 'GET', '/v1/alerts/deliveries?status=dead')).json.deliveries as unknown[]).length,
    ).toBe(0);
  });
});
