import { afterEach, describe, expect, it } from 'vitest';
import { parseActionsConfig } from '../actions-config.js';
import { resolveActionsConfig } from '../resolve-actions-config.js';
import { DECISION, LEAD, ROUTE } from '../test-support/decided-lead.js';
import { startLocalServer, type LocalServer } from '../test-support/local-server.js';
import { createCrmWriteBack } from './create-crm-write-back.js';
import { startLocalHubSpot } from './test-support/local-hubspot.js';
import { startLocalSalesforce } from './test-support/local-salesforce.js';

const servers: LocalServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const deps = { nowMs: () => Date.parse('2026-11-28T09:00:00Z') };

const fromYaml = (yaml: string, env: Record<string, string>) => {
  const { crm } = resolveActionsConfig(parseActionsConfig(yaml, 'actions.yaml'), env);
  if (crm === undefined) throw new Error('expected a crm section');
  return createCrmWriteBack(crm, deps);
};

describe('the CRM an actions file configures', () => {
  it('writes to HubSpot with the token from the environment', async () => {
    const hubspot = await startLocalHubSpot({ token: 'pat-1' });
    servers.push(hubspot);
    const crm = fromYaml(`crm: { kind: hubspot, tokenEnv: HUBSPOT_TOKEN, baseUrl: "${hubspot.base}" }`, {
      HUBSPOT_TOKEN: 'pat-1',
    });
    expect(crm.name).toBe('hubspot');
    expect((await crm.push({ lead: LEAD, decision: DECISION })).outcome).toBe('delivered');
    expect(hubspot.problems).toEqual([]);
  });

  it('writes to Salesforce with the client credentials from the environment', async () => {
    const org = await startLocalSalesforce({ clientId: 'key', clientSecret: 'secret' });
    servers.push(org);
    const yaml = `crm: { kind: salesforce, loginUrl: "${org.base}", clientIdEnv: SF_ID, clientSecretEnv: SF_SECRET }`;
    const crm = fromYaml(yaml, { SF_ID: 'key', SF_SECRET: 'secret' });
    expect(crm.name).toBe('salesforce');
    expect((await crm.push({ lead: LEAD, decision: DECISION })).outcome).toBe('delivered');
    expect(org.problems).toEqual([]);
  });

  it('retries a CRM that accepts the connection but never answers, once its timeout passes', async () => {
    const silent = await startLocalServer(() => undefined);
    servers.push(silent);
    const crm = fromYaml(`crm: { kind: hubspot, tokenEnv: T, baseUrl: "${silent.base}", timeoutMs: 200 }`, {
      T: 'x',
    });
    expect(await crm.push({ lead: LEAD, decision: DECISION, route: ROUTE })).toMatchObject({
      outcome: 'retry',
      error: 'HubSpot owner lookup: no answer within 200 ms',
    });
  });
});
