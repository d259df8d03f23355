import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalServer } from '../actions/test-support/local-server.js';
import type { LocalServer } from '../actions/test-support/local-server.js';
import { verifyWebhookSignature } from '../actions/webhooks/sign-webhook.js';
import { createTestDatabase } from '../test-support/describe-stores.js';
import type { TestDatabase } from '../test-support/describe-stores.js';
import { startService } from './start-service.js';
import type { RunningService } from './start-service.js';

const BANT = readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const hotLead = {
  email: 'dana.kim@acme-robotics.com',
  firstName: 'Dana',
  lastName: 'Kim',
  title: 'VP of Sales',
  company: 'Acme Robotics',
  website: 'https://acme-robotics.com',
  employees: '450',
  industry: 'Software',
  country: 'US',
  source: 'demo_request',
};

describe('the HTTP API (SQLite, app.inject)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let admin: string;
  let reader: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      pollMs: 50,
    });
    admin = (await service.store.service.createApiKey('admin', ['admin'])).token;
    reader = (await service.store.service.createApiKey('dashboard', ['leads:read'])).token;
  });
  afterEach(async () => {
    await service.close();
    await database.drop();
  });

  const post = (url: string, body: unknown, token = admin, headers: Record<string, string> = {}) =>
    service.app.inject({
      method: 'POST',
      url,
      payload: body as object,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });
  const get = (url: string, token = admin) =>
    service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('refuses calls without a key (401), with a bad key (401) and with the wrong scope (403)', async () => {
    const none = await service.app.inject({ method: 'GET', url: '/v1/leads' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect(
      (await get('/v1/leads', 'lsk_01JAAAAAAAAAAAAAAAAAAAAAAA_notarealsecretnotarealsecret12')).statusCode,
    ).toBe(401);
    const wrong = await post('/v1/leads', hotLead, reader);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.message).toMatch(/lacks the scope leads:write/);
    expect((await get('/v1/leads', reader)).statusCode).toBe(200);
    expect((await service.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('qualifies a posted lead and answers with the decision, its reasons and its route when asked to wait', async () => {
    const response = await post('/v1/leads?wait=true', hotLead);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'decided', action: 'created' });
    expect(['qualified', 'not_qualified', 'needs_info']).toContain(body.decision.verdict);
    expect(body.decision.reasons.length).toBeGreaterThan(0);
    expect(body.decision.versions.criteria).toMatch(/^criteria@/);
    expect(body.route.reason).toEqual(expect.any(String));

    const detail = await get(`/v1/leads/${body.id}`, reader);
    expect(detail.statusCode).toBe(200);
    const lead = detail.json();
    expect(lead.lead.person.email.provenance).toMatchObject({ source: 'input', origin: 'api' });
    expect(lead.decisions).toHaveLength(1);
    expect(lead.routes[0]).toMatchObject({ decisionId: lead.decisions[0].id });
    expect(Date.parse(lead.routes[0].routedAt)).toBeGreaterThanOrEqual(Date.parse(lead.routes[0].arrivedAt));

    const listed = await get(`/v1/leads?verdict=${body.decision.verdict}`, reader);
    expect(listed.json().leads.map((l: { lead: { id: string } }) => l.lead.id)).toEqual([body.id]);
    expect((await get('/v1/leads?q=acme-robotics', reader)).json().leads).toHaveLength(1);
    expect((await get('/v1/leads?q=nobody-here', reader)).json().leads).toHaveLength(0);
  });

  it('answers bad requests with 4xx naming each field, and keeps the good leads of a batch', async () => {
    const bad = await post('/v1/leads', { email: 'not an email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'email', problem: expect.any(String) }]);

    const batch = await post('/v1/leads', { leads: [hotLead, { notes: 'who am I?' }, 42] });
    expect(batch.statusCode).toBe(202);
    const body = batch.json();
    expect(body).toMatchObject({ received: 3, accepted: 1 });
    expect(body.rejected.map((r: { field: string }) => r.field)).toEqual(['leads[1]', 'leads[2]']);
    expect(body.received).toBe(body.accepted + body.rejected.length);

    const query = await get('/v1/leads?grade=Z9', reader);
    expect(query.statusCode).toBe(400);
    expect(query.json().error.fields[0].field).toMatch(/querystring\.grade/);

    const criteria = await service.app.inject({
      method: 'PUT',
      url: '/v1/criteria',
      payload: 'name: broken\nicp: x\nverdicts:\n  minScore: lots\n',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/yaml' },
    });
    expect(criteria.statusCode).toBe(422);
    expect(criteria.json().error.message).toMatch(/criteria\.yaml:4: verdicts\.minScore/);
  });

  it('replays a repeated Idempotency-Key instead of taking the lead twice, and refuses the key with another body', async () => {
    const first = await post('/v1/leads', hotLead, admin, { 'idempotency-key': 'form-123' });
    const again = await post('/v1/leads', hotLead, admin, { 'idempotency-key': 'form-123' });
    expect(again.statusCode).toBe(first.statusCode);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await post('/v1/leads', { ...hotLead, title: 'CEO' }, admin, {
      'idempotency-key': 'form-123',
    });
    expect(other.statusCode).toBe(409);
    const jobs = await service.store.jobs.list({ kind: 'qualify', limit: 10 });
    expect(jobs.jobs).toHaveLength(1);
  });

  it('replays a ?wait=true request with the decision it answered first, not a second lead', async () => {
    const first = await post('/v1/leads?wait=true', hotLead, admin, { 'idempotency-key': 'form-456' });
    expect(first.statusCode).toBe(200);
    expect(first.json().decision).toBeDefined();
    const again = await post('/v1/leads?wait=true', hotLead, admin, { 'idempotency-key': 'form-456' });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({
      id: first.json().id,
      status: 'decided',
      decision: { id: first.json().decision.id, verdict: first.json().decision.verdict },
    });
    const batch = [hotLead, { ...hotLead, email: 'other@bigco.com' }];
    const firstBatch = await post('/v1/leads?wait=true', batch, admin, { 'idempotency-key': 'batch-1' });
    const againBatch = await post('/v1/leads?wait=true', batch, admin, { 'idempotency-key': 'batch-1' });
    expect(
      againBatch
        .json()
        .leads.map((l: { index: number; decision: { id: string } }) => [l.index, l.decision.id]),
    ).toEqual(
      firstBatch
        .json()
        .leads.map((l: { index: number; decision: { id: string } }) => [l.index, l.decision.id]),
    );
  });

  it('re-scores a lead when events arrive, and stores outcomes', async () => {
    const created = (await post('/v1/leads?wait=true', { ...hotLead, source: 'webinar' })).json();
    const events = await post('/v1/events', {
      events: [
        { email: hotLead.email, type: 'pricing_page_view', properties: { url: '/pricing' } },
        { leadId: created.id, type: 'demo_request' },
        { email: 'stranger@nowhere.example', type: 'page_view' },
      ],
    });
    expect(events.statusCode).toBe(202);
    expect(events.json()).toMatchObject({
      received: 3,
      recorded: 2,
      rejected: [{ field: 'events[2].email' }],
    });
    const [requalified] = events.json().requalifying;
    await service.waiter.wait(requalified.jobId, 10_000);
    const detail = (await get(`/v1/leads/${created.id}`)).json();
    expect(detail.decisions).toHaveLength(2);
    expect(detail.events.map((e: { type: string }) => e.type).sort()).toEqual([
      'demo_request',
      'pricing_page_view',
    ]);
    expect(detail.decisions[1].intent.score).toBeGreaterThan(detail.decisions[0].intent.score);

    const noReason = await post('/v1/outcomes', { leadId: created.id, type: 'rejected' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0]).toMatchObject({ field: 'reason' });
    const outcome = await post('/v1/outcomes', {
      outcomes: [{ leadId: created.id, type: 'won', amount: 42000 }],
    });
    expect(outcome.statusCode).toBe(202);
    expect((await service.store.leads.listOutcomes(created.id)).map((o) => [o.type, o.amount])).toEqual([
      ['won', 42000],
    ]);
  });

  it('versions criteria: a valid PUT activates a new version and the old one can be restored', async () => {
    const before = (await get('/v1/criteria')).json();
    const changed = BANT.replace(/^name: .*$/m, 'name: BANT, stricter');
    const put = await service.app.inject({
      method: 'PUT',
      url: '/v1/criteria',
      payload: { text: changed },
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({ previous: before.version });
    expect((await get('/v1/criteria')).json().version).toBe(put.json().version);
    const versions = (await get('/v1/criteria/versions')).json().versions;
    expect(versions).toHaveLength(2);
    const restore = await post(`/v1/criteria/versions/${before.version}/activate`, {});
    expect(restore.statusCode).toBe(200);
    expect((await get('/v1/criteria')).json().version).toBe(before.version);
  });

  it('publishes an OpenAPI document and interactive docs', async () => {
    const spec = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/leads',
        '/v1/leads/{id}',
        '/v1/events',
        '/v1/outcomes',
        '/v1/criteria',
        '/v1/reviews',
      ]),
    );
    const docs = await service.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});

describe('webhooks from a listening service (SQLite)', () => {
  let database: TestDatabase;
  let receiver: LocalServer;
  let service: RunningService | undefined;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    receiver = await startLocalServer((_request, res) => {
      res.writeHead(204).end();
    });
  });
  afterEach(async () => {
    await service?.close();
    await receiver.close();
    await database.drop();
  });

  it('delivers a posted lead’s decision to a real receiver with a valid signature, and records the first touch', async () => {
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      listen: { host: '127.0.0.1', port: 0 },
      pollMs: 50,
      actions: {
        webhooks: [
          {
            name: 'crm-bridge',
            url: `${receiver.base}/hooks`,
            secrets: ['s3cret'],
            timeoutMs: 5000,
            maxAttempts: 3,
          },
        ],
      },
    });
    const { token } = await service.store.service.createApiKey('forms', ['leads:write', 'leads:read']);
    const response = await fetch(`${service.url}/v1/leads?wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(hotLead),
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    for (let i = 0; i < 100 && receiver.received.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const check = verifyWebhookSignature({
      secret: 's3cret',
      header: String(delivery?.headers['leadsift-signature']),
      body: delivery?.body ?? '',
      nowSeconds: Date.now() / 1000,
    });
    expect(check).toEqual({ ok: true });
    expect(JSON.parse(delivery?.body ?? '{}')).toMatchObject({ type: 'lead.decided', lead: { id } });
    for (let i = 0; i < 100; i += 1) {
      const [touch] = await service.store.service.listTouches(id);
      if (touch?.firstActionAt !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const [touch] = await service.store.service.listTouches(id);
    expect(Date.parse(touch?.firstActionAt ?? '')).toBeGreaterThanOrEqual(Date.parse(touch?.routedAt ?? ''));
  });
});
