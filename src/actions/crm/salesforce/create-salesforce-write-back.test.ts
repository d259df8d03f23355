import { afterEach, describe, expect, it } from 'vitest';
import { BARE_LEAD, DECISION, LEAD, ROUTE } from '../../test-support/decided-lead.js';
import { startLocalSalesforce, type LocalSalesforce } from '../test-support/local-salesforce.js';
import { createSalesforceWriteBack } from './create-salesforce-write-back.js';

const NOW = Date.parse('2026-11-28T09:00:00Z');
const APP = { clientId: '3MVG9-consumer-key', clientSecret: 'consumer-secret' };
const SAM = { Id: '0055e000001AbCdAAK', Email: 'sam.rivera@seller.example', IsActive: true };
const orgs: LocalSalesforce[] = [];
afterEach(async () => {
  for (const org of orgs.splice(0)) await org.close();
});

const setUp = async (users = [SAM]) => {
  const org = await startLocalSalesforce({ ...APP, users });
  orgs.push(org);
  const crm = createSalesforceWriteBack(
    { loginUrl: org.base, ...APP, timeoutMs: 5000 },
    { nowMs: () => NOW },
  );
  return { org, crm };
};

describe('Salesforce write-back', () => {
  it('gets a token, finds the owner and upserts the Lead by its leadsift id', async () => {
    const { org, crm } = await setUp();
    const result = await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(result).toMatchObject({ outcome: 'delivered', status: 201, crmId: '00Q5e0000000000001' });
    expect(org.problems).toEqual([]);
    expect(org.received.map((r) => `${r.method} ${r.url.split('?')[0] ?? ''}`)).toEqual([
      'POST /services/oauth2/token',
      'GET /services/data/v60.0/query',
      `PATCH /services/data/v60.0/sobjects/Lead/Leadsift_Id__c/${LEAD.id}`,
    ]);
    expect(org.leads.get(LEAD.id)).toEqual({
      Id: '00Q5e0000000000001',
      Leadsift_Id__c: LEAD.id,
      FirstName: 'Dana',
      LastName: 'Kim',
      Company: 'Acme',
      Email: 'dana.kim@acme.com',
      Title: 'VP Sales',
      OwnerId: SAM.Id,
      Leadsift_Score__c: 82,
      Leadsift_Verdict__c: 'qualified',
      Leadsift_Grade__c: 'A1',
      Leadsift_Reasons__c:
        '+30 Requested a demo\n+20 VP-level buyer\n+15 Company of 200 people, inside the 50–5,000 range',
    });
  });

  it('queries the owner with an escaped, URL-encoded SOQL literal', async () => {
    const tricky = { Id: '0055e000001XyZwAAK', Email: "o'brien@seller.example", IsActive: true };
    const { org, crm } = await setUp([tricky]);
    const route = { ...ROUTE, owner: { id: 'rep-3', name: "Pat O'Brien", email: tricky.Email } };
    const result = await crm.push({ lead: LEAD, decision: DECISION, route });
    expect(result.warning).toBeUndefined();
    expect(org.leads.get(LEAD.id)?.OwnerId).toBe(tricky.Id);
    const query = org.received.find((r) => r.url.includes('/query'));
    expect(new URL(query?.url ?? '', org.base).searchParams.get('q')).toBe(
      "SELECT Id FROM User WHERE Email = 'o\\'brien@seller.example' AND IsActive = true LIMIT 1",
    );
    expect(org.problems).toEqual([]);
  });

  it('reuses the token and the owner, and answers 200 when the Lead already exists', async () => {
    const { org, crm } = await setUp();
    await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    const second = await crm.push({ lead: LEAD, decision: { ...DECISION, score: 55 }, route: ROUTE });
    expect(second).toMatchObject({ outcome: 'delivered', status: 200, crmId: '00Q5e0000000000001' });
    expect(org.tokensIssued).toHaveLength(1);
    expect(org.received.filter((r) => r.url.includes('/query'))).toHaveLength(1);
    expect(org.leads.get(LEAD.id)?.Leadsift_Score__c).toBe(55);
  });

  it('fetches a new token once when the session expired (401) and completes the write', async () => {
    const { org, crm } = await setUp();
    await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    org.expireTokens();
    const result = await crm.push({ lead: LEAD, decision: { ...DECISION, grade: 'B2' }, route: ROUTE });
    expect(result).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(org.tokensIssued).toHaveLength(2);
    expect(org.leads.get(LEAD.id)?.Leadsift_Grade__c).toBe('B2');
    const last = org.received.at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${org.tokensIssued[1] ?? ''}`);
  });

  it('fails after one fresh token still meets 401, without looping', async () => {
    const { org, crm } = await setUp();
    const unauthorized = {
      path: '/services/data',
      status: 401,
      body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    };
    org.answerNext(unauthorized, unauthorized);
    const result = await crm.push({ lead: LEAD, decision: DECISION });
    expect(result).toMatchObject({
      outcome: 'failed',
      status: 401,
      error: 'Salesforce Lead upsert answered 401: INVALID_SESSION_ID: Session expired or invalid',
    });
    expect(org.tokensIssued).toHaveLength(2);
  });

  it('fails with the OAuth error when the client credentials are refused', async () => {
    const { org } = await setUp();
    const crm = createSalesforceWriteBack(
      { loginUrl: org.base, clientId: APP.clientId, clientSecret: 'wrong', timeoutMs: 5000 },
      { nowMs: () => NOW },
    );
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'failed',
      status: 400,
      error: 'Salesforce token request answered 400: invalid_client: invalid client credentials',
    });
  });

  it('fills the required LastName and Company when the lead lacks them', async () => {
    const { org, crm } = await setUp();
    const lead = {
      ...BARE_LEAD,
      person: { email: LEAD.person.email! },
      company: { domain: LEAD.company.domain! },
    };
    expect((await crm.push({ lead, decision: DECISION })).outcome).toBe('delivered');
    expect(org.leads.get(BARE_LEAD.id)).toMatchObject({ LastName: 'dana.kim', Company: 'acme.com' });
    expect((await crm.push({ lead: BARE_LEAD, decision: DECISION })).outcome).toBe('delivered');
    expect(org.leads.get(BARE_LEAD.id)).toMatchObject({
      LastName: '[not provided]',
      Company: '[not provided]',
    });
  });

  it('retries on 429 with Retry-After, and on 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const { org, crm } = await setUp();
    org.answerNext({
      path: '/services/data/v60.0/sobjects',
      status: 429,
      headers: { 'retry-after': '30' },
      body: [{ message: 'slow down', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    });
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'retry',
      status: 429,
      retryAfterMs: 30_000,
    });
    org.answerNext({
      path: '/services/data/v60.0/sobjects',
      status: 403,
      body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    });
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'retry',
      status: 403,
    });
  });

  it('retries on 503 from the token endpoint', async () => {
    const { org, crm } = await setUp();
    org.answerNext({ path: '/services/oauth2/token', status: 503, body: 'Service Unavailable' });
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'retry',
      status: 503,
      error: 'Salesforce token request answered 503: Service Unavailable',
    });
  });

  it('fails with Salesforce’s message on a 400 validation error', async () => {
    const { org, crm } = await setUp();
    org.answerNext({
      path: '/services/data/v60.0/sobjects',
      status: 400,
      body: [
        {
          message: "No such column 'Leadsift_Grade__c' on sobject of type Lead",
          errorCode: 'INVALID_FIELD',
          fields: [],
        },
      ],
    });
    expect(await crm.push({ lead: LEAD, decision: DECISION })).toMatchObject({
      outcome: 'failed',
      status: 400,
      error:
        "Salesforce Lead upsert answered 400: INVALID_FIELD: No such column 'Leadsift_Grade__c' on sobject of type Lead",
    });
  });

  it('leaves the owner out, with a warning, when no active user has that email', async () => {
    const { org, crm } = await setUp([{ ...SAM, IsActive: false }]);
    const result = await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE });
    expect(result).toMatchObject({
      outcome: 'delivered',
      warning:
        'Salesforce has no active user with the email sam.rivera@seller.example; the owner was not set',
    });
    expect(org.leads.get(LEAD.id)?.OwnerId).toBeUndefined();
  });

  it('counts an update answered 204 with no body (API versions before 46.0) as delivered', async () => {
    const { org, crm } = await setUp();
    org.answerNext({ path: '/services/data/v60.0/sobjects', status: 204 });
    const result = await crm.push({ lead: LEAD, decision: DECISION });
    expect(result).toMatchObject({ outcome: 'delivered', status: 204 });
    expect(result.crmId).toBeUndefined();
  });
});
