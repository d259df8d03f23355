import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { createTestDatabase } from '../../test-support/describe-stores.js';
import type { TestDatabase } from '../../test-support/describe-stores.js';
import { runCli } from '../../test-support/run-cli.js';

describe('leadsift keys and deliveries', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterEach(async () => {
    await database.drop();
  });

  it('creates a key whose token verifies with its scopes, lists it without the token, and revokes it', async () => {
    const created = await runCli(
      database.url,
      'keys',
      'create',
      'web form',
      '--scopes',
      'leads:write,events:write',
    );
    expect(created.code).toBe(0);
    const token = created.out.trim();
    expect(token).toMatch(/^lsk_[0-9A-Z]{26}_/);
    const store = await openStore({ databaseUrl: database.url });
    try {
      const key = await store.service.verifyApiKey(token);
      expect(key).toMatchObject({ name: 'web form', scopes: ['leads:write', 'events:write'] });
      const listed = await runCli(database.url, 'keys', 'list');
      expect(listed.out).toContain('web form');
      expect(listed.out).not.toContain(token.slice(32));
      expect((await runCli(database.url, 'keys', 'revoke', key?.id ?? '')).code).toBe(0);
      expect(await store.service.verifyApiKey(token)).toBeUndefined();
      expect((await runCli(database.url, 'keys', 'revoke', key?.id ?? '')).code).not.toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuses unknown scopes, naming the ones it knows', async () => {
    const run = await runCli(database.url, 'keys', 'create', 'x', '--scopes', 'leads:write,everything');
    expect(run.code).toBe(65);
    expect(run.err).toMatch(/unknown everything.*leads:read/);
  });

  it('lists the dead-letter list and replays it', async () => {
    const store = await openStore({ databaseUrl: database.url });
    try {
      const [id = ''] = await store.jobs.enqueue([
        { kind: 'webhook', payload: { webhook: 'crm-bridge' }, maxAttempts: 1 },
      ]);
      await store.jobs.claim({ worker: 'w', kinds: ['webhook'], limit: 1, leaseMs: 1000 });
      await store.jobs.fail('w', [{ id, error: 'HTTP 410 (the receiver refused it)', dead: true }]);
      const listed = await runCli(database.url, 'deliveries', 'list', '--dead');
      expect(listed.out).toContain(id);
      expect(listed.out).toContain('webhook:crm-bridge');
      expect(listed.out).toContain('HTTP 410');
      const replayed = await runCli(database.url, 'deliveries', 'replay', '--all');
      expect(replayed.out).toMatch(/Replayed 1 of 1/);
      expect((await store.jobs.get(id))?.status).toBe('ready');
    } finally {
      await store.close();
    }
  });
});
