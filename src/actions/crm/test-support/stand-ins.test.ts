import { afterEach, describe, expect, it } from 'vitest';
import type { LocalServer } from '../../test-support/local-server.js';
import { startLocalHubSpot } from './local-hubspot.js';
import { startLocalSalesforce } from './local-salesforce.js';

// The stand-ins must catch a request that departs from the vendors' documented shapes;
// otherwise the write-back tests against them would prove nothing.
const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('the HubSpot stand-in', () => {
  it('refuses a wrong token, an unknown property, and records a wrong idProperty or non-string value', async () => {
    const hubspot = await startLocalHubSpot({ token: 't' });
    servers.push(hubspot);
    const upsert = (token: string, input: unknown) =>
      fetch(`${hubspot.base}/crm/v3/objects/contacts/batch/upsert`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ inputs: [input] }),
      });
    expect((await upsert('x', {})).status).toBe(401);
    const unknown = await upsert('t', { idProperty: 'email', id: 'a@b.co', properties: { nickname: 'x' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    await upsert('t', { idProperty: 'id', id: 'a@b.co', properties: { leadsift_score: 82 } });
    expect(hubspot.problems).toEqual([
      'idProperty is "id", not "email"',
      'property leadsift_score is a number, not a string',
      'leadsift_decided_at is not ISO 8601',
    ]);
  });
});

describe('the Salesforce stand-in', () => {
  it('refuses a wrong grant, a stale token, a missing required field, and records unexpected SOQL', async () => {
    const org = await startLocalSalesforce({ clientId: 'id', clientSecret: 'secret' });
    servers.push(org);
    const form = (grant: string) =>
      fetch(`${org.base}/services/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: grant, client_id: 'id', client_secret: 'secret' }).toString(),
      });
    expect((await form('password')).status).toBe(400);
    const { access_token: token } = (await (await form('client_credentials')).json()) as {
      access_token: string;
    };
    const api = (path: string, init: RequestInit = {}, bearer = token) =>
      fetch(`${org.base}/services/data/v60.0${path}`, {
        ...init,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      });
    expect(
      (await api('/sobjects/Lead/Leadsift_Id__c/L1', { method: 'PATCH', body: '{}' }, 'stale')).status,
    ).toBe(401);
    const missing = await api('/sobjects/Lead/Leadsift_Id__c/L1', {
      method: 'PATCH',
      body: '{"LastName":"Kim"}',
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual([
      {
        message: 'Required fields are missing: [Company]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Company'],
      },
    ]);
    expect((await api(`/query?q=${encodeURIComponent('SELECT Id FROM User')}`)).status).toBe(400);
    expect(org.problems).toEqual(['unexpected SOQL: SELECT Id FROM User']);
  });
});
