import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../domain/model-registry.js';
import { loadModelFile } from '../../scoring/model/load-model.js';
import { runCli } from '../../test-support/run-cli.js';

let dir = '';
const file = (name: string): string => join(dir, name);

/** Runs the CLI in-process on this file's SQLite database, capturing what it prints. */
const leadsift = (...args: string[]) => runCli(file('leadsift.db'), ...args);

interface TrainReport {
  version: string;
  training: { source: string; rowsRead: number; rowsUsed: number; rejected: number; positives: number };
  evaluation: { auc: number | null; rows: number };
  saved?: { version: string; created: boolean; active: boolean };
}

/** `leadsift train --from-db --json` with more options; the parsed report. */
const trainFromDb = async (...options: string[]): Promise<TrainReport> => {
  const { out, err, code } = await leadsift('train', '--from-db', '--json', ...options);
  expect(err).toBe('');
  expect(code).toBe(0);
  return JSON.parse(out) as TrainReport;
};

let first: TrainReport;
let demoOut = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-models-cli-'));
  const demo = await leadsift('demo', '--out', file('demo'));
  expect(demo.code).toBe(0);
  demoOut = demo.out;
  first = await trainFromDb('--save', '--activate');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  process.exitCode = undefined;
});

describe('leadsift demo', () => {
  it('learns from its own outcomes, activates the model and lets it move edge cases, with a lead it moved', () => {
    expect(demoOut).toMatch(
      /Learned from the \d+ leads with an outcome \(won vs lost or rejected\): model@[0-9a-f]{12}, .*test AUC 0\.[7-9]\d* on \d+ held-out leads; saved as the active model/,
    );
    expect(demoOut).toMatch(
      /Qualified again with the model beside the rules: \d+ edge cases raised to qualified, \d+ lowered/,
    );
    expect(demoOut).toMatch(
      /A lead the model moved, with its reasons:[\s\S]*Rules scored \d+, but leads like this converted/,
    );
  });
});

describe('leadsift train --from-db on the demo', () => {
  it('learns from the stored outcomes and saves an active model whose test AUC is a number', () => {
    expect(first.saved).toEqual({ version: first.version, created: true, active: true });
    expect(first.training.source).toBe('stored leads (sqlite)');
    expect(first.training.rowsRead).toBe(first.training.rowsUsed + first.training.rejected);
    expect(first.training.rejected).toBeGreaterThan(0); // demo leads younger than 30 days have no outcome
    expect(first.training.positives).toBeGreaterThan(0);
    expect(first.evaluation.auc).toEqual(expect.any(Number) as unknown);
    expect(Number.isFinite(first.evaluation.auc)).toBe(true);
  });

  it('prints the saved version and what was left out in text', async () => {
    const { out, code } = await leadsift('train', '--from-db', '--save', '--seed', '3');
    expect(code).toBe(0);
    expect(out).toMatch(/on stored leads \(sqlite\)\n/);
    expect(out).toMatch(/\n {2}left out \d+ stored leads with no decisive outcome yet/);
    const version = /\nSaved (model@[0-9a-f]{12}) in the database; /.exec(out)?.[1];
    expect(version).toMatch(/^model@/);
    expect(version).not.toBe(first.version);
    expect(out).toMatch(
      new RegExp(
        `Saved ${version}.*; make it the active model with \`leadsift models activate ${version}\`$`,
      ),
    );
  });

  it('saves the same model only once, and says so', async () => {
    const { out, code } = await leadsift('train', '--from-db', '--save');
    expect(code).toBe(0);
    expect(out).toMatch(
      new RegExp(
        `\nSaved ${first.version} in the database \\(it was already there\\); it is now the active model$`,
      ),
    );
  });

  it('counts opportunities as converted with --positive-outcomes', async () => {
    const report = await trainFromDb('--positive-outcomes', 'won,opportunity', '--out', file('opp.json'));
    expect(report.training.positives).toBeGreaterThan(first.training.positives);
    expect(report.saved).toBeUndefined();
  });
});

describe('leadsift models', () => {
  it('lists the saved models newest first, with the active one marked', async () => {
    const json = await leadsift('models', 'list', '--json');
    expect(json.code).toBe(0);
    const list = JSON.parse(json.out) as ModelSummary[];
    expect(list.filter((m) => m.active).map((m) => m.version)).toEqual([first.version]);
    expect(list.map((m) => m.createdAt)).toEqual([...list.map((m) => m.createdAt)].sort().reverse());
    const { out } = await leadsift('models', 'list');
    expect(out.split('\n')[0]).toMatch(/^ {2}version +kind +created \(UTC\) +rows +AUC +active$/);
    expect(out).toMatch(new RegExp(`\\n  ${first.version} .* yes\\n`));
    expect(out).toContain(`saved; active: ${first.version} since `);
  });

  it('shows how a model was trained and how it did, in text and JSON', async () => {
    const text = await leadsift('models', 'show', first.version);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(new RegExp(`^${first.version}: the active model since `));
    expect(text.out).toContain(`(${first.version}) on stored leads (sqlite)`);
    expect(text.out).toContain('Evaluation on the held-out test split');
    const json = await leadsift('models', 'show', 'active', '--json');
    const shown = JSON.parse(json.out) as ModelSummary & TrainReport;
    expect(shown).toMatchObject({ version: first.version, active: true, evaluation: first.evaluation });
    expect(shown).not.toHaveProperty('document');
  });

  it('exports a model to a file that loadModelFile reads back as the same model', async () => {
    const { out, code } = await leadsift('models', 'export', first.version.slice(6), '--out', file('x.json'));
    expect(code).toBe(0);
    expect(out).toBe(`Wrote ${first.version} to ${file('x.json')}`);
    const loaded = await loadModelFile(file('x.json'));
    expect(loaded.version).toBe(first.version);
    expect(loaded.evaluation.auc).toBe(first.evaluation.auc);
  });

  it('switches the active model, leaving exactly one', async () => {
    const second = await trainFromDb('--save', '--seed', '7');
    expect(second.saved).toEqual({ version: second.version, created: true, active: false });
    const { out, code } = await leadsift('models', 'activate', second.version);
    expect(code).toBe(0);
    expect(out).toBe(`${second.version} is the active model (instead of ${first.version})`);
    const list = JSON.parse((await leadsift('models', 'list', '--json')).out) as ModelSummary[];
    expect(list.filter((m) => m.active).map((m) => m.version)).toEqual([second.version]);
    await leadsift('models', 'activate', first.version);
  });

  it('exits 1 and says how to find the versions when a version was never saved', async () => {
    for (const command of ['show', 'activate', 'export']) {
      const args = command === 'export' ? ['--out', file('none.json')] : [];
      const { err, code } = await leadsift('models', command, 'model@000000000000', ...args);
      expect(code, command).toBe(1);
      expect(err, command).toBe(
        'leadsift: No saved model model@000000000000; `leadsift models list` shows the saved versions, and `leadsift train … --save` adds one.',
      );
    }
  });
});
