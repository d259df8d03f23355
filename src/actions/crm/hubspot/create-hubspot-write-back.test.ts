import { afterEach, describe, expect, it } from 'vitest';
import { BARE_LEAD, DECISION, LEAD, ROUTE } from '../../test-support/decided-lead.js';
import { closedPort } from '../../test-support/local-server.js';
import { startLocalHubSpot, type LocalHubSpot } from '../test-support/local-hubspot.js';
import { createHubSpotWriteBack } from './create-hubspot-write-back.js';

const TOKEN = 'pat-na1-11111111-2222-3333-4444-555555555555';
const NOW = Date.parse('2026-11-28T09:00:00Z');
const OWNER = { id: '41629779', email: 'sam.rivera@seller.example', firstName: 'Sam', lastName: 'Rivera' };
const hubspots: LocalHubSpot[] = [];
afterEach(async () => {
  for (const h of hubspots.splice(0)) await h.close();
});

const setUp = async () => {
  const hubspot = await startLocalHubSpot({ token: TOKEN, owners: [OWNER] });
  hubspots.push(hubspot);
  const crm = createHubSpotWriteBack(
    { baseUrl: hubspot.base, token: TOKEN, timeoutMs: 5000 },
    { nowMs: () => NOW },
  );
  return { hubspot, crm };
};

describe('HubSpot write-back', () => {
  it('upserts the contact by email with the decision properties and the route owner', async () => {
    const { hubspot, crm } = await setUp();
    const result = await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(result).toMatchObject({ outcome: 'delivered', status: 200, crmId: '1001' });
    expect(result.warning).toBeUndefined();
    expect(hubspot.problems).toEqual([]);
    expect(hubspot.contacts.get('dana.kim@acme.com')?.properties).toEqual({
      email: 'dana.kim@acme.com',
      firstname: 'Dana',
      lastname: 'Kim',
      jobtitle: 'VP Sales',
      company: 'Acme',
      leadsift_score: '82',
      leadsift_verdict: 'qualified',
      leadsift_grade: 'A1',
      leadsift_reasons:
        '+30 Requested a demo\n+20 VP-level buyer\n+15 Company of 200 people, inside the 50–5,000 range',
      leadsift_decided_at: '2026-11-28T09:00:00.000Z',
      hubspot_owner_id: '41629779',
    });
  });

  it('sends the private app token and looks the owner up by email', async () => {
    const { hubspot, crm } = await setUp();
    await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(hubspot.received.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /crm/v3/owners?email=sam.rivera%40seller.example&limit=1',
      'POST /crm/v3/objects/contacts/batch/upsert',
    ]);
    expect(hubspot.received.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('looks an owner up once and updates the same contact on the next push', async () => {
    const { hubspot, crm } = await setUp();
    await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    const second = await crm.push({
      lead: LEAD,
      decision: { ...DECISION, score: 40, verdict: 'not_qualified' },
      route: ROUTE,
    });
    expect(second).toMatchObject({ outcome: 'delivered', crmId: '1001' });
    expect(hubspot.received.filter((r) => r.url.startsWith('/crm/v3/owners'))).toHaveLength(1);
    expect(hubspot.contacts.get('dana.kim@acme.com')?.properties.leadsift_verdict).toBe('not_qualified');
  });

  it('leaves the owner out, with a warning, when HubSpot has no owner with that email', async () => {
    const { hubspot, crm } = await setUp();
    const route = { ...ROUTE, owner: { id: 'rep-9', name: 'New Rep', email: 'new.rep@seller.example' } };
    const result = await crm.push({ lead: LEAD, decision: DECISION, route });
    expect(result.outcome).toBe('delivered');
    expect(result.warning).toBe(
      'HubSpot has no owner with the email new.rep@seller.example; the owner was not set',
    );
    expect(hubspot.contacts.get('dana.kim@acme.com')?.properties.hubspot_owner_id).toBeUndefined();
  });

  it('writes without an owner lookup when the lead has no route yet', async () => {
    const { hubspot, crm } = await setUp();
    expect((await crm.push({ lead: LEAD, decision: DECISION })).outcome).toBe('delivered');
    expect(hubspot.received).toHaveLength(1);
  });

  it('fails a lead without an email, since contacts are matched by email', async () => {
    const { hubspot, crm } = await setUp();
    const result = await crm.push({ lead: BARE_LEAD, decision: DECISION });
    expect(result).toMatchObject({
      outcome: 'failed',
      error: `HubSpot: lead ${BARE_LEAD.id} has no email to match a contact by`,
    });
    expect(hubspot.received).toHaveLength(0);
  });

  it('retries on 429, carrying the Retry-After HubSpot sent', async () => {
    const { hubspot, crm } = await setUp();
    hubspot.answerNext({
      path: '/crm/v3/objects',
      status: 429,
      headers: { 'retry-after': '10' },
      body: {
        status: 'error',
        message: 'You have reached your secondly limit.',
        errorType: 'RATE_LIMIT',
        policyName: 'SECONDLY',
      },
    });
    const result = await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(result).toMatchObject({
      outcome: 'retry',
      status: 429,
      retryAfterMs: 10_000,
      error: 'HubSpot contact upsert answered 429: You have reached your secondly limit.',
    });
  });

  it('retries on 500 from the owners API without writing the contact', async () => {
    const { hubspot, crm } = await setUp();
    hubspot.answerNext({
      path: '/crm/v3/owners',
      status: 500,
      body: { status: 'error', message: 'internal error', category: 'INTERNAL_ERROR' },
    });
    const result = await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(result).toMatchObject({
      outcome: 'retry',
      status: 500,
      error: 'HubSpot owner lookup answered 500: INTERNAL_ERROR: internal error',
    });
    expect(hubspot.contacts.size).toBe(0);
  });

  it('fails with HubSpot’s message when a property does not exist in the portal (400)', async () => {
    const { hubspot, crm } = await setUp();
    hubspot.answerNext({
      path: '/crm/v3/objects',
      status: 400,
      body: {
        status: 'error',
        message: 'Property values were not valid: Property "leadsift_grade" does not exist',
        category: 'VALIDATION_ERROR',
      },
    });
    const result = await crm.push({ lead: LEAD, decision: DECISION });
    expect(result).toMatchObject({
      outcome: 'failed',
      status: 400,
      error:
        'HubSpot contact upsert answered 400: VALIDATION_ERROR: Property values were not valid: Property "leadsift_grade" does not exist',
    });
  });

  it('fails on 401 when the token is wrong, naming the reason', async () => {
    const { hubspot } = await setUp();
    const crm = createHubSpotWriteBack(
      { baseUrl: hubspot.base, token: 'revoked', timeoutMs: 5000 },
      { nowMs: () => NOW },
    );
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'failed',
      status: 401,
      error:
        'HubSpot contact upsert answered 401: INVALID_AUTHENTICATION: Authentication credentials not found.',
    });
  });

  it('retries when HubSpot cannot be reached', async () => {
    const base = await closedPort();
    const crm = createHubSpotWriteBack(
      { baseUrl: base, token: TOKEN, timeoutMs: 5000 },
      { nowMs: () => NOW },
    );
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'retry',
      error: 'HubSpot contact upsert: ECONNREFUSED',
    });
  });

  it('fails with the error HubSpot gives for the one input of a 207 multi-status answer', async () => {
    const { hubspot, crm } = await setUp();
    hubspot.answerNext({
      path: '/crm/v3/objects',
      status: 207,
      body: {
        status: 'COMPLETE',
        results: [],
        numErrors: 1,
        errors: [
          {
            status: 'error',
            category: 'VALIDATION_ERROR',
            message: 'Email address dana.kim@acme is invalid',
          },
        ],
        startedAt: '2026-11-28T09:00:02.000Z',
        completedAt: '2026-11-28T09:00:02.000Z',
      },
    });
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'failed',
      status: 207,
      error: 'HubSpot contact upsert answered 207: Email address dana.kim@acme is invalid',
    });
  });
});
