// Benchmark: `leadsift qualify` (intake + rules decision + CSV output) on a generated lead CSV
// with behaviour events and the BANT template, beside a line-splitting pass-through of the same
// file, each in its own child process so that peak memory is its own.
//
//   npm run bench:qualify               # 1,000,000 leads, 500,000 events
//   npm run bench:qualify -- 200000     # another size
//
// Figures go to bench/out/qualify.json; copy them into bench/README.md with the machine.
import os from 'node:os';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { figures, machine, measureChild, passThrough } from './bench-support.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'out');

/** Child: time one run and report its peak memory (process.resourceUsage). */
const child = async (mode, file, events) => {
  const started = process.hrtime.bigint();
  let rows = 0;
  if (mode === 'passthrough') {
    rows = await passThrough(file);
  } else {
    const { buildProgram } = await import(join(root, 'dist', 'cli', 'build-program.js'));
    const sink = {
      out: () => undefined,
      err: (t) => (rows = Number(/rows ([\d,]+) =/.exec(t)?.[1]?.replace(/,/g, '') ?? rows)),
    };
    const criteria = join(root, 'examples', 'criteria', 'bant.yaml');
    const args = [
      'qualify',
      file,
      '--criteria',
      criteria,
      '--events',
      events,
      '--out',
      join(out, 'qualified.csv'),
      '--rejects',
      join(out, 'rejects.csv'),
      // qualify: this thread only (the default); qualify-threads: one worker per core.
      ...(mode === 'qualify' ? [] : ['--workers', String(os.availableParallelism())]),
    ];
    await buildProgram({ DATABASE_URL: join(out, 'unused.db') }, sink).parseAsync([
      'node',
      'leadsift',
      ...args,
    ]);
    if (process.exitCode) throw new Error(`qualify failed with exit code ${process.exitCode}`);
  }
  console.log(JSON.stringify(figures(mode, rows, started)));
};

const measure = (mode, file, events) => measureChild(fileURLToPath(import.meta.url), [mode, file, events]);

/** Events for random demo lead ids: pricing views, demo requests, downloads, replies. */
const writeEvents = async (path, leads, count) => {
  const stream = createWriteStream(path);
  stream.write('lead_ref,type,occurred_at,properties\n');
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const types = [
    'pricing_page_view',
    'pricing_page_view',
    'page_view',
    'content_download',
    'demo_request',
    'email_reply',
    'webinar_attended',
  ];
  const now = Date.parse('2026-11-01T00:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const lead = `00Q${String(1 + Math.floor(random() * leads)).padStart(12, '0')}`;
    const type = types[Math.floor(random() * types.length)];
    const at = new Date(now - random() * 90 * 86_400_000).toISOString();
    const props = type === 'content_download' ? '"{""asset"":""ROI calculator""}"' : '{}';
    if (!stream.write(`${lead},${type},${at},${props}\n`)) await new Promise((r) => stream.once('drain', r));
  }
  await new Promise((r) => stream.end(r));
};

const main = async () => {
  const rows = Number(process.argv[2] ?? 1_000_000);
  mkdirSync(out, { recursive: true });
  const file = join(out, `leads-${rows}.csv`);
  if (!existsSync(file)) {
    const { writeLeadsCsv } = await import(join(root, 'dist', 'demo', 'write-demo-csv.js'));
    await writeLeadsCsv(file, { seed: 42, leads: rows, now: '2026-11-01T00:00:00.000Z' });
  }
  const events = join(out, `events-${rows}.csv`);
  if (!existsSync(events)) await writeEvents(events, rows, Math.round(rows / 2));
  const results = {
    machine: machine(),
    file: { rows, mebibytes: statSync(file).size / 2 ** 20, events: Math.round(rows / 2) },
    passthrough: measure('passthrough', file, events),
    qualify: measure('qualify', file, events),
    qualifyThreads: measure('qualify-threads', file, events),
  };
  results.ratio = results.qualify.rowsPerSecond / results.passthrough.rowsPerSecond;
  results.ratioThreads = results.qualifyThreads.rowsPerSecond / results.passthrough.rowsPerSecond;
  writeFileSync(join(out, 'qualify.json'), JSON.stringify(results, null, 2));
  const f = (n) => Math.round(n).toLocaleString('en-US');
  console.log(
    `file: ${f(rows)} rows, ${results.file.mebibytes.toFixed(0)} MiB, ${f(results.file.events)} events`,
  );
  console.log(
    `pass-through (split lines): ${f(results.passthrough.rowsPerSecond)} rows/s, peak RSS ${f(results.passthrough.maxRssMiB)} MiB`,
  );
  console.log(
    `leadsift qualify:           ${f(results.qualify.rowsPerSecond)} rows/s, peak RSS ${f(results.qualify.maxRssMiB)} MiB`,
  );
  console.log(
    `leadsift qualify, ${os.availableParallelism()} worker threads: ${f(results.qualifyThreads.rowsPerSecond)} rows/s, peak RSS ${f(results.qualifyThreads.maxRssMiB)} MiB`,
  );
  console.log(
    `ratio to pass-through: ${(100 * results.ratio).toFixed(1)} % in one thread, ${(100 * results.ratioThreads).toFixed(1)} % with threads (target ≥ 40 %)`,
  );
};

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
