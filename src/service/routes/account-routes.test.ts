import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountDecision } from '../../accounts/account-decision.js';
import { intakeJsonLeads } from '../../intake/intake-json-leads.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { startService, type RunningService } from '../start-service.js';

const BANT = readFileSync(new URL('../../../examples/criteria/bant.yaml', import.meta.url), 'utf8');

const people = [
  {
    email: 'dana@acme-robotics.com',
    name: 'Dana Kim',
    title: 'VP of Sales',
    industry: 'Software',
    employees: '450',
    country: 'US',
  },
  {
    email: 'lee@acme-robotics.com',
    name: 'Lee Park',
    title: 'IT Manager',
    industry: 'Software',
    employees: '450',
    country: 'US',
  },
  {
    email: 'max@acme-robotics.com',
    name: 'Max Ray',
    title: 'Sales Manager',
    industry: 'Software',
    employees: '450',
    country: 'US',
  },
  {
    email: 'sue@bluth.com',
    name: 'Sue Bo',
    title: 'Engineer',
    company: 'Bluth',
    subsidiary_of: 'acme-robotics.com',
  },
  {
    email: 'ann@tinyshop.com',
    name: 'Ann Lo',
    title: 'Owner',
    industry: 'Retail',
    employees: '4',
    country: 'US',
  },
];

describe('the accounts API (SQLite, app.inject)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let reader: string;
  let writer: string;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    service = await startService({
      databaseUrl: database.url,
      criteria: { text: BANT, fileName: 'bant.yaml' },
      app: { logLevel: false },
      worker: false,
    });
    reader = (await service.store.service.createApiKey('dashboard', ['leads:read'])).token;
    writer = (await service.store.service.createApiKey('intake', ['leads:write'])).token;
    const { accepted } = intakeJsonLeads(people, { origin: 'api', receivedAt: new Date().toISOString() });
    const ids = (await service.store.leads.upsertLeads(accepted.map((a) => a.draft))).map((r) => r.id);
    const recently = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    await service.store.leads.addActivities([
      { leadId: ids[0]!, type: 'demo_request', occurredAt: recently(1), properties: {}, source: 'api' },
      { leadId: ids[0]!, type: 'pricing_page_view', occurredAt: recently(2), properties: {}, source: 'api' },
      { leadId: ids[1]!, type: 'pricing_page_view', occurredAt: recently(3), properties: {}, source: 'api' },
      { leadId: ids[2]!, type: 'webinar_attended', occurredAt: recently(4), properties: {}, source: 'api' },
    ]);
  });
  afterEach(async () => {
    await service.close();
    await database.drop();
  });

  const get = (url: string, token = reader) =>
    service.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  it('lists accounts qualified first, with their parts and reasons, filtered by verdict and limited', async () => {
    const res = await get('/v1/accounts');
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      total: number;
      leads: number;
      unassigned: number;
      accounts: AccountDecision[];
    }>();
    expect(body).toMatchObject({ total: 2, leads: 5, unassigned: 0 });
    const [acme, shop] = body.accounts;
    expect(acme).toMatchObject({
      key: 'acme-robotics.com',
      verdict: 'qualified',
      engagement: { engaged: 3, contacts: 4 },
    });
    expect(acme!.subsidiaries.map((s) => s.key)).toEqual(['bluth.com']);
    expect(acme!.reasons[0]!.text).toMatch(/^3 engaged contacts including Dana Kim \(VP of Sales\)/);
    expect(shop).toMatchObject({ key: 'tinyshop.com', verdict: 'not_qualified' });
    const filtered = (await get('/v1/accounts?verdict=not_qualified&limit=1')).json<{
      accounts: AccountDecision[];
    }>();
    expect(filtered.accounts.map((a) => a.key)).toEqual(['tinyshop.com']);
  });

  it('answers one account by its domain or a subsidiary domain, 404 for an unknown one', async () => {
    const one = await get('/v1/accounts/bluth.com');
    expect(one.statusCode).toBe(200);
    expect(one.json<AccountDecision>().key).toBe('acme-robotics.com');
    const none = await get('/v1/accounts/nobody.com');
    expect(none.statusCode).toBe(404);
    expect(none.json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: object }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/accounts', '/v1/accounts/{domain}']));
  });

  it('needs the leads:read scope', async () => {
    expect((await get('/v1/accounts', writer)).statusCode).toBe(403);
    expect((await service.app.inject({ method: 'GET', url: '/v1/accounts' })).statusCode).toBe(401);
  });
});
