// Benchmark: training a conversion model and scoring leads with it, on a generated history of
// 100,000 rows × 30 columns (20 numeric, 7 categorical of which one has 500 values, 2 boolean,
// 1 date; missing values; a label from a hidden non-linear rule), cached in bench/out/.
//
//   npm run bench:model              # 100,000 rows
//   npm run bench:model -- 20000     # another size
//
// Each measure runs in its own child process. Figures go to bench/out/model.json.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figures, machine, measureChild } from './bench-support.mjs';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'out');
const dist = (p) => join(root, 'dist', p);

const CATS = [
  ['source', ['web', 'referral', 'paid_search', 'event', 'partner', 'outbound']],
  [
    'industry',
    ['software', 'finance', 'retail', 'health', 'education', 'manufacturing', 'media', 'government'],
  ],
  ['country', ['US', 'GB', 'DE', 'FR', 'IN', 'BR', 'CA', 'AU', 'JP', 'NL']],
  ['seniority', ['c_level', 'vp', 'director', 'manager', 'senior', 'entry']],
  ['function', ['sales', 'marketing', 'engineering', 'it', 'finance', 'hr', 'operations']],
  ['plan', ['free', 'trial', 'starter', 'pro']],
];

/** Writes the seeded history CSV once. */
const generate = async (rows, file) => {
  const { createSeededRandom } = await import(dist('domain/seeded-random.js'));
  const r = createSeededRandom(2026);
  const header = [
    ...Array.from({ length: 20 }, (_, i) => `n${i + 1}`),
    ...CATS.map(([name]) => name),
    'landing_page',
    'newsletter',
    'demo_requested',
    'created_on',
    'converted',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const n = Array.from({ length: 20 }, (_, k) =>
      r.chance(0.05) ? NaN : k < 10 ? r.normal() : Math.exp(r.normal() + k / 10),
    );
    const c = CATS.map(([, values]) => (r.chance(0.08) ? '' : r.pick(values)));
    const page = `lp-${r.int(1, 500)}`;
    const news = r.chance(0.3);
    const demo = r.chance(0.15);
    const day = new Date(Date.UTC(2025, 0, 1) + r.int(0, 600) * 86_400_000).toISOString().slice(0, 10);
    const z =
      -1.5 +
      0.8 * (n[0] || 0) -
      0.6 * (n[1] || 0) +
      ((n[2] || 0) > 0.5 && c[3] === 'vp' ? 1.2 : 0) +
      (c[0] === 'referral' ? 1 : c[0] === 'paid_search' ? -0.7 : 0) +
      (demo ? 1.5 : 0) +
      (Number.isNaN(n[4]) ? 0.8 : 0) +
      0.3 * Math.sin(3 * (n[5] || 0)) +
      (Number(page.slice(3)) % 7 === 0 ? 0.6 : 0);
    const y = r.chance(1 / (1 + Math.exp(-z))) ? 1 : 0;
    const fmt = (v) => (Number.isNaN(v) ? '' : v.toFixed(3));
    lines.push([...n.map(fmt), ...c, page, news ? 'yes' : 'no', demo ? 'true' : 'false', day, y].join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
};

/** Rows of a table as field arrays, and a model trained on it (what every scoring mode needs). */
const prepare = async (file) => {
  const { readTrainingTable } = await import(dist('scoring/model/features/training-table.js'));
  const { trainModel } = await import(dist('scoring/model/train-model.js'));
  const table = await readTrainingTable(file, { column: 'converted' });
  const { document } = trainModel({ clock: { now: () => Date.now() } }, table, { kind: 'gbdt' });
  const records = Array.from({ length: table.labels.length }, (_, r) =>
    table.header.map((_, c) => table.columns[c][r]),
  );
  return { document, header: table.header, records };
};

/** Encodes and scores `records` `passes` times; returns the count. */
const scoreRecords = async (document, header, records, passes) => {
  const { compileRowEncoder } = await import(dist('scoring/model/features/encode-features.js'));
  const { createModelRuntime } = await import(dist('scoring/model/model-runtime.js'));
  const runtime = createModelRuntime(document);
  const encoder = compileRowEncoder(document.plan, header);
  const x = new Float64Array(encoder.width);
  const now = Date.now();
  let sink = 0;
  for (let pass = 0; pass < passes; pass++)
    for (const fields of records) {
      encoder.encode(fields, x, now);
      sink += runtime.probability(runtime.raw(x));
    }
  return sink > 0 ? passes * records.length : 0;
};

/** Worker thread: score its share of the rows when told to go. */
const scoringWorker = async () => {
  const { document, header, records, passes } = workerData;
  await scoreRecords(document, header, records.slice(0, 1000), 1); // warm up the JIT
  parentPort.postMessage('ready');
  parentPort.once('message', async () =>
    parentPort.postMessage(await scoreRecords(document, header, records, passes)),
  );
};

/** Scores the rows in one worker thread per core; times from "go" to the last answer. */
const scoreInThreads = async (file) => {
  const { document, header, records } = await prepare(file);
  const threads = os.cpus().length;
  const share = Math.ceil(records.length / threads);
  const workers = Array.from(
    { length: threads },
    (_, i) =>
      new Worker(fileURLToPath(import.meta.url), {
        workerData: { document, header, records: records.slice(i * share, (i + 1) * share), passes: 5 },
      }),
  );
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
  const t0 = process.hrtime.bigint();
  const counts = await Promise.all(
    workers.map(
      (w) =>
        new Promise((resolve) => {
          w.once('message', resolve);
          w.postMessage('go');
        }),
    ),
  );
  const f = figures(
    `score in ${threads} threads`,
    counts.reduce((a, b) => a + b, 0),
    t0,
  );
  await Promise.all(workers.map((w) => w.terminate()));
  return { ...f, trees: document.gbdt?.trees.length };
};

const child = async (mode, file) => {
  if (mode === 'score-threads') return scoreInThreads(file);
  const { readTrainingTable } = await import(dist('scoring/model/features/training-table.js'));
  const { trainModel } = await import(dist('scoring/model/train-model.js'));
  const clock = { now: () => Date.now() };
  const started = process.hrtime.bigint();
  const table = await readTrainingTable(file, { column: 'converted' });
  const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (mode.startsWith('train')) {
    const kind = mode === 'train-gbdt' ? 'gbdt' : mode === 'train-logistic' ? 'logistic' : 'auto';
    const t0 = process.hrtime.bigint();
    const { document } = trainModel({ clock }, table, { kind });
    const f = figures(mode, table.labels.length, t0);
    return {
      ...f,
      readSeconds,
      auc: document.evaluation.auc,
      kind: document.kind,
      candidates: document.training.candidates,
    };
  }
  const { document, runtime } = trainModel({ clock }, table, { kind: 'gbdt' });
  const { compileRowEncoder } = await import(dist('scoring/model/features/encode-features.js'));
  const { createLeadRecordScorer } = await import(dist('scoring/model/score-lead-record.js'));
  const header = table.header;
  const records = Array.from({ length: table.labels.length }, (_, r) =>
    header.map((_, c) => table.columns[c][r]),
  );
  const encoder = compileRowEncoder(document.plan, header);
  const x = new Float64Array(encoder.width);
  let sink = 0;
  const t0 = process.hrtime.bigint();
  let scored = 0;
  if (mode === 'score') {
    for (let pass = 0; pass < 5; pass++)
      for (const fields of records) {
        encoder.encode(fields, x, Date.now());
        sink += runtime.probability(runtime.raw(x));
        scored++;
      }
  } else {
    const scorer = createLeadRecordScorer(runtime, Date.now());
    const objects = records
      .slice(0, 20_000)
      .map((fields) => Object.fromEntries(header.map((h, c) => [h, fields[c]])));
    for (const raw of objects) {
      sink += scorer(raw).probability;
      scored++;
    }
  }
  return { ...figures(mode, scored, t0), trees: document.gbdt?.trees.length, sink: sink > 0 };
};

if (!isMainThread) {
  await scoringWorker();
} else if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(process.argv[3], process.argv[4])));
} else {
  const rows = Number(process.argv[2] ?? 100_000);
  mkdirSync(out, { recursive: true });
  const file = join(out, `history-${rows}.csv`);
  if (!existsSync(file)) await generate(rows, file);
  const script = fileURLToPath(import.meta.url);
  const results = ['train', 'train-gbdt', 'train-logistic', 'score', 'score-threads', 'score-explain'].map(
    (mode) => {
      const r = measureChild(script, [mode, file, String(rows)]);
      console.log(JSON.stringify(r));
      return r;
    },
  );
  writeFileSync(
    join(out, 'model.json'),
    `${JSON.stringify({ machine: machine(), rows, results }, null, 2)}\n`,
  );
}
