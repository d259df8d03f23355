import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import type { Verdict } from '../../domain/decision.js';
import { describeStores } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import { startService, type RunningService } from '../start-service.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');
const AT = '2026-04-20T09:00:00.000Z';

describeStores('the audit sample and model history over HTTP', (t) => {
  let service: RunningService | undefined;
  afterEach(async () => {
    await service?.close();
    service = undefined;
  });

  const start = async () => {
    const running = await startService({
      databaseUrl: t.databaseUrl,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
      listen: { host: '127.0.0.1', port: 0 },
    });
    service = running;
    const token = async (name: string, scopes: Parameters<typeof running.store.service.createApiKey>[1]) =>
      (await running.store.service.createApiKey(name, scopes)).token;
    const call = async (token: string, method: string, path: string, body?: unknown) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test reads JSON loosely
    };
    return { running, token, call };
  };

  const decide = async (running: RunningService, leadId: string, verdict: Verdict) =>
    running.store.leads.saveDecision({
      leadId,
      verdict,
      score: 20,
      grade: 'D4',
      fit: { score: 20, grade: 'D' },
      intent: { score: 20, grade: 4 },
      reasons: [],
      missing: [],
      versions: { engine: 'test', criteria: 'criteria@test' },
      decidedAt: AT,
    });

  it('lists the drawn leads with their follow-up, records a person’s result, and says why the rate falls back', async () => {
    const { running, token, call } = await start();
    const admin = await token('ops', ['admin']);
    const reader = await token('dashboard', ['leads:read']);
    const reviewer = await token('dana', ['review:write']);
    expect((await call(admin, 'PUT', '/v1/audit-sample/settings', { share: 1 })).json.settings.share).toBe(1);
    expect((await call(admin, 'PUT', '/v1/audit-sample/settings', { share: 2 })).status).toBe(400);
    const [a, b, c] = await running.store.leads.upsertLeads([
      draftLead({ email: 'a@acme.io' }),
      draftLead({ email: 'b@acme.io' }),
      draftLead({ email: 'c@globex.com' }),
    ]);
    await decide(running, a?.id ?? '', 'not_qualified');
    await decide(running, b?.id ?? '', 'not_qualified');
    await decide(running, c?.id ?? '', 'qualified');
    await running.store.leads.addOutcomes([
      { leadId: a?.id ?? '', type: 'opportunity_created', occurredAt: AT, source: 'test' },
    ]);

    const listed = await call(reader, 'GET', '/v1/audit-sample');
    expect(listed.status).toBe(200);
    expect(listed.json.share).toBe(1);
    expect(listed.json.counts).toEqual({ drawn: 2, followedUp: 0, foundGood: 0 });
    const leads = listed.json.leads as Array<Record<string, unknown>>;
    expect(leads.map((l) => [l.name, l.status, l.outcomes]).sort()).toEqual([
      ['a@acme.io', 'pending', ['opportunity_created']],
      ['b@acme.io', 'pending', []],
    ]);
    expect(listed.json.falseNegativeRate).toMatchObject({
      source: 'outcomes',
      rate: 0.5,
      reason: 'only 0 of 2 drawn audit leads followed up (at least 20 needed)',
    });

    const recorded = await call(reviewer, 'POST', `/v1/audit-sample/${a?.id}/result`, {
      result: 'good',
      note: 'budget approved; the size rule was wrong',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.json.entry).toMatchObject({
      status: 'followed_up',
      result: 'good',
      followedUpBy: 'dana',
      note: 'budget approved; the size rule was wrong',
    });
    const followed = await call(reader, 'GET', '/v1/audit-sample?status=followed_up');
    expect(followed.json.counts).toEqual({ drawn: 2, followedUp: 1, foundGood: 1 });
    expect((followed.json.leads as unknown[]).length).toBe(1);
    const metrics = await call(reader, 'GET', '/v1/metrics');
    expect(metrics.json.falseNegativeAudit).toMatchObject({
      share: 1,
      counts: { drawn: 2, followedUp: 1, foundGood: 1 },
      falseNegativeRate: {
        source: 'outcomes',
        reason: 'only 1 of 2 drawn audit leads followed up (at least 20 needed)',
      },
    });
    expect((await call(reviewer, 'POST', `/v1/audit-sample/${c?.id}/result`, { result: 'bad' })).status).toBe(
      404,
    );
    expect(
      (await call(reviewer, 'POST', `/v1/audit-sample/${b?.id}/result`, { result: 'maybe' })).status,
    ).toBe(400);
    expect((await call(reader, 'POST', `/v1/audit-sample/${b?.id}/result`, { result: 'bad' })).status).toBe(
      403,
    );
    expect((await call(reader, 'PUT', '/v1/audit-sample/settings', { share: 0.1 })).status).toBe(403);
  });

  it('serves the promotion log with its figures, newest first, filtered by action and time', async () => {
    const { running, token, call } = await start();
    const reader = await token('dashboard', ['leads:read']);
    const figures = {
      candidate: { version: 'model@b', auc: 0.81 },
      current: { version: 'model@a', auc: 0.74 },
    };
    await running.store.learning.recordChange({
      at: '2026-03-02T04:00:00.000Z',
      action: 'promoted',
      from: 'model@a',
      to: 'model@b',
      by: 'schedule',
      reason: 'AUC 0.810 against 0.740 (+0.070)',
      figures,
    });
    await running.store.learning.recordChange({
      at: '2026-03-09T04:00:00.000Z',
      action: 'refused',
      from: 'model@b',
      to: 'model@c',
      by: 'retrain',
      reason: 'AUC 0.790 against 0.810: model@b stays active',
      figures: {},
    });
    const all = await call(reader, 'GET', '/v1/models/history');
    expect(all.status).toBe(200);
    expect(all.json.active).toBeNull();
    expect((all.json.changes as Array<{ action: string }>).map((c) => c.action)).toEqual([
      'refused',
      'promoted',
    ]);
    expect(all.json.changes[1]).toMatchObject({ from: 'model@a', to: 'model@b', by: 'schedule', figures });
    const promoted = await call(reader, 'GET', '/v1/models/history?action=promoted');
    expect((promoted.json.changes as unknown[]).length).toBe(1);
    const since = await call(reader, 'GET', '/v1/models/history?since=2026-03-05T00:00:00Z');
    expect((since.json.changes as Array<{ to: string }>).map((c) => c.to)).toEqual(['model@c']);
    expect(
      (await call(reader, 'GET', '/v1/models/history?since=2026-04-01T00:00:00Z&until=2026-03-01T00:00:00Z'))
        .status,
    ).toBe(400);
    const doc = (await fetch(`${running.url}/openapi.json`).then((r) => r.json())) as { paths: object };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/models/history',
        '/v1/audit-sample',
        '/v1/audit-sample/{leadId}/result',
        '/v1/audit-sample/settings',
        '/v1/alerts/deliveries',
        '/v1/alerts/deliveries/{id}/retry',
      ]),
    );
  });
});
