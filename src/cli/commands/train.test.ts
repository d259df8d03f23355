import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseModel } from '../../scoring/model/load-model.js';
import { generateHistory, toDelimited } from '../../scoring/model/test-support/generated-history.js';
import { runCli } from '../../test-support/run-cli.js';

const BANT = fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url));

let dir = '';
const file = (name: string): string => join(dir, name);

/** Writes a generated history with its labels written as `labels` (positive, negative). */
const writeHistory = async (
  name: string,
  o: { seed: number; rows: number; labels: readonly [string, string]; delimiter?: string },
): Promise<{ positives: number; rows: number }> => {
  const h = generateHistory({ rows: o.rows, seed: o.seed, labels: o.labels });
  await writeFile(file(name), toDelimited(h.header, h.rows, o.delimiter));
  return { positives: h.labels.reduce((a, y) => a + y, 0), rows: o.rows };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-train-cli-'));
  await writeHistory('history.csv', { seed: 11, rows: 1500, labels: ['Won', 'Lost'], delimiter: ';' });
  await writeHistory('other.csv', { seed: 12, rows: 800, labels: ['Won', 'Lost'] });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  process.exitCode = undefined;
});

/** Runs the CLI in-process as a user would, capturing what it prints. */
const leadsift = (...args: string[]) => runCli(file('cli.db'), ...args);

/** Trains the model the later tests use, once. */
const trainOnce = (() => {
  let run: ReturnType<typeof leadsift> | undefined;
  return () =>
    (run ??= leadsift(
      'train',
      file('history.csv'),
      '--label',
      'Outcome',
      '--positive',
      'Won',
      '--exclude',
      'Notes',
      '--out',
      file('m.json'),
      '--report',
      file('r.json'),
    ));
})();

describe('leadsift train', () => {
  it('trains on a semicolon-separated history, writes the model and the report, and prints the split and AUC', async () => {
    const { out, err, code } = await trainOnce();
    expect(err).toBe('');
    expect(code).toBe(0);
    const model = parseModel('m.json', await readFile(file('m.json'), 'utf8'));
    expect(model.label).toEqual({ column: 'Outcome', positive: 'Won' });
    expect(model.plan.columns.map((c) => c.column)).not.toContain('Notes');
    expect(model.training.split.train + model.training.split.validation + model.training.split.test).toBe(
      1500,
    );
    const report = JSON.parse(await readFile(file('r.json'), 'utf8')) as {
      version: string;
      evaluation: { auc: number };
    };
    expect(report.version).toBe(model.version);
    expect(report.evaluation.auc).toBe(model.evaluation.auc);
    expect(report.evaluation.auc).toBeGreaterThan(0.85);
    const { train, validation, test } = model.training.split;
    expect(out).toContain(
      `split (stratified, seed 42): ${train} train · ${validation} validation · ${test} test, held out`,
    );
    expect(out).toContain(`Evaluation on the held-out test split (${test} rows)`);
    expect(out).toContain(`AUC ${report.evaluation.auc.toFixed(3)}`);
    expect(out).toContain('Notes: excluded');
    expect(out).toContain(`Model written to ${file('m.json')}; report to ${file('r.json')}`);
  });

  it.each([
    ['yes/no', ['yes', 'no']],
    ['true/false', ['true', 'false']],
    ['Yes/No', ['Yes', 'No']],
  ] as const)('reads %s labels without --positive', async (name, labels) => {
    const path = `labels-${name.replace('/', '-')}.csv`;
    const { positives, rows } = await writeHistory(path, { seed: 13, rows: 600, labels });
    const { out, code, err } = await leadsift(
      'train',
      file(path),
      '--label',
      'outcome',
      '--model',
      'logistic',
      '--exclude',
      'Notes',
      '--out',
      file(`${path}.json`),
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { training: { rowsUsed: number; positives: number; rejected: number } };
    expect(report.training).toMatchObject({ rowsUsed: rows, positives, rejected: 0 });
    expect(positives).toBeGreaterThan(0);
  });

  it('never uses the columns the criteria file declares post-contact (model.postContact)', async () => {
    const criteria = (await readFile(BANT, 'utf8')) + '\nmodel:\n  postContact: [Notes, Source]\n';
    await writeFile(file('post-contact.yaml'), criteria);
    const { code, out } = await leadsift(
      'train',
      file('history.csv'),
      '--label',
      'Outcome',
      '--positive',
      'Won',
      '--criteria',
      file('post-contact.yaml'),
      '--out',
      file('pc.json'),
    );
    expect(code).toBe(0);
    const model = parseModel('pc.json', await readFile(file('pc.json'), 'utf8'));
    expect(model.plan.columns.map((c) => c.column)).not.toContain('Source');
    expect(model.training.excluded).toEqual(['Notes', 'Source']);
    expect(model.training.criteria).toMatch(/^criteria@[0-9a-f]{12}$/);
    expect(out).toContain('Source: excluded');
  });

  it('exits non-zero without writing a model when the label column does not exist, listing the columns', async () => {
    const { err, code } = await leadsift(
      'train',
      file('history.csv'),
      '--label',
      'Converted',
      '--out',
      file('none.json'),
    );
    expect(code).toBe(65);
    expect(err).toMatch(/^leadsift: --label: no column "Converted"; the columns are "Lead Id", "Visits", /);
    expect(err).toContain('"Outcome"');
    expect(existsSync(file('none.json'))).toBe(false);
  });
});

describe('leadsift train, where the model goes', () => {
  it('saves a model trained on a file in the database with --save, without writing a file', async () => {
    const { out, code, err } = await leadsift(
      'train',
      file('other.csv'),
      '--label',
      'Outcome',
      '--positive',
      'Won',
      '--exclude',
      'Notes',
      '--model',
      'logistic',
      '--save',
      '--criteria',
      BANT,
      '--json',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { version: string; saved: unknown; training: { criteria: string } };
    expect(report.saved).toEqual({ version: report.version, created: true, active: false });
    expect(report.training.criteria).toMatch(/^criteria@[0-9a-f]{12}$/);
    const list = JSON.parse((await leadsift('models', 'list', '--json')).out) as Record<string, unknown>[];
    expect(list.find((m) => m['version'] === report.version)).toMatchObject({
      source: file('other.csv'),
      rows: 800,
      criteria: report.training.criteria,
      active: false,
    });
  });

  it.each([
    [
      'neither --out nor --save',
      ['history.csv', '--label', 'Outcome'],
      'nowhere to keep the model: pass --out <model.json>, --save (the database), or both',
    ],
    [
      'neither a file nor --from-db',
      ['--save'],
      'give a history file to train on, or --from-db for the stored leads',
    ],
    ['a file and --from-db', ['history.csv', '--from-db', '--save'], 'or --from-db, not both'],
    [
      'a file without --label',
      ['history.csv', '--save'],
      '--label <column> is required with a history file: name the outcome column',
    ],
    [
      '--from-db with --label',
      ['--from-db', '--label', 'Outcome', '--save'],
      'with --from-db the label comes from the stored outcomes',
    ],
    [
      '--positive-outcomes without --from-db',
      ['history.csv', '--label', 'Outcome', '--positive-outcomes', 'won', '--save'],
      '--positive-outcomes goes with --from-db',
    ],
  ])('exits 65 before training when given %s', async (_, args, message) => {
    const resolved = args.map((a) => (a.endsWith('.csv') ? file(a) : a));
    const { out, err, code } = await leadsift('train', ...resolved);
    expect(code).toBe(65);
    expect(err).toContain(message);
    expect(err).toMatch(/^leadsift: /);
    expect(out).toBe('');
  });
});

describe('leadsift evaluate', () => {
  it('prints JSON with the AUC, log-loss and Brier score of the model on another file', async () => {
    expect((await trainOnce()).code).toBe(0);
    const { out, code, err } = await leadsift(
      'evaluate',
      file('m.json'),
      file('other.csv'),
      '--label',
      'Outcome',
      '--positive',
      'Won',
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out) as Record<string, unknown>;
    const model = parseModel('m.json', await readFile(file('m.json'), 'utf8'));
    expect(report).toMatchObject({ model: model.version, file: file('other.csv'), rows: 800, rowsRead: 800 });
    for (const metric of ['auc', 'logloss', 'brier'])
      expect(report[metric], metric).toEqual(expect.any(Number) as unknown);
    expect(report['auc']).toBeGreaterThan(0.85);
    expect(report['brier']).toBeLessThan(0.25);
    expect(report['missingColumns']).toEqual([]);
  });

  it('fails with MODEL_INVALID when the model file is JSON but not a model', async () => {
    await writeFile(file('not-a-model.json'), '{"name": "BANT", "fit": {}}');
    const { err, code } = await leadsift(
      'evaluate',
      file('not-a-model.json'),
      file('other.csv'),
      '--label',
      'Outcome',
      '--positive',
      'Won',
    );
    expect(code).toBe(65);
    expect(err).toContain(`leadsift: ${file('not-a-model.json')}: not a usable leadsift model: format: `);
    expect(err).toContain('train one with `leadsift train`');
  });
});

describe('leadsift qualify --model', () => {
  it('scores every lead with the model beside the rules and records its probability and version', async () => {
    expect((await trainOnce()).code).toBe(0);
    const h = generateHistory({ rows: 5, seed: 14 });
    const leads = h.rows.map((r, i) => ({
      Email: `lead${i}@acme${i}.com`,
      Title: i % 2 === 0 ? 'VP Sales' : 'Marketing Manager',
      Company: `Acme ${i}`,
      ...r,
    }));
    const header = ['Email', 'Title', 'Company', ...h.header.filter((c) => c !== 'Outcome')];
    await writeFile(file('leads.csv'), toDelimited(header, leads));
    const { code, err } = await leadsift(
      'qualify',
      file('leads.csv'),
      '--criteria',
      BANT,
      '--model',
      file('m.json'),
      '--format',
      'jsonl',
      '--out',
      file('qualified.jsonl'),
    );
    expect(code).toBe(0);
    const model = parseModel('m.json', await readFile(file('m.json'), 'utf8'));
    expect(err).toContain(`with ${model.version}`);
    const decisions = (await readFile(file('qualified.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            line: number;
            model: { probability: number; version: string; effect: string };
            versions: { model: string };
            reasons: { kind: string; text: string }[];
          },
      );
    expect(decisions.map((d) => d.line)).toEqual([2, 3, 4, 5, 6]);
    const probabilities = new Set<number>();
    for (const d of decisions) {
      expect(d.versions.model).toBe(model.version);
      expect(d.model.version).toBe(model.version);
      expect(d.model.probability).toBeGreaterThanOrEqual(0);
      expect(d.model.probability).toBeLessThanOrEqual(1);
      probabilities.add(d.model.probability);
      expect(d.reasons.some((r) => r.kind === 'model' && r.text.startsWith('The model puts'))).toBe(true);
    }
    expect(probabilities.size).toBeGreaterThan(1);
  });
});
