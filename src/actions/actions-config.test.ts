import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError, type AppError } from '../domain/app-error.js';
import { loadActionsConfig, parseActionsConfig } from './actions-config.js';
import { resolveActionsConfig, webhooksFor } from './resolve-actions-config.js';

const EXAMPLES = new URL('../../examples/actions/', import.meta.url).pathname;

const errorOf = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('the actions file', () => {
  it('reads the example with its defaults filled in', async () => {
    const config = await loadActionsConfig(join(EXAMPLES, 'actions.yaml'));
    expect(config.webhooks[0]).toEqual({
      name: 'sales-slack',
      url: 'https://hooks.example.com/leadsift',
      secretEnv: 'LEADSIFT_WEBHOOK_SECRET',
      events: ['lead.decided'],
      destinations: ['ae', 'review'],
      timeoutMs: 10_000,
      maxAttempts: 10,
    });
    expect(config.crm).toEqual({
      kind: 'hubspot',
      tokenEnv: 'HUBSPOT_TOKEN',
      baseUrl: 'https://api.hubapi.com',
      timeoutMs: 15_000,
      maxAttempts: 10,
    });
    expect(Object.isFrozen(config.webhooks[0])).toBe(true);
  });

  it('reads every example in examples/actions', async () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) await expect(loadActionsConfig(join(EXAMPLES, file))).resolves.toBeDefined();
  });

  it('is valid empty: no webhooks, no CRM', () => {
    expect(parseActionsConfig('', 'actions.yaml')).toEqual({ webhooks: [] });
  });

  it('names the file, line and key of every mistake', () => {
    const text = [
      'webhooks:', // 1
      '  - name: Sales Slack', // 2
      '    url: ftp://hooks.example.com', // 3
      '    secretEnv: LEADSIFT_WEBHOOK_SECRET', // 4
      '    events: [lead.created]', // 5
      '    destinations: [ae]', // 6
      '    retries: 3', // 7
      'crm:', // 8
      '  kind: pipedrive', // 9
    ].join('\n');
    const error = errorOf(() => parseActionsConfig(text, '/etc/leadsift/actions.yaml'));
    expect(error.code).toBe('CONFIG_INVALID');
    const lines = error.message.split('\n');
    expect(lines).toContain(
      'actions.yaml:2: webhooks[0].name: expected lower-case letters, digits, "-" or "_"',
    );
    expect(lines).toContain('actions.yaml:3: webhooks[0].url: expected an http or https URL');
    expect(lines.some((l) => l.startsWith('actions.yaml:5: webhooks[0].events[0]: '))).toBe(true);
    expect(lines.some((l) => l.startsWith('actions.yaml:7: webhooks[0]: unknown key "retries"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('actions.yaml:9: crm.kind: '))).toBe(true);
  });

  it('refuses a webhook name used twice, at the second one', () => {
    const text = [
      'webhooks:',
      '  - { name: a, url: "https://x.example", secretEnv: S }',
      '  - { name: a, url: "https://y.example", secretEnv: S }',
    ].join('\n');
    expect(errorOf(() => parseActionsConfig(text, 'actions.yaml')).message).toBe(
      'actions.yaml:3: webhooks[1].name: "a" is used twice',
    );
  });

  it('refuses a Salesforce CRM without its login URL or with a bad external id field', () => {
    const text = [
      'crm:',
      '  kind: salesforce',
      '  clientIdEnv: ID',
      '  clientSecretEnv: SECRET',
      '  externalIdField: Email',
    ].join('\n');
    const lines = errorOf(() => parseActionsConfig(text, 'actions.yaml')).message.split('\n');
    expect(lines.some((l) => l.startsWith('actions.yaml:2: crm.loginUrl: '))).toBe(true);
    expect(lines).toContain(
      'actions.yaml:5: crm.externalIdField: expected a custom field API name such as Leadsift_Id__c',
    );
  });

  it('reports broken YAML with its line', () => {
    expect(errorOf(() => parseActionsConfig('webhooks:\n  - name: [a\n', 'actions.yaml')).message).toMatch(
      /^actions\.yaml:\d+: /,
    );
  });
});

describe('resolving the secrets', () => {
  const config = parseActionsConfig(
    [
      'webhooks:',
      '  - { name: a, url: "https://a.example", secretEnv: [NEW_SECRET, OLD_SECRET], events: [lead.decided] }',
      '  - { name: b, url: "https://b.example", secretEnv: B_SECRET, destinations: [nurture] }',
      'crm: { kind: salesforce, loginUrl: "https://acme.my.salesforce.com", clientIdEnv: SF_ID, clientSecretEnv: SF_SECRET }',
    ].join('\n'),
    'actions.yaml',
  );
  const env = { NEW_SECRET: 'n', OLD_SECRET: 'o', B_SECRET: 'b', SF_ID: 'id', SF_SECRET: 'secret' };

  it('reads every secret from the environment, keeping rotation order', () => {
    const resolved = resolveActionsConfig(config, env);
    expect(resolved.webhooks.map((w) => w.secrets)).toEqual([['n', 'o'], ['b']]);
    expect(resolved.crm).toEqual({
      kind: 'salesforce',
      loginUrl: 'https://acme.my.salesforce.com',
      clientId: 'id',
      clientSecret: 'secret',
      apiVersion: 'v60.0',
      externalIdField: 'Leadsift_Id__c',
      timeoutMs: 15_000,
      maxAttempts: 10,
    });
  });

  it('names every variable that is unset or empty, and what needs it', () => {
    const error = errorOf(() =>
      resolveActionsConfig(config, { ...env, OLD_SECRET: '', SF_SECRET: undefined }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      'actions: set OLD_SECRET (the secret of webhook "a"), SF_SECRET (the Salesforce consumer secret) in the environment',
    );
    expect(error.details).toEqual({ missing: ['OLD_SECRET', 'SF_SECRET'] });
  });

  it('picks the webhooks whose event and destination filters let an event through', () => {
    const { webhooks } = resolveActionsConfig(config, env);
    expect(webhooksFor(webhooks, 'lead.decided', 'ae').map((w) => w.name)).toEqual(['a']);
    expect(webhooksFor(webhooks, 'lead.decided', 'nurture').map((w) => w.name)).toEqual(['a', 'b']);
    expect(webhooksFor(webhooks, 'lead.requalified', 'nurture').map((w) => w.name)).toEqual(['b']);
    expect(webhooksFor(webhooks, 'review.resolved', undefined).map((w) => w.name)).toEqual([]);
  });
});
