// Benchmark: `enrichFile` (what `leadsift enrich` runs) on 10,000 generated leads through four
// HTTP vendors (bench/enrich-vendors.mjs: real local servers, 50 ms latency, 50–70 % coverage
// each), with the answers cached in a fresh SQLite database; then the same run again, answered
// from the cache. Reports leads/s, calls per lead, coverage before → after, and how close each
// vendor came to the throughput its limits allow (concurrency ÷ latency, or its rate limit).
//
//   npm run bench:enrich            # 10,000 leads
//   npm run bench:enrich -- 2000    # another size
//   LEADSIFT_BENCH_MEMORY_CACHE=1 npm run bench:enrich   # the cache in memory instead of SQLite
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'out', 'enrich');
const dist = (p) => join(root, 'dist', p);
const LATENCY_MS = 50;
const CONCURRENCY = 16;

const leads = Number(process.argv[2] ?? 10_000);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const vendors = spawn(process.execPath, [join(here, 'enrich-vendors.mjs'), String(LATENCY_MS)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ports = await new Promise((resolve) =>
  vendors.stdout.once('data', (d) => resolve(JSON.parse(String(d)))),
);

const FIELDS = [
  { 'company.industry': 'company.industry', 'company.employees': 'company.employees' },
  { 'company.industry': 'data.sector', 'company.revenue': 'data.revenue', 'company.country': 'data.country' },
  { 'company.employees': 'org.headcount', 'company.technologies': 'org.tech' },
  { 'company.city': 'city', 'company.description': 'about' },
];
ports.forEach((port, k) => {
  const lines = [
    `name: vendor${k + 1}`,
    `url: http://127.0.0.1:${port}/lookup`,
    `query:\n  domain: '{domain}'`,
    'requires: [domain]',
    'fields:',
    ...Object.entries(FIELDS[k]).map(([f, p]) => `  ${f}: ${p}`),
    'confidence: 0.9',
    `limits:\n  concurrency: ${CONCURRENCY}\n  timeoutMs: 5000\n  retries: 1\n  ttlSeconds: 86400`,
  ];
  writeFileSync(join(out, `vendor${k + 1}.yaml`), `${lines.join('\n')}\n`);
});
writeFileSync(
  join(out, 'providers.yaml'),
  `minConfidence: 0.6\nleadsInFlight: 256\nfields: [company.industry, company.employees, company.revenue, company.country, company.technologies, company.city, company.description]\nproviders:\n${ports.map((_, k) => `  - type: http\n    config: vendor${k + 1}.yaml`).join('\n')}\n`,
);
const rows = ['First Name,Last Name,Email,Company,Website'];
for (let i = 0; i < leads; i++)
  rows.push(`Lead,Number${i},lead${i}@company${i}.com,Company ${i},https://www.company${i}.com`);
writeFileSync(join(out, 'leads.csv'), `${rows.join('\n')}\n`);

const { openStore } = await import(dist('adapters/storage/open-store.js'));
const { enrichFile } = await import(dist('enrichment/enrich-file.js'));
const { loadProvidersConfig } = await import(dist('enrichment/providers-config.js'));
const clock = { now: () => Date.now() };
let store = await openStore({ databaseUrl: join(out, 'bench.db') }, { clock });
const config = await loadProvidersConfig(join(out, 'providers.yaml'));
const { memoryCache } = await import(dist('enrichment/enrichment-cache.js'));
const mem = memoryCache();

// What a run produced, minus when it ran: the cached re-run must give the same leads.
const enrichedOutput = (result) =>
  JSON.stringify(
    result.rows.map((r) => [r.line, r.draft.company, r.draft.person, r.draft.custom]),
    (key, value) => (key === 'at' || key === 'receivedAt' ? undefined : value),
  );

// The stand-in vendors' CPU seconds so far (Linux /proc; undefined elsewhere): when they are busy
// too, a shortfall against the limits is the machine's, not leadsift's.
const vendorsCpuSeconds = () => {
  try {
    const fields = readFileSync(`/proc/${vendors.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
};

const runOnce = async (mode) => {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const vendorsCpu = vendorsCpuSeconds();
  const result = await enrichFile(
    { clock, cache: process.env.LEADSIFT_BENCH_MEMORY_CACHE ? mem : store.enrichmentCache, env: {} },
    join(out, 'leads.csv'),
    {
      config,
      configPath: join(out, 'providers.yaml'),
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const vendorsCpuAfter = vendorsCpuSeconds();
  const s = result.summary.toJSON();
  const calls = Object.values(s.providers).reduce((n, p) => n + p.answered + p.failed, 0);
  const bound = CONCURRENCY / (LATENCY_MS / 1000);
  const vendorsUse = Object.fromEntries(
    Object.entries(s.providers).map(([name, p]) => [
      name,
      { calls: p.answered + p.failed, cached: p.cached, ofLimit: (p.answered + p.failed) / seconds / bound },
    ]),
  );
  return {
    mode,
    leads: s.leads,
    seconds,
    leadsPerSecond: s.leads / seconds,
    // This process's CPU time (user + system) over the wall time: near 1 means leadsift is the limit.
    cpuBusy: (used.user + used.system) / 1e6 / seconds,
    cpuMicrosPerLead: (used.user + used.system) / s.leads,
    vendorsCpuBusy:
      vendorsCpu === undefined || vendorsCpuAfter === undefined
        ? undefined
        : (vendorsCpuAfter - vendorsCpu) / seconds,
    callsPerLead: calls / s.leads,
    busiestVendorOfLimit: Math.max(...Object.values(vendorsUse).map((v) => v.ofLimit)),
    vendors: vendorsUse,
    coverage: s.coverage,
    output: enrichedOutput(result),
  };
};

const results = [];
for (const mode of ['vendors', 'cached re-run']) {
  if (mode === 'cached re-run') {
    // As a new `leadsift enrich` would: a fresh store, nothing held in memory.
    await store.close();
    store = await openStore({ databaseUrl: join(out, 'bench.db') }, { clock });
  }
  const { output, ...r } = await runOnce(mode);
  if (results.length > 0) {
    r.sameOutputAsFirstRun = output === results[0].output;
    if (!r.sameOutputAsFirstRun) process.exitCode = 1;
  }
  results.push({ ...r, output });
  console.log(JSON.stringify(r));
}
await store.close();
vendors.kill();
writeFileSync(
  join(here, 'out', 'enrich.json'),
  `${JSON.stringify({ machine: machine(), leads, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, results: results.map(({ output: _output, ...r }) => r) }, null, 2)}\n`,
);
