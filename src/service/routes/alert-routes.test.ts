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
