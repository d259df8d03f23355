import { afterEach, beforeEach, expect, it, describe } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import { handClock } from '../../learning/test-support/dated-leads.js';
import { storeOutcomeWorld } from '../../learning/test-support/outcome-world.js';
import { createTestDatabase, type TestDatabase } from '../../test-support/describe-stores.js';
import { runCli } from '../../test-support/run-cli.js';

const DAY = 86_400_000;

describe('leadsift retrain, models promote|rollback|history, drift (SQLite)', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    // Outcomes up to a week ago, so that the last 30 days hold a recent holdout.
    const start = new Date(Date.now() - 160 * DAY).toISOString();
    const clock = handClock(start);
    const store = await openStore({ databaseUrl: database.url }, { clock });
    await storeOutcomeWorld(store, clock, start, 600);
    await store.close();
  });
  afterEach(() => database.drop());

  it('promotes the first model, refuses the next (saying the active one saw its holdout), logs both, and rolls back only what it can', async () => {
    const first = await runCli(database.url, 'retrain');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      /^Of \d+ leads with an outcome \(\d+ won, \d+ lost\), learned from \d+ and held out the \d+ labelled since/,
    );
    expect(first.out).toMatch(/Promoted model@\w+: no model was active/);

    const again = await runCli('sqlite:/nonexistent-dir/x.db', 'retrain', '--db', database.url, '--json');
    expect(again.code).toBe(0);
    const result = JSON.parse(again.out) as {
      action: string;
      reason: string;
      candidate: { version: string };
      current: { version: string };
    };
    expect(result).toMatchObject({ action: 'refused' });
    // Nothing was labelled since the active model was trained: the holdout is the newest 20 %, which
    // it saw, and the reason says its figures may flatter it.
    expect(result.reason).toMatch(
      /^AUC 0\.\d{3} against 0\.\d{3} .* \(too few outcomes arrived since model@\w+ was trained, so it may have learned from some of these and its figures may flatter it\)$/,
    );

    const history = await runCli(database.url, 'models', 'history');
    expect(history.out.split('\n')).toHaveLength(2);
    expect(history.out).toMatch(/refused model@\w+ \(kept model@\w+\), by retrain: AUC/);

    const rollback = await runCli(database.url, 'models', 'rollback', '--by', 'dana');
    expect(rollback.code).not.toBe(0);
    expect(rollback.err).toMatch(/no earlier model to roll back to/);

    // A person activates the refused model; the log keeps it, so that rollback can undo it.
    const activate = await runCli(database.url, 'models', 'activate', result.candidate.version);
    expect(activate.out).toBe(
      `${result.candidate.version} is the active model (instead of ${result.current.version})`,
    );
    const undo = await runCli(database.url, 'models', 'rollback', '--by', 'dana');
    expect(undo.out).toBe(
      `Rolled back ${result.candidate.version}: ${result.current.version} is the active model again`,
    );

    const drift = await runCli(database.url, 'drift');
    expect(drift.code).toBe(0);
    expect(drift.out).toMatch(
      /^Training period \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(\d+ leads; model@\w+ trained then\)/,
    );
  });
});
