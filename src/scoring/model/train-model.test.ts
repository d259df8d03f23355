import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { datasetPath, hasDataset, needs } from '../../test-support/datasets.js';
import { rocAuc } from './evaluate/roc-auc.js';
import { selectRows, rowOf, type FeatureMatrix } from './feature-matrix.js';
import { encodeTable } from './features/encode-features.js';
import { readTrainingTable, type TrainingTable } from './features/training-table.js';
import { parseModel } from './load-model.js';
import { createModelRuntime, type ModelRuntime } from './model-runtime.js';
import { stratifiedSplit } from './stratified-split.js';
import { generateHistory, toDelimited, type GeneratedHistory } from './test-support/generated-history.js';
import { rawScores } from './train-candidates.js';
import { trainModel, type TrainedModel, type TrainModelOptions } from './train-model.js';

const clock = fixedClock('2026-01-15T09:00:00.000Z');
/** `Notes` is free text and `Stage` a copy of the label: neither belongs in a model. */
const EXCLUDE = ['Notes', 'Stage'];

let dir = '';
let history: GeneratedHistory;
let table: TrainingTable;
const trained: Record<'auto' | 'gbdt' | 'logistic', TrainedModel> = {} as never;

const train = (options: TrainModelOptions = {}): TrainedModel =>
  trainModel({ clock }, table, { exclude: EXCLUDE, ...options });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-train-model-'));
  history = generateHistory({ rows: 3000, seed: 7, leak: true });
  const path = join(dir, 'history.csv');
  await writeFile(path, toDelimited(history.header, history.rows));
  table = await readTrainingTable(path, { column: 'Outcome' });
  for (const kind of ['auto', 'gbdt', 'logistic'] as const) trained[kind] = train({ kind });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The rows the model was evaluated on (the default 25 % test split, seed 42), as the model sees them. */
const testRows = (runtime: ModelRuntime): { rows: Int32Array; matrix: FeatureMatrix } => {
  const rows = stratifiedSplit(table.labels, 0.25, 42).held;
  const all = encodeTable(runtime.document.plan, table.header, table.columns);
  return { rows, matrix: selectRows(all, rows) };
};

const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;

describe('trainModel on a generated history with a known rule', () => {
  it('reads the table it was given: every row used, none rejected', () => {
    expect(table.labels.length).toBe(3000);
    expect(table.rejected).toEqual([]);
    expect(trained.auto.document.training).toMatchObject({ rowsRead: 3000, rowsUsed: 3000, rejected: 0 });
  });

  it('ranks held-out leads well: test AUC above 0.85 and within 0.03 of the true probabilities', () => {
    const { document, runtime } = trained.auto;
    const { rows } = testRows(runtime);
    const truthAuc = rocAuc(
      Float64Array.from(rows, (r) => history.truth[r] as number),
      Uint8Array.from(rows, (r) => table.labels[r] as number),
    );
    expect(document.evaluation.rows).toBe(rows.length);
    expect(document.evaluation.auc).toBeGreaterThan(0.85);
    expect(document.evaluation.auc).toBeGreaterThan(truthAuc - 0.03);
  });

  it('is calibrated: the mean predicted probability on the test split is within 3 points of its base rate', () => {
    for (const kind of ['auto', 'gbdt', 'logistic'] as const) {
      const { document, runtime } = trained[kind];
      const { matrix } = testRows(runtime);
      const predicted = mean(rawScores(runtime, matrix).map(runtime.probability));
      expect(Math.abs(predicted - (document.evaluation.baseRate ?? NaN)), kind).toBeLessThan(0.03);
      for (const bin of document.evaluation.calibration.filter((b) => b.count >= 100))
        expect(Math.abs(bin.meanPredicted - bin.observedRate), `${kind} ${bin.from}–${bin.to}`).toBeLessThan(
          0.1,
        );
    }
  });

  it('learns from the columns that carry the rule, not from the noise columns', () => {
    const names = trained.auto.document.importance.map((i) => i.name);
    const rank = (name: string): number => names.indexOf(name);
    for (const signal of ['Visits', 'Source', 'Minutes On Site'])
      for (const noise of ['Noise', 'Colour'])
        expect(rank(signal), `${signal} vs ${noise}`).toBeLessThan(rank(noise));
  });

  it('plans each kind of column: numeric, categorical, boolean, date; drops the identifier', () => {
    const { plan } = trained.auto.document;
    const kinds = Object.fromEntries(plan.columns.map((c) => [c.column, c.kind]));
    expect(kinds).toEqual({
      Visits: 'numeric',
      'Minutes On Site': 'numeric',
      Source: 'categorical',
      'Opted In': 'boolean',
      'First Contact': 'date',
      Noise: 'numeric',
      Colour: 'categorical',
    });
    expect(plan.dropped.map((d) => d.column)).toContain('Lead Id');
  });
});

describe('trainModel is deterministic', () => {
  it('writes the identical document for the same table, options and seed', () => {
    const again = train({ kind: 'auto' });
    expect(JSON.stringify(again.document)).toBe(JSON.stringify(trained.auto.document));
  });

  it('names a model by what it computes: another clock changes createdAt and nothing else', () => {
    const later = trainModel({ clock: fixedClock('2027-03-01T00:00:00.000Z') }, table, {
      exclude: EXCLUDE,
      kind: 'logistic',
    });
    const { createdAt, ...rest } = later.document;
    const { createdAt: before, ...same } = trained.logistic.document;
    expect(createdAt).toBe('2027-03-01T00:00:00.000Z');
    expect(before).toBe('2026-01-15T09:00:00.000Z');
    expect(rest).toEqual(same);
  });

  it('holds out other rows with another seed, so the model and its evaluation change', () => {
    const a = stratifiedSplit(table.labels, 0.25, 42).held;
    const b = stratifiedSplit(table.labels, 0.25, 43).held;
    expect(a.length).toBe(b.length);
    expect([...a]).not.toEqual([...b]);
    const other = train({ kind: 'logistic', seed: 43 });
    expect(other.document.training.seed).toBe(43);
    expect(other.document.version).not.toBe(trained.logistic.document.version);
    expect(other.document.evaluation.auc).not.toBe(trained.logistic.document.evaluation.auc);
  });
});

describe('the split', () => {
  it('adds up: train + validation + test = rows used, with the default shares', () => {
    const { split, rowsUsed, positives } = trained.auto.document.training;
    expect(split.train + split.validation + split.test).toBe(rowsUsed);
    const negatives = rowsUsed - positives;
    expect(split.test).toBe(Math.round(positives * 0.25) + Math.round(negatives * 0.25));
    expect(Math.abs(split.validation - 0.2 * (rowsUsed - split.test))).toBeLessThanOrEqual(1);
  });

  it('keeps the class shares: the test split has its share of converted rows, within one row', () => {
    const { document } = trained.auto;
    const { positives, rowsUsed } = document.training;
    expect(Math.abs(document.evaluation.positives - 0.25 * positives)).toBeLessThanOrEqual(1);
    expect(
      Math.abs(document.evaluation.rows - document.evaluation.positives - 0.25 * (rowsUsed - positives)),
    ).toBeLessThanOrEqual(1);
  });

  it('honours another test share', () => {
    const { training, evaluation } = train({ kind: 'logistic', testShare: 0.4 }).document;
    expect(training.split.train + training.split.validation + training.split.test).toBe(training.rowsUsed);
    expect(evaluation.rows).toBe(training.split.test);
    expect(Math.abs(training.split.test - 0.4 * training.rowsUsed)).toBeLessThanOrEqual(1);
  });

  it('holds out each class in its share, disjointly and completely, for any labels, share and seed', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ min: 0, max: 1, maxLength: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer(),
        (labels, share, seed) => {
          const { held, kept } = stratifiedSplit(labels, share, seed);
          const all = [...held, ...kept].sort((x, y) => x - y);
          expect(all).toEqual([...labels.keys()]);
          for (const y of [0, 1]) {
            const members = labels.filter((l) => l === y).length;
            const heldOfClass = [...held].filter((r) => labels[r] === y).length;
            expect(Math.abs(heldOfClass - share * members)).toBeLessThanOrEqual(0.5);
          }
        },
      ),
    );
  });
});

describe('columns that must not be learned from', () => {
  it('never plans an excluded column, however it is written, and says why it was dropped', () => {
    const { document } = train({ kind: 'logistic', exclude: ['notes', ' STAGE ', 'Noise'] });
    const planned = document.plan.columns.map((c) => c.column);
    for (const column of ['Notes', 'Stage', 'Noise']) {
      expect(planned).not.toContain(column);
      expect(document.plan.dropped).toContainEqual({
        column,
        reason: 'excluded (post-contact or not to be used)',
      });
      expect(document.importance.map((i) => i.name)).not.toContain(column);
    }
    expect(document.training.excluded).toEqual(['notes', ' STAGE ', 'Noise']);
  });

  it('warns about a column that copies the label (1 % noise), naming it, and about nothing else', () => {
    const { document } = train({ kind: 'logistic', exclude: ['Notes'] });
    expect(document.training.warnings).toHaveLength(1);
    expect(document.training.warnings[0]).toMatch(
      /^Column "Stage" alone predicts the label almost perfectly/,
    );
    expect(document.training.warnings[0]).toContain('--exclude "Stage"');
  });

  it('does not warn when the leaking column is excluded', () => {
    expect(trained.auto.document.training.warnings).toEqual([]);
  });
});

describe('a model document', () => {
  it.each(['gbdt', 'logistic'] as const)(
    'survives a JSON round trip (%s): the loaded model gives every test row the same probability',
    (kind) => {
      const { document, runtime } = trained[kind];
      const loaded = createModelRuntime(parseModel('model.json', JSON.stringify(document)));
      expect(loaded.document).toEqual(document);
      const { matrix } = testRows(runtime);
      const before = rawScores(runtime, matrix).map(runtime.probability);
      const after = rawScores(loaded, matrix).map(loaded.probability);
      expect(after).toEqual(before);
      expect(new Set(before).size).toBeGreaterThan(10);
    },
  );

  it.each(['gbdt', 'logistic'] as const)(
    'explains every test row (%s): base + Σ contributions = raw score',
    (kind) => {
      const { runtime } = trained[kind];
      const { matrix } = testRows(runtime);
      const x = new Float64Array(matrix.features.length);
      const out = new Float64Array(matrix.features.length);
      let nonzero = 0;
      for (let r = 0; r < matrix.rows; r++) {
        rowOf(matrix, r, x);
        const { base, contributions } = runtime.explain(x, out);
        const sum = contributions.reduce((a, c) => a + c, base);
        expect(sum).toBeCloseTo(runtime.raw(x), 9);
        if (contributions.some((c) => c !== 0)) nonzero++;
      }
      expect(nonzero).toBe(matrix.rows);
    },
  );
});

describe('model kinds', () => {
  it.each(['gbdt', 'logistic'] as const)('trains only the %s candidate when told', (kind) => {
    const { document } = trained[kind];
    expect(document.kind).toBe(kind);
    expect(document.training.candidates.map((c) => c.kind)).toEqual([kind]);
    expect(document.gbdt === undefined).toBe(kind !== 'gbdt');
    expect(document.logistic === undefined).toBe(kind !== 'logistic');
  });

  it('records both candidates with their validation AUCs on auto, and keeps the better', () => {
    const { document } = trained.auto;
    const candidates = document.training.candidates;
    expect(candidates.map((c) => c.kind)).toEqual(['gbdt', 'logistic']);
    for (const c of candidates) {
      expect(c.validationAuc).toBeGreaterThan(0.8);
      expect(c.validationAuc).toBeLessThanOrEqual(1);
      expect(c.validationLogLoss).toBeGreaterThan(0);
    }
    const best = [...candidates].sort((a, b) => (b.validationAuc ?? 0) - (a.validationAuc ?? 0))[0];
    expect(document.kind).toBe(best?.kind);
    // The candidates are the same models `kind` trains alone: same data, same seed.
    expect(candidates[0]).toEqual(trained.gbdt.document.training.candidates[0]);
    expect(candidates[1]).toEqual(trained.logistic.document.training.candidates[0]);
  });
});

const LEADS = 'x-education-lead-scoring/Leads.csv';
/** Post-contact fields, scores derived from them, and identifiers. */
const LEADS_EXCLUDE = [
  'Tags',
  'Lead Quality',
  'Asymmetrique Activity Index',
  'Asymmetrique Profile Index',
  'Asymmetrique Activity Score',
  'Asymmetrique Profile Score',
  'Last Notable Activity',
  'Prospect ID',
  'Lead Number',
];

describe.skipIf(!hasDataset(LEADS))(`trainModel on the X-Education leads ${needs(LEADS)}`, () => {
  let leads: TrainingTable;
  beforeAll(async () => {
    leads = await readTrainingTable(datasetPath(LEADS), { column: 'Converted' });
  });

  it('reaches a test AUC of 0.90 without post-contact fields, and does not warn', () => {
    const { document } = trainModel({ clock }, leads, { exclude: LEADS_EXCLUDE });
    expect(document.training.rowsUsed).toBe(9240);
    expect(document.training.split.test).toBe(2310);
    expect(document.evaluation.auc).toBeGreaterThanOrEqual(0.9);
    expect(document.training.warnings).toEqual([]);
  });

  // Fails today: Tags is blank in 36 % of rows, so its AUC over all rows is 0.923 < LEAKAGE_AUC
  // (0.97), though among the rows that have it it is 0.979. See the report on leakage-check.ts.
  it('warns that Tags predicts the label when Tags is not excluded', () => {
    const { document } = trainModel({ clock }, leads, {
      exclude: LEADS_EXCLUDE.filter((c) => c !== 'Tags'),
      kind: 'logistic',
    });
    expect(document.training.warnings.some((w) => w.includes('"Tags"'))).toBe(true);
  });
});
