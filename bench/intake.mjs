// Benchmark: import + normalize + audit of a generated lead CSV, beside a plain line-splitting
// pass-through of the same file, in the same run. Each measurement runs in its own child
// process so that its peak memory (maxRSS) is its own.
//
//   npm run bench:intake                 # 1,000,000 rows (and 100,000 for the memory check)
//   npm run bench:intake -- 200000       # another size
//
// Figures go to bench/out/intake.json; copy them into bench/README.md with the machine.
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { figures, machine, measureChild, passThrough } from './bench-support.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist');
const out = join(here, 'out');

/** Child mode: run one measurement and print its figures as JSON. */
const child = async (mode, file) => {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (mode === 'passthrough') {
    rows = await passThrough(file);
  } else if (mode === 'import') {
    // The whole import into a fresh SQLite file: intake, merge, upsert, rejections logged.
    const { openStore } = await import(join(dist, 'adapters', 'storage', 'open-store.js'));
    const { importLeadFile } = await import(join(dist, 'intake', 'import-lead-file.js'));
    const dbFile = join(out, `import-${process.pid}.db`);
    const store = await openStore({ databaseUrl: dbFile });
    const clock = { now: () => Date.now() };
    const { run } = await importLeadFile({ clock, leads: store.leads, imports: store.imports }, file);
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
    rows = run.rowsIn;
  } else {
    // audit (this thread only) or audit-threads (one worker thread per core, as the CLI does).
    const { auditLeadFile } = await import(join(dist, 'intake', 'audit-lead-file.js'));
    const { startAuditWorker } = await import(join(dist, 'adapters', 'workers', 'start-audit-worker.js'));
    const workers = mode === 'audit-threads' ? os.availableParallelism() : 0;
    const deps = { clock: { now: () => Date.now() }, startWorker: startAuditWorker };
    const report = await auditLeadFile(deps, file, { workers });
    if (report.rows !== report.accepted + report.rejected) throw new Error('counts do not add up');
    rows = report.rows;
  }
  console.log(JSON.stringify(figures(mode, rows, started)));
};

const measure = (mode, file, nodeOptions = []) =>
  measureChild(fileURLToPath(import.meta.url), [mode, file], nodeOptions);

// V8 grows its heap lazily when memory is plentiful, so peak RSS overstates what is retained.
// Running with a small old-space cap shows whether memory really grows with the file: a
// retained structure that grew would run out of heap and fail.
const CAPPED = ['--max-old-space-size=128'];

const generate = async (rows) => {
  mkdirSync(out, { recursive: true });
  const file = join(out, `leads-${rows}.csv`);
  if (!existsSync(file)) {
    const { writeLeadsCsv } = await import(join(dist, 'demo', 'write-demo-csv.js'));
    const started = Date.now();
    await writeLeadsCsv(file, { seed: 42, leads: rows, now: '2026-11-01T00:00:00.000Z' });
    console.error(`generated ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return file;
};

const main = async () => {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const small = Math.max(1, Math.floor(rows / 10));
  const file = await generate(rows);
  const smallFile = await generate(small);
  const results = {
    machine: machine(),
    file: { rows, mebibytes: statSync(file).size / 2 ** 20 },
    passthrough: measure('passthrough', file),
    audit: measure('audit', file),
    auditThreads: measure('audit-threads', file),
    auditSmall: measure('audit', smallFile),
    auditCapped: measure('audit', file, CAPPED),
    auditSmallCapped: measure('audit', smallFile, CAPPED),
    importSmall: measure('import', smallFile),
  };
  results.ratio = results.audit.rowsPerSecond / results.passthrough.rowsPerSecond;
  results.ratioThreads = results.auditThreads.rowsPerSecond / results.passthrough.rowsPerSecond;
  results.memoryGrowth = results.audit.maxRssMiB / results.auditSmall.maxRssMiB;
  writeFileSync(join(out, 'intake.json'), JSON.stringify(results, null, 2));
  const f = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`file: ${f(rows)} rows, ${results.file.mebibytes.toFixed(0)} MiB`);
  console.log(
    `pass-through (split lines): ${f(results.passthrough.rowsPerSecond)} rows/s, peak RSS ${f(results.passthrough.maxRssMiB)} MiB`,
  );
  console.log(
    `read + normalize + audit:   ${f(results.audit.rowsPerSecond)} rows/s, peak RSS ${f(results.audit.maxRssMiB)} MiB`,
  );
  console.log(
    `  same at ${f(small)} rows:     ${f(results.auditSmall.rowsPerSecond)} rows/s, peak RSS ${f(results.auditSmall.maxRssMiB)} MiB`,
  );
  console.log(
    `import into SQLite at ${f(small)} rows: ${f(results.importSmall.rowsPerSecond)} rows/s, peak RSS ${f(results.importSmall.maxRssMiB)} MiB`,
  );
  console.log(
    `read + normalize + audit, ${os.availableParallelism()} worker threads: ${f(results.auditThreads.rowsPerSecond)} rows/s, peak RSS ${f(results.auditThreads.maxRssMiB)} MiB`,
  );
  console.log(
    `ratio to pass-through: ${(100 * results.ratio).toFixed(1)} % in one thread, ${(100 * results.ratioThreads).toFixed(1)} % with threads (target ≥ 25 %)`,
  );
  console.log(`peak memory ×${results.memoryGrowth.toFixed(2)} for ×10 rows (default heap)`);
  console.log(
    `with a 128 MiB old-space cap: ${f(results.auditCapped.rowsPerSecond)} rows/s, peak RSS ${f(results.auditCapped.maxRssMiB)} MiB at ${f(rows)} rows, ${f(results.auditSmallCapped.maxRssMiB)} MiB at ${f(small)}`,
  );
};

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
