// Benchmark: `leadsift reevaluate` (issue 10) — every stored lead decided again with the rules and
// the active model, intent decayed, moved verdicts stored with their reasons, silent leads
// flagged — over 1,000,000 stored leads, on SQLite and on PostgreSQL.
//
//   npm run bench:reevaluate                      # 1,000,000 leads, both databases
//   npm run bench:reevaluate -- 100000            # another size
//   npm run bench:reevaluate -- 100000 sqlite     # one database
//
// The store is filled once per size and database and kept (bench/out/reevaluate-<n>.db; the
// PostgreSQL database leadsift_bench_reevaluate_<n> on LEADSIFT_BENCH_PG, by default
// postgres://postgres@127.0.0.1:5432/postgres): 2,000 demo leads go through intake with their
// events and outcomes, a model is trained on their outcomes and activated, the BANT criteria are
// activated, and the leads are decided; then each is cloned (facts, events, decision) with new
// ids up to <n> (on PostgreSQL inside the server, INSERT … SELECT). Each measured run
// re-evaluates a fresh copy (a file copy; CREATE DATABASE … TEMPLATE) 45 days after the leads
// were decided, in its own child process so that peak memory is its own. Figures go to bench/out/reevaluate.json; copy them into bench/README.md.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
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
// LEADSIFT_DIST measures another build (a copy of dist/) on the same data.
const dist = (p) => join(process.env.LEADSIFT_DIST ?? join(root, 'dist'), p);
const out = join(here, 'out');
const DECIDED_AT = '2026-09-01T00:00:00.000Z';
const NOW = '2026-10-16T00:00:00.000Z'; // 45 days later: intent has decayed, some leads went quiet
const TEMPLATES = 2000;
const PER_TRANSACTION = 2000;

/** Demo leads through intake, a model on their outcomes, the criteria, and their decisions. */
const seedTemplates = async (store) => {
  const { fixedClock } = await import(dist('domain/clock.js'));
  const { installDemo } = await import(dist('demo/install-demo.js'));
  const { trainingFromStore } = await import(dist('scoring/model/training-from-store.js'));
  const { trainModel } = await import(dist('scoring/model/train-model.js'));
  const { createModelRuntime } = await import(dist('scoring/model/model-runtime.js'));
  const { activateCriteriaText } = await import(dist('service/start-service.js'));
  const { parseCriteria } = await import(dist('criteria/load-criteria.js'));
  const { qualifyStoredLeads } = await import(dist('scoring/qualify-stored-leads.js'));
  const clock = fixedClock(DECIDED_AT);
  const dir = mkdtempSync(join(tmpdir(), 'leadsift-bench-demo-'));
  await installDemo(
    { clock, leads: store.leads, imports: store.imports },
    { seed: 42, leads: TEMPLATES, dir },
  );
  rmSync(dir, { recursive: true });
  const table = await trainingFromStore({ leads: store.leads }, { source: 'the demo outcomes' });
  const { document } = trainModel({ clock }, table, { exclude: ['Created Date'] });
  await store.models.saveModel(document);
  await store.models.activate(document.version);
  const text = readFileSync(join(root, 'examples', 'criteria', 'bant.yaml'), 'utf8');
  await activateCriteriaText(store, text, 'bant.yaml', 'bench');
  const criteria = parseCriteria(text, 'bant.yaml');
  for await (const _page of qualifyStoredLeads(
    { clock, leads: store.leads },
    criteria,
    createModelRuntime(document),
  ));
  return document.version;
};

/** Clone the decided templates (row for row: lead, events, decision, latest) up to `leads`. */
const cloneTemplates = async (store, leads) => {
  const { createIdGenerator } = await import(dist('adapters/storage/new-id.js'));
  const { systemClock } = await import(dist('domain/clock.js'));
  const newId = createIdGenerator(systemClock);
  const db = store.db;
  const latest = await db.selectFrom('lead_latest').selectAll().orderBy('lead_id').execute();
  const ids = latest.map((l) => l.lead_id);
  const chunk = (list, n) =>
    Array.from({ length: Math.ceil(list.length / n) }, (_, i) => list.slice(i * n, i * n + n));
  const byId = new Map();
  for (const part of chunk(ids, 500)) {
    const rows = await db.selectFrom('leads').selectAll().where('id', 'in', part).execute();
    for (const row of rows) byId.set(row.id, { lead: row, activities: [] });
    const acts = await db.selectFrom('activities').selectAll().where('lead_id', 'in', part).execute();
    for (const a of acts) byId.get(a.lead_id).activities.push(a);
    const decisions = await db
      .selectFrom('decisions')
      .selectAll()
      .where(
        'id',
        'in',
        latest.filter((l) => part.includes(l.lead_id)).map((l) => l.decision_id),
      )
      .execute();
    for (const d of decisions) byId.get(d.lead_id).decision = d;
  }
  const templates = latest.map((l) => ({ ...byId.get(l.lead_id), latest: l }));
  let made = await db
    .selectFrom('leads')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  made = Number(made.n);
  const started = Date.now();
  while (made < leads) {
    const n = Math.min(PER_TRANSACTION, leads - made);
    const rows = { leads: [], activities: [], decisions: [], latest: [] };
    for (let k = 0; k < n; k++) {
      const i = made + k;
      const t = templates[i % templates.length];
      const id = newId();
      rows.leads.push(clonedLead(t.lead, id, i));
      for (const a of t.activities) rows.activities.push({ ...a, id: newId(), lead_id: id });
      const decisionId = newId();
      rows.decisions.push({
        ...t.decision,
        id: decisionId,
        lead_id: id,
        decision: t.decision.decision.replace(t.lead.id, id),
      });
      rows.latest.push({ ...t.latest, lead_id: id, decision_id: decisionId });
    }
    await db.transaction().execute(async (trx) => {
      for (const part of chunk(rows.leads, 500)) await trx.insertInto('leads').values(part).execute();
      for (const part of chunk(rows.activities, 1000))
        await trx.insertInto('activities').values(part).execute();
      for (const part of chunk(rows.decisions, 500)) await trx.insertInto('decisions').values(part).execute();
      for (const part of chunk(rows.latest, 500)) await trx.insertInto('lead_latest').values(part).execute();
    });
    made += n;
    if (made % 100_000 < PER_TRANSACTION)
      console.error(`  filled ${made} leads (${Math.round(made / ((Date.now() - started) / 1000))} leads/s)`);
  }
};

/**
 * PostgreSQL: clone the decided templates inside the server (INSERT … SELECT over
 * generate_series), about 20× faster than through the store (45 minutes for 1,000,000 leads).
 * Copy k of a row gets the id left(id, 10) || k (6 digits) || right(id, 10): still 26 ULID
 * characters with the template's time, unique per copy; lead-pointing columns get the same
 * mapping, and every other column is copied as it is (read from the catalogue, so columns
 * added by later migrations come along).
 */
const cloneTemplatesInSql = async (url, leads) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = async (table) =>
      (
        await client.query(
          `select column_name from information_schema.columns
            where table_schema = current_schema() and table_name = $1 order by ordinal_position`,
          [table],
        )
      ).rows.map((r) => r.column_name);
    const mapped = (col) => `left(t.${col}, 10) || lpad(k::text, 6, '0') || right(t.${col}, 10)`;
    const select = (cols, special) => cols.map((c) => special[c] ?? `t.${c}`).join(', ');
    const tables = {
      leads: {
        id: mapped('id'),
        external_id: 'null',
        email_normalized: `case when t.email_normalized is null then null else 'c' || k || '.' || t.email_normalized end`,
        person_key: 'null',
      },
      activities: { id: mapped('id'), lead_id: mapped('lead_id') },
      decisions: {
        id: mapped('id'),
        lead_id: mapped('lead_id'),
        decision: `replace(t.decision, t.lead_id, ${mapped('lead_id')})`,
      },
      lead_latest: { lead_id: mapped('lead_id'), decision_id: mapped('decision_id') },
    };
    const lists = {};
    for (const table of Object.keys(tables)) lists[table] = await columns(table);
    // Only the templates' own rows are copied: the latest decision of each, all of its events;
    // numbered, so that copy k of template n is lead k × templates + n and the fill stops at `leads`.
    await client.query(
      `create temporary table templates as
         select lead_id, decision_id, (row_number() over (order by lead_id) - 1)::int as n from lead_latest`,
    );
    const [{ n: templateCount }] = (await client.query('select count(*)::int as n from templates')).rows;
    const copies = Math.ceil(leads / templateCount);
    const started = Date.now();
    const STEP = 50;
    for (let from = 1; from < copies; from += STEP) {
      const to = Math.min(copies - 1, from + STEP - 1);
      const series = `generate_series(${from}, ${to}) as k`;
      await client.query('begin');
      for (const [table, special] of Object.entries(tables)) {
        const cols = lists[table];
        const on =
          table === 'leads'
            ? 'tp.lead_id = t.id'
            : table === 'decisions'
              ? 'tp.decision_id = t.id'
              : 'tp.lead_id = t.lead_id';
        await client.query(
          `insert into ${table} (${cols.join(', ')})
           select ${select(cols, special)} from ${table} t join templates tp on ${on} cross join ${series}
            where k * ${templateCount} + tp.n < ${leads}`,
        );
      }
      await client.query('commit');
      const made = Math.min(leads, (to + 1) * templateCount);
      console.error(`  filled ${made} leads (${Math.round(made / ((Date.now() - started) / 1000))} leads/s)`);
    }
    await client.query('analyze');
  } finally {
    await client.end();
  }
};

/** Fill the kept store for this size and database unless it is there. */
const fill = async (dialect, leads) => {
  const { openStore } = await import(dist('adapters/storage/open-store.js'));
  const file = join(out, `reevaluate-${leads}.db`);
  const database = `leadsift_bench_reevaluate_${leads}`;
  if (dialect === 'sqlite' && existsSync(file)) return file;
  if (dialect === 'postgres') {
    const found = await admin(`select 1 from pg_database where datname = '${database}'`);
    if (found.rowCount > 0) return pgUrl(database);
    await admin(`create database ${database}_filling`);
  }
  const url = dialect === 'sqlite' ? `${file}.filling` : pgUrl(`${database}_filling`);
  const started = Date.now();
  console.error(`Filling ${dialect} with ${leads} leads…`);
  const store = await openStore({ databaseUrl: url });
  try {
    await seedTemplates(store);
    if (dialect === 'sqlite') await cloneTemplates(store, leads);
  } finally {
    await store.close();
  }
  if (dialect === 'postgres') await cloneTemplatesInSql(url, leads);
  console.error(`  filled in ${Math.round((Date.now() - started) / 1000)} s`);
  if (dialect === 'sqlite') {
    renameSync(`${file}.filling`, file);
    return file;
  }
  await admin(`alter database ${database}_filling rename to ${database}`);
  return pgUrl(database);
};

/** Child: run `leadsift reevaluate` once and print its figures with the summary. */
const child = async (mode, url) => {
  const { buildProgram } = await import(dist('cli/build-program.js'));
  let text = '';
  const sink = { out: (t) => (text += t), err: (t) => console.error(`  ${t}`) };
  const started = process.hrtime.bigint();
  await buildProgram({ DATABASE_URL: url }, sink).parseAsync([
    'node',
    'leadsift',
    'reevaluate',
    '--db',
    url,
    '--now',
    NOW,
    '--json',
  ]);
  if (process.exitCode) throw new Error(`reevaluate failed with exit code ${process.exitCode}`);
  const summary = JSON.parse(text);
  console.log(JSON.stringify({ ...figures(mode, summary.reevaluated, started), summary }));
};

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else {
  const leads = Number(process.argv[2] ?? 1_000_000);
  const dialects = process.argv[3] === undefined ? ['sqlite', 'postgres'] : [process.argv[3]];
  mkdirSync(out, { recursive: true });
  const results = [];
  for (const dialect of dialects) {
    const kept = await fill(dialect, leads);
    // A fresh copy to run on (a run writes decisions and flags).
    const url = await freshCopy(dialect, kept, {
      runFile: join(out, `reevaluate-${leads}-run.db`),
      database: `leadsift_bench_reevaluate_${leads}`,
    });
    console.error(`Re-evaluating ${leads} leads on ${dialect}…`);
    const result = measureChild(fileURLToPath(import.meta.url), [dialect, url]);
    const { summary, ...figs } = result;
    console.error(
      `  ${dialect}: ${Math.round(figs.rowsPerSecond)} leads/s, ${figs.seconds.toFixed(1)} s, peak ${Math.round(figs.maxRssMiB)} MiB; ` +
        `${summary.movedUp} up, ${summary.movedDown} down, ${summary.rescored} re-scored, ${summary.unchanged} unchanged, ${summary.stale} stale`,
    );
    results.push(result);
    await dropCopy(dialect, url, `leadsift_bench_reevaluate_${leads}`);
  }
  const report = { leads, decidedAt: DECIDED_AT, now: NOW, machine: machine(), results };
  writeFileSync(join(out, 'reevaluate.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
