// Benchmark: the learning loop's reads (issue 10) — building the training table from every stored
// lead, its outcomes and its events, as `leadsift retrain` (readOutcomeHistory) and
// `leadsift train --from-db` (trainingFromStore) do — over 100,000 stored leads, on SQLite and on
// PostgreSQL; then one whole learning cycle (table, training, judging on the recent holdout).
//
//   npm run bench:retrain                         # 100,000 leads, both databases
//   npm run bench:retrain -- 20000 sqlite         # another size, one database
//   LEADSIFT_DIST=bench/out/dist-before node bench/retrain.mjs   # another build on the same data
//
// The store is filled once per size and database and kept (bench/out/retrain-<n>.db; the
// PostgreSQL database leadsift_bench_retrain_<n> on LEADSIFT_BENCH_PG, by default
// postgres://postgres@127.0.0.1:5432/postgres): 2,000 demo leads go through intake with their
// events and outcomes, then each is cloned (record, events, outcomes) with new ids up to <n>.
// Each mode runs in its own child process on a fresh copy, so that peak memory is its own.
// Figures go to bench/out/retrain.json; copy them into bench/README.md.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  admin,
  clonedLead,
  dropCopy,
  figures,
  freshCopy,
  machine,
  measureChild,
  pgUrl,
} from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = (p) => join(resolve(process.env.LEADSIFT_DIST ?? join(root, 'dist')), p);
const out = join(here, 'out');
const NOW = '2026-09-01T00:00:00.000Z';
const TEMPLATES = 2000;
const PER_TRANSACTION = 2000;

const chunk = (list, n) =>
  Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));

/** Clone the demo leads (row for row: lead, events, outcomes) with new ids up to `leads`. */
const cloneTemplates = async (store, leads) => {
  const { createIdGenerator } = await import(dist('adapters/storage/new-id.js'));
  const { systemClock } = await import(dist('domain/clock.js'));
  const newId = createIdGenerator(systemClock);
  const db = store.db;
  const templates = (await db.selectFrom('leads').selectAll().orderBy('id').execute()).map((lead) => ({
    lead,
    activities: [],
    outcomes: [],
  }));
  const byId = new Map(templates.map((t) => [t.lead.id, t]));
  for (const part of chunk([...byId.keys()], 500)) {
    for (const a of await db.selectFrom('activities').selectAll().where('lead_id', 'in', part).execute())
      byId.get(a.lead_id).activities.push(a);
    for (const o of await db.selectFrom('outcomes').selectAll().where('lead_id', 'in', part).execute())
      byId.get(o.lead_id).outcomes.push(o);
  }
  let made = templates.length;
  const started = Date.now();
  while (made < leads) {
    const n = Math.min(PER_TRANSACTION, leads - made);
    const rows = { leads: [], activities: [], outcomes: [] };
    for (let k = 0; k < n; k++) {
      const i = made + k;
      const t = templates[i % templates.length];
      const id = newId();
      rows.leads.push(clonedLead(t.lead, id, i));
      for (const a of t.activities) rows.activities.push({ ...a, id: newId(), lead_id: id });
      for (const o of t.outcomes) rows.outcomes.push({ ...o, id: newId(), lead_id: id });
    }
    await db.transaction().execute(async (trx) => {
      for (const [table, list] of Object.entries(rows))
        for (const part of chunk(list, 500)) await trx.insertInto(table).values(part).execute();
    });
    made += n;
    if (made % 20_000 < PER_TRANSACTION)
      console.error(`  filled ${made} leads (${Math.round(made / ((Date.now() - started) / 1000))} leads/s)`);
  }
};

/** Fill the kept store for this size and database unless it is there. */
const fill = async (dialect, leads) => {
  const { openStore } = await import(dist('adapters/storage/open-store.js'));
  const { fixedClock } = await import(dist('domain/clock.js'));
  const { installDemo } = await import(dist('demo/install-demo.js'));
  const file = join(out, `retrain-${leads}.db`);
  const database = `leadsift_bench_retrain_${leads}`;
  if (dialect === 'sqlite' && existsSync(file)) return file;
  if (dialect === 'postgres') {
    const found = await admin(`select 1 from pg_database where datname = '${database}'`);
    if (found.rowCount > 0) return pgUrl(database);
    await admin(`drop database if exists ${database}_filling with (force)`);
    await admin(`create database ${database}_filling`);
  }
  const url = dialect === 'sqlite' ? `${file}.filling` : pgUrl(`${database}_filling`);
  rmSync(url, { force: true });
  const started = Date.now();
  console.error(`Filling ${dialect} with ${leads} leads…`);
  const store = await openStore({ databaseUrl: url });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'leadsift-bench-demo-'));
    await installDemo(
      { clock: fixedClock(NOW), leads: store.leads, imports: store.imports },
      { seed: 42, leads: TEMPLATES, dir },
    );
    rmSync(dir, { recursive: true });
    await cloneTemplates(store, leads);
  } finally {
    await store.close();
  }
  console.error(`  filled in ${Math.round((Date.now() - started) / 1000)} s`);
  if (dialect === 'sqlite') {
    renameSync(url, file);
    return file;
  }
  await admin(`analyze`);
  await admin(`alter database ${database}_filling rename to ${database}`);
  return pgUrl(database);
};

/** Child: build one table (`history` or `train`) or run one whole cycle, and print its figures. */
const child = async (mode, url) => {
  const { openStore } = await import(dist('adapters/storage/open-store.js'));
  const store = await openStore({ databaseUrl: url });
  try {
    const started = process.hrtime.bigint();
    let table;
    let extra = {};
    if (mode === 'history') {
      const { readOutcomeHistory } = await import(dist('learning/outcome-history.js'));
      table = (await readOutcomeHistory(store.leads)).table;
    } else if (mode === 'train') {
      const { trainingFromStore } = await import(dist('scoring/model/training-from-store.js'));
      table = await trainingFromStore({ leads: store.leads });
    } else {
      const { runLearningCycle } = await import(dist('learning/run-learning-cycle.js'));
      const now = Date.parse(NOW);
      const result = await runLearningCycle(
        { leads: store.leads, models: store.models, learning: store.learning, clock: { now: () => now } },
        now,
        { train: { seed: 1, exclude: ['Created Date'] } },
      );
      extra = { action: result.action, trainedOn: result.trainedOn, holdout: result.holdout.rows };
      console.log(
        JSON.stringify({ ...figures(mode, result.trainedOn + result.holdout.rows, started), ...extra }),
      );
      return;
    }
    const f = figures(mode, table.rowsRead, started);
    // CPU time is steadier than wall time on a machine shared with other work.
    const cpu = process.cpuUsage();
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      JSON.stringify({ ...f, cpuSeconds, labelled: table.labels.length, columns: table.header.length }),
    );
  } finally {
    await store.close();
  }
};

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const leads = Number(process.argv[2] ?? 100_000);
  const dialects = process.argv[3] === undefined ? ['sqlite', 'postgres'] : [process.argv[3]];
  const modes = (process.argv[4] ?? 'history,train,cycle').split(',');
  mkdirSync(out, { recursive: true });
  const results = [];
  for (const dialect of dialects) {
    const kept = await fill(dialect, leads);
    for (const mode of modes) {
      // A fresh copy to run on (opening migrates it; a cycle saves a model).
      const url = await freshCopy(dialect, kept, {
        runFile: join(out, `retrain-${leads}-run.db`),
        database: `leadsift_bench_retrain_${leads}`,
      });
      console.error(`${mode} over ${leads} leads on ${dialect}…`);
      const result = { dialect, ...measureChild(fileURLToPath(import.meta.url), [mode, url]) };
      console.error(
        `  ${dialect} ${mode}: ${result.seconds.toFixed(1)} s, ${Math.round(result.rowsPerSecond)} leads/s, peak ${Math.round(result.maxRssMiB)} MiB`,
      );
      results.push(result);
      await dropCopy(dialect, url, `leadsift_bench_retrain_${leads}`);
    }
  }
  const report = { leads, build: process.env.LEADSIFT_DIST ?? 'dist', machine: machine(), results };
  const name = process.env.LEADSIFT_DIST === undefined ? 'retrain.json' : 'retrain-other.json';
  writeFileSync(join(out, name), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
