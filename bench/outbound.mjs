/* global URL, setInterval, clearInterval, performance */
// Benchmark: preparing an outbound campaign (issue 11) over 10,000 target accounts — each
// account's firmographics from a local vendor over HTTP (the enrichment waterfall), its
// pre-qualification, the people at qualified accounts from the vendor's people search, each
// person's address from its email finder (verified), stored as leads in a fresh SQLite database,
// the plan, and the first messages rendered from stored facts. The vendor is a real HTTP server
// in a child process (no added latency). The targets are streamed and prepared in pages of 200,
// each page stored in one transaction. Reports accounts/s, peak memory and the load average at
// during the run (the machine is shared).
//
//   npm run bench:outbound            # 10,000 accounts
//   npm run bench:outbound -- 2000    # another size
//   LEADSIFT_BENCH_PG=postgres://root@127.0.0.1/<an empty database> npm run bench:outbound   # on PostgreSQL
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'out', 'outbound');
const dist = (p) => join(root, 'dist', p);

if (process.argv[2] === '--vendor') {
  // The vendor: 80 % of the companies are mid-size software firms in Germany, the rest small shops.
  const { createServer } = await import('node:http');
  const PEOPLE = [
    ['Alex', 'Vance', 'VP Sales'],
    ['Sam', 'Chen', 'Chief Executive Officer'],
    ['Kim', 'Lopez', 'Software Engineer'],
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://vendor');
    const domain = url.searchParams.get('domain') ?? '';
    const n = Number(/\d+/.exec(domain)?.[0] ?? 0);
    const saas = n % 5 !== 0;
    let body;
    if (url.pathname === '/companies')
      body = saas
        ? { name: `Company ${n}`, industry: 'Software', employees: '51-200', country: 'DE' }
        : { name: `Shop ${n}`, industry: 'Retail', employees: '1-10', country: 'DE' };
    else if (url.pathname === '/people')
      body = { people: PEOPLE.map(([f, l, t]) => ({ first_name: f, last_name: `${l}${n}`, title: t })) };
    else {
      const first = url.searchParams.get('first_name') ?? '';
      const last = url.searchParams.get('last_name') ?? '';
      body = { data: { email: `${first}.${last}@${domain}`.toLowerCase(), score: 95, status: 'valid' } };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
} else {
  const accounts = Number(process.argv[2] ?? 10_000);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const vendor = spawn(process.execPath, [fileURLToPath(import.meta.url), '--vendor'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve) =>
    vendor.stdout.once('data', (d) => resolve(Number(String(d).trim()))),
  );
  const base = `http://127.0.0.1:${port}`;

  const { openStore } = await import(dist('adapters/storage/open-store.js'));
  const { loadCriteria } = await import(dist('criteria/load-criteria.js'));
  const { createProviderCaller } = await import(dist('enrichment/call-provider.js'));
  const { memoryCache } = await import(dist('enrichment/enrichment-cache.js'));
  const { createHttpProvider } = await import(dist('enrichment/providers/http/create-http-provider.js'));
  const { HttpProviderConfig } = await import(dist('enrichment/providers/http/http-provider-config.js'));
  const { parseCampaign } = await import(dist('outbound/campaign-config.js'));
  const { createHttpPeopleSearch, PeopleSearchConfig } = await import(dist('outbound/people-search.js'));
  const { prepareCampaign } = await import(dist('outbound/prepare-campaign.js'));
  const { createCampaign } = await import(dist('outbound/run-campaign.js'));
  const { randomBytes, randomUUID } = await import('node:crypto');

  const databaseUrl = process.env.LEADSIFT_BENCH_PG ?? `sqlite:${join(out, 'outbound.db')}`;
  const store = await openStore({ databaseUrl });
  const clock = { now: () => Date.now() };
  const limits = { retries: 0, concurrency: 32, timeoutMs: 10_000 };
  const firmo = createHttpProvider(
    HttpProviderConfig.parse({
      name: 'firmo',
      url: `${base}/companies`,
      query: { domain: '{domain}' },
      requires: ['domain'],
      fields: {
        'company.name': 'name',
        'company.industry': 'industry',
        'company.employees': 'employees',
        'company.country': 'country',
      },
      confidence: 0.9,
      limits,
    }),
    {},
  );
  const finder = createHttpProvider(
    HttpProviderConfig.parse({
      name: 'finder',
      url: `${base}/email`,
      query: { domain: '{domain}', first_name: '{firstName}', last_name: '{lastName}' },
      requires: ['domain', 'firstName', 'lastName'],
      fields: { 'person.email': 'data.email' },
      confidence: { path: 'data.score', outOf: 100 },
      verification: { field: 'person.email', status: 'data.status', valid: ['valid'] },
      limits,
    }),
    {},
  );
  const config = parseCampaign(
    [
      'name: Bench',
      'targets: { domains: [placeholder.example] }',
      'personas:',
      '  - { name: Revenue leader, functions: [sales, operations], minSeniority: director }',
      '  - { name: Founder, functions: [executive], minSeniority: c_level }',
      'mode: review',
      'sender: { name: Dana Kim, email: dana@acme.example }',
      'sequence:',
      '  - afterDays: 0',
      "    subject: '{{company.name}} and lead routing'",
      '    template: Hi {{person.firstName}}, teams at {{company.industry}} companies like {{company.name}} lose hot leads. Worth a look?',
    ].join('\n'),
    'bench.yaml',
  );
  const id = 'bench';
  await createCampaign({ store: store.outbound }, { id, config }, 'bench');
  // The targets streamed, as `leadsift campaign prepare` streams its file: prepare pages them.
  function* targets() {
    for (let i = 0; i < accounts; i++) yield { domain: `company${i + 1}.example`, company: {} };
  }
  let peakRss = 0;
  const started = performance.now();
  const loads = [];
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (loads.length * 1000 < performance.now() - started) loads.push(loadavg()[0]);
  }, 100);
  const report = await prepareCampaign(
    {
      store: store.outbound,
      leads: store.leads,
      clock,
      newId: randomUUID,
      newToken: () => randomBytes(16).toString('base64url'),
      criteria: await loadCriteria(join(root, 'examples', 'criteria', 'bant.yaml')),
      people: createHttpPeopleSearch(
        PeopleSearchConfig.parse({ name: 'people', url: `${base}/people?domain={domain}` }),
        {},
      ),
      waterfall: {
        deps: { callers: [firmo, finder].map((p) => createProviderCaller(p)), cache: memoryCache(), clock },
        options: { minConfidence: 0.6 },
        budget: { remainingCents: Infinity },
      },
      concurrency: 32,
    },
    id,
    targets(),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  await store.close();
  vendor.kill();
  console.log(
    JSON.stringify(
      {
        accounts,
        database: databaseUrl.startsWith('sqlite') ? 'sqlite' : 'postgres',
        seconds: Math.round(seconds * 10) / 10,
        accountsPerSecond: Math.round(accounts / seconds),
        reached: report.reached,
        skipped: report.skipped,
        failed: report.failed,
        contacts: report.contacts,
        messages: report.messages,
        skippedContacts: report.skippedContacts.length,
        peakRssMiB: Math.round(peakRss / 2 ** 20),
        // The 1-minute load average during the run: lowest, highest.
        loadAverage: [Math.min(...loads), Math.max(...loads)].map((l) => Math.round(l * 10) / 10),
        machine: machine(),
      },
      null,
      2,
    ),
  );
}
