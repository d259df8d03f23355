import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test-support/describe-stores.js';
import type { TestDatabase } from '../../test-support/describe-stores.js';
import { startService } from '../start-service.js';
import type { RunningService } from '../start-service.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const lead = (email: string, company: string) => ({
  email,
  title: 'VP of Sales',
  company,
  website: `https://${email.split('@')[1] ?? ''}`,
  employees: '450',
  industry: 'Software',
  country: 'US',
  source: 'Website',
});

describe('the dashboard’s routes (SQLite, app.inject)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let web: string;
  let token: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    web = await mkdtemp(join(tmpdir(), 'leadsift-web-'));
    await mkdir(join(web, 'assets'));
    await writeFile(join(web, 'index.html'), '<!doctype html><title>leadsift</title>');
    await writeFile(join(web, 'assets', 'app-1234.js'), 'console.log(1)');
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false, webRoot: web },
      pollMs: 50,
    });
    token = (await service.store.service.createApiKey('dashboard', ['admin'])).token;
    const posted = await service.app.inject({
      method: 'POST',
      url: '/v1/leads?wait=true',
      payload: [lead('dana@acme-robotics.com', 'Acme Robotics'), lead('omar@globex.com', 'Globex')],
      headers: { authorization: `Bearer ${token}` },
    });
    expect(posted.statusCode).toBe(200);
  });
  afterEach(async () => {
    await service.close();
    await database.drop();
    await rm(web, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST', url: string, payload?: string) =>
    service.app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${token}`,
        ...(payload === undefined ? {} : { 'content-type': 'text/yaml' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  it('serves the dashboard at / without a key, its assets cached, and its data only with one', async () => {
    const page = await service.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>leadsift</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await service.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await service.app.inject({ method: 'GET', url: '/v1/metrics' })).statusCode).toBe(401);
    const unknown = await service.app.inject({ method: 'GET', url: '/v1/no-such-route' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('signs a browser in with a key for an HttpOnly session cookie, and out again', async () => {
    const bad = await service.app.inject({
      method: 'POST',
      url: '/v1/session',
      payload: { key: 'lsk_nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.headers['set-cookie']).toBeUndefined();
    const empty = await service.app.inject({ method: 'POST', url: '/v1/session', payload: { key: ' ' } });
    expect(empty.statusCode).toBe(400);
    const signed = await service.app.inject({ method: 'POST', url: '/v1/session', payload: { key: token } });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      name: 'dashboard',
      scopes: ['admin'],
      expiresAt: expect.any(String),
    });
    const setCookie = String(signed.headers['set-cookie']);
    expect(setCookie).toMatch(/^leadsift_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(setCookie).not.toContain(token);
    const cookie = setCookie.split(';')[0] ?? '';
    const withCookie = (method: 'GET' | 'DELETE', url: string) =>
      service.app.inject({ method, url, headers: { cookie } });
    expect((await withCookie('GET', '/v1/leads')).json().leads).toHaveLength(2);
    expect((await withCookie('GET', '/v1/session')).json().name).toBe('dashboard');
    expect((await service.app.inject({ method: 'GET', url: '/v1/leads' })).statusCode).toBe(401);
    const out = await withCookie('DELETE', '/v1/session');
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    // The old cookie no longer works, even if a browser kept it.
    expect((await withCookie('GET', '/v1/leads')).statusCode).toBe(401);
    expect((await withCookie('GET', '/v1/session')).statusCode).toBe(401);
  });

  it('lists the leads with their decision figures and the values to filter by', async () => {
    const listed = (await call('GET', '/v1/leads?sort=score_desc')).json();
    expect(listed.leads).toHaveLength(2);
    expect(listed.leads[0].latest).toMatchObject({ fit: expect.any(Number), intent: expect.any(Number) });
    expect(typeof listed.leads[0].latest.topReason).toBe('string');
    const facets = (await call('GET', '/v1/leads/facets')).json();
    expect(facets.sources).toEqual(['Website']);
    expect(facets.playbooks.length).toBeGreaterThan(0);
    expect((await call('GET', '/v1/leads?sort=sideways')).statusCode).toBe(400);
  });

  it('counts the decided leads in the metrics', async () => {
    const metrics = (await call('GET', '/v1/metrics')).json();
    const mix = metrics.verdictMix as Array<Record<string, number>>;
    const total = mix.reduce(
      (n, d) => n + (d['qualified'] ?? 0) + (d['not_qualified'] ?? 0) + (d['needs_info'] ?? 0),
      0,
    );
    expect(total).toBe(2);
    expect(metrics.speedToFirstTouch.routedMedianMs).toBeGreaterThanOrEqual(0);
    expect(metrics.aeAcceptance).toEqual({ accepted: 0, rejected: 0, rate: null });
    expect(metrics.falseNegatives).toEqual({ leads: 2, opportunities: 0, rate: 0 });
    expect(metrics.audit.map((a: { name: string }) => a.name).sort()).toEqual([
      'dana@acme-robotics.com',
      'omar@globex.com',
    ]);
    expect(metrics.model).toBeUndefined();
  });

  it('lists each spot-checked lead with its outcomes, oldest first', async () => {
    const before = (await call('GET', '/v1/metrics')).json();
    const byName = new Map<string, string>(
      before.audit.map((a: { name: string; leadId: string }) => [a.name, a.leadId]),
    );
    const dana = byName.get('dana@acme-robotics.com') ?? '';
    await service.store.leads.addOutcomes([
      { leadId: dana, type: 'lost', occurredAt: '2026-11-03T00:00:00Z', source: 'test' },
      { leadId: dana, type: 'accepted', occurredAt: '2026-11-01T00:00:00Z', source: 'test' },
    ]);
    const after = (await call('GET', '/v1/metrics')).json();
    const outcomes = Object.fromEntries(
      after.audit.map((a: { name: string; outcomes: string[] }) => [a.name, a.outcomes]),
    );
    expect(outcomes).toEqual({ 'dana@acme-robotics.com': ['accepted', 'lost'], 'omar@globex.com': [] });
  });

  it('compares conversion in a period with a baseline period, and says which bound is wrong', async () => {
    const now = Date.now();
    const iso = (days: number) => new Date(now + days * 86_400_000).toISOString();
    const metrics = (
      await call(
        'GET',
        `/v1/metrics?from=${iso(-1)}&to=${iso(1)}&baselineFrom=2020-01-01&baselineTo=2020-04-01`,
      )
    ).json();
    expect(metrics.periods.current).toMatchObject({
      from: iso(-1),
      to: iso(1),
      all: { leads: 2, opportunities: 0, rate: 0 },
      qualified: { leads: 0, rate: null },
    });
    expect(metrics.periods.baseline).toMatchObject({
      from: '2020-01-01T00:00:00.000Z',
      all: { leads: 0, opportunities: 0, rate: null },
    });
    expect(metrics.periods.liftOverBaseline).toBeNull();
    const backwards = await call('GET', '/v1/metrics?baselineFrom=2020-04-01&baselineTo=2020-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.message).toMatch(/baseline period starts .* no earlier than it ends/);
    const garbled = await call('GET', '/v1/metrics?from=last-tuesday');
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error.message).toContain('from');
  });

  it('previews criteria on stored leads: what would change, and 422 for an invalid file', async () => {
    const same = (await call('POST', '/v1/criteria/preview', BANT)).json();
    expect(same).toMatchObject({ sampled: 2, changed: 0, changes: [], examples: [] });
    // Lenient thresholds: the two leads, not qualified for want of intent, would be qualified.
    const lenient = BANT.replace(
      'verdicts: { fitWeight: 0.6, minScore: 60, minFitGrade: B, minIntentGrade: 3 }',
      'verdicts: { fitWeight: 1, minScore: 10, minFitGrade: D, minIntentGrade: 4 }',
    );
    expect(lenient).not.toBe(BANT);
    const preview = (await call('POST', '/v1/criteria/preview', lenient)).json();
    expect(preview.sampled).toBe(2);
    expect(preview.changed).toBe(2);
    expect(preview.changes).toEqual([{ from: 'not_qualified', to: 'qualified', count: 2 }]);
    expect(preview.examples.map((e: { name: string }) => e.name).sort()).toEqual([
      'dana@acme-robotics.com',
      'omar@globex.com',
    ]);
    const invalid = await call('POST', '/v1/criteria/preview', 'name: [\n');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.details.issues[0].line).toBe(2);
  });
});
