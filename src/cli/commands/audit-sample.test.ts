import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { draftLead } from '../../test-support/lead-drafts.js';
import { runCli } from '../../test-support/run-cli.js';

describe('leadsift audit-sample (SQLite)', () => {
  let database: TestDatabase;
  let ids: string[];
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    const store = await openStore({ databaseUrl: database.url });
    ids = (
      await store.leads.upsertLeads([draftLead({ email: 'a@acme.io' }), draftLead({ email: 'b@globex.com' })])
    ).map((r) => r.id);
    for (const leadId of ids)
      await store.leads.saveDecision({
        leadId,
        verdict: 'not_qualified',
        score: 10,
        grade: 'D4',
        fit: { score: 10, grade: 'D' },
        intent: { score: 10, grade: 4 },
        reasons: [],
        missing: [],
        versions: { engine: 'test', criteria: 'criteria@test' },
        decidedAt: '2026-04-20T09:00:00.000Z',
      });
    await store.close();
  });
  afterEach(() => database.drop());

  it('sets the share, lists the drawn leads, records a follow-up, and refuses a result it does not know', async () => {
    const set = await runCli(database.url, 'audit-sample', 'share', '100%');
    expect(set.code).toBe(0);
    expect(set.out).toContain('draws 100 % of not-qualified leads from now on');
    const listed = await runCli(database.url, 'audit-sample', '--pending');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(
      /^False-negative audit: 2 drawn \(100 % of not-qualified leads\), 0 followed up, 0 found good\. only 0 of 2/,
    );
    expect(listed.out).toContain('a@acme.io  disqualified 2026-04-20  pending  [no outcome yet]');

    const recorded = await runCli(
      database.url,
      'audit-sample',
      'record',
      ids[0] ?? '',
      'good',
      '--note',
      'wants a demo',
      '--by',
      'dana',
    );
    expect(recorded.code).toBe(0);
    expect(recorded.out).toBe(`Recorded ${ids[0]} as good by dana.`);
    const json = JSON.parse((await runCli(database.url, 'audit-sample', 'list', '--json')).out) as {
      counts: unknown;
      leads: Array<{ leadId: string; status: string; note?: string }>;
    };
    expect(json.counts).toEqual({ drawn: 2, followedUp: 1, foundGood: 1 });
    expect(json.leads.find((l) => l.leadId === ids[0])).toMatchObject({
      status: 'followed_up',
      note: 'wants a demo',
    });

    const wrong = await runCli(database.url, 'audit-sample', 'record', ids[1] ?? '', 'maybe');
    expect(wrong.code).not.toBe(0);
    expect(wrong.err).toContain('"maybe" is not a result; use good or bad');
    const tooMuch = await runCli(database.url, 'audit-sample', 'share', '3');
    expect(tooMuch.code).not.toBe(0);
    expect(tooMuch.err).toContain('"3" is not a share; give a fraction from 0 to 1');
    const missing = await runCli(database.url, 'audit-sample', 'record', 'no-such-lead', 'bad');
    expect(missing.code).not.toBe(0);
    expect(missing.err).toContain('is not in the false-negative audit sample');
  });
});
