import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { handClock, storeLeadsAt } from '../../learning/test-support/dated-leads.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { runCli } from '../../test-support/run-cli.js';

const DAY = 86_400_000;

describe('leadsift drift --hygiene (SQLite)', () => {
  let database: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    dir = await mkdtemp(join(tmpdir(), 'leadsift-drift-'));
    // No model: the training period is the 90 days before the last 28. AE acceptance 240 of 300
    // then, 216 of 300 in recent weeks: 8 points, |z| 2.29.
    const then = new Date(Date.now() - 60 * DAY).toISOString();
    const lately = new Date(Date.now() - 5 * DAY).toISOString();
    const clock = handClock(then);
    const store = await openStore({ databaseUrl: database.url }, { clock });
    const outcomes = (ids: readonly string[], at: string, accepted: number) =>
      ids.map((leadId, i) => ({
        leadId,
        type: i < accepted ? ('accepted' as const) : ('rejected' as const),
        occurredAt: at,
        source: 'test',
      }));
    const before = await storeLeadsAt(store, clock, then, 'a', 300, 0.12);
    const after = await storeLeadsAt(store, clock, lately, 'b', 300, 0.12);
    await store.leads.addOutcomes([...outcomes(before, then, 240), ...outcomes(after, lately, 216)]);
    await store.close();
  });
  afterEach(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('alerts with the file’s stricter threshold on what the defaults let pass, and names the line of a bad value', async () => {
    const lenient = await runCli(database.url, 'drift', '--json');
    expect(lenient.code).toBe(0);
    expect(JSON.parse(lenient.out)).toMatchObject({
      acceptance: { before: { rate: 0.8 }, after: { rate: 0.72 } },
      found: [],
      raised: [],
    });

    const strict = join(dir, 'strict.yaml');
    await writeFile(strict, 'drift:\n  thresholds:\n    rate:\n      moderate: { points: 5 }\n');
    const alerted = await runCli(database.url, 'drift', '--hygiene', strict);
    expect(alerted.code).toBe(0);
    expect(alerted.out).toContain(
      '! AE acceptance rate fell from 80 % to 72 % since training (240 of 300, then 216 of 300)',
    );
    expect(alerted.out).toMatch(/\n1 alert raised\.$/);

    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, 'drift:\n  recentDays: 28\n  thresholds:\n    psi: { moderate: -1 }\n');
    const refused = await runCli(database.url, 'drift', '--hygiene', bad);
    expect(refused.code).toBe(78);
    expect(refused.err).toContain('bad.yaml:4: drift.thresholds.psi.moderate: expected a PSI from 0 to 10');
  });
});
