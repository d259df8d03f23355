// Benchmark: the dashboard's lead list with 100,000 leads stored (issue 8). Fills a SQLite
// database through the store (leads; one decision each, a third of them decided twice as
// re-qualification does; a route per decision with an owner for AE routes), starts the HTTP API
// on it without a worker, and times, over HTTP with an API key, the first page of the leads page,
// a page deep into the list, each filter, text search, score order, the filter values and the
// metrics. Each request is repeated (after a warm-up) and reported as p50/p90 ms.
//
//   npm run bench:dashboard            # 100,000 leads
//   npm run bench:dashboard -- 20000   # another size
//
// The filled database is cached in bench/out/ per size (delete it after changing the schema or the
// fill; the leads' arrival times are relative to the fill's day);
// figures go to bench/out/dashboard.json. Filters a build does not know answer 400 and are
// reported as such, so that the same script measures the build before.
/* global document, Event, setTimeout -- the page measurements run in the browser */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
// LEADSIFT_DIST measures another build (a copy of dist/ kept under bench/out/) on the same data.
const dist = process.env.LEADSIFT_DIST ?? join(here, '..', 'dist');
const { openStore } = await import(join(dist, 'adapters/storage/open-store.js'));
const { startService } = await import(join(dist, 'service/start-service.js'));

const LEADS = Number(process.argv[2] ?? 100_000);
const REPEAT = 30;
const WARM_UP = 3;
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
// LEADSIFT_BENCH_DB: another copy of the filled database (a build before a migration cannot open
// one that a later build has migrated).
const database = process.env.LEADSIFT_BENCH_DB ?? join(out, `dashboard-${LEADS}.db`);

// A seeded generator (mulberry32), so every run fills the same data.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];

const FIRST = ['Dana', 'Omar', 'Lee', 'Maria', 'Chen', 'Aisha', 'Lucas', 'Priya', 'John', 'Sofia'];
const LAST = ['Kim', 'Haddad', 'Park', 'Lopez', 'Wang', 'Khan', 'Silva', 'Patel', 'Smith', 'Rossi'];
const COMPANIES = Array.from({ length: 5000 }, (_, i) => `company${i}`);
const SOURCES = ['Website', 'Demo Request', 'Webinar', 'Referral', 'Paid Search', 'Trade Show'];
const PLAYBOOKS = ['default', 'enterprise-demo', 'content-nurture'];
const REPS = Array.from({ length: 8 }, (_, i) => ({
  id: `rep${i}`,
  name: `Rep ${i}`,
  email: `rep${i}@example.com`,
}));
const VERDICTS = ['qualified', 'not_qualified', 'needs_info'];

const draft = (i, at) => {
  const provenance = { source: 'input', at, origin: 'bench', line: i + 2 };
  const fact = (value) => ({ value, provenance });
  const company = pick(COMPANIES);
  const first = pick(FIRST);
  const last = pick(LAST);
  return {
    person: {
      firstName: fact(first),
      lastName: fact(last),
      email: fact(`${first.toLowerCase()}.${last.toLowerCase()}.${i}@${company}.com`),
    },
    company: { name: fact(company), domain: fact(`${company}.com`) },
    source: fact(pick(SOURCES)),
    consent: {},
    custom: {},
    raw: {},
    receivedAt: at,
  };
};

const decision = (leadId, at) => {
  const verdict = VERDICTS[random() < 0.2 ? 0 : random() < 0.75 ? 1 : 2];
  const fit = Math.round(random() * 100);
  const intent = Math.round(random() * 100);
  return {
    leadId,
    verdict,
    score: Math.round((fit + intent) / 2),
    grade: `${'ABCD'[Math.min(3, Math.floor((100 - fit) / 25))]}${1 + Math.min(3, Math.floor((100 - intent) / 25))}`,
    fit: { score: fit, grade: 'ABCD'[Math.min(3, Math.floor((100 - fit) / 25))] },
    intent: { score: intent, grade: 1 + Math.min(3, Math.floor((100 - intent) / 25)) },
    playbook: pick(PLAYBOOKS),
    reasons: [
      { text: `Intent grade is below the bar this path requires`, kind: 'intent', effect: 0, facts: [] },
      { text: 'Software is a target industry', kind: 'fit', effect: 20, facts: [] },
      { text: 'Visited the pricing page', kind: 'intent', effect: 12, facts: [] },
    ],
    missing: [],
    versions: { engine: 'bench', criteria: 'criteria@bench' },
    decidedAt: at,
  };
};

/** Fill the database through the store: leads, decisions and routes as the pipeline saves them. */
const fill = async (path) => {
  // The leads arrive evenly over the 60 days before the fill, so that the metrics' default periods
  // (the last 30 days against the 30 before) hold half of them each, as in use.
  const started = Date.now();
  let arrival = started - 60 * 86_400_000;
  const store = await openStore({ databaseUrl: path }, { clock: { now: () => arrival } });
  const at = '2026-11-01T00:00:00.000Z';
  for (let i = 0; i < LEADS; i += 1000) {
    arrival = started - 60 * 86_400_000 + Math.floor((i / LEADS) * 60 * 86_400_000);
    const drafts = Array.from({ length: Math.min(1000, LEADS - i) }, (_, j) => draft(i + j, at));
    const results = await store.leads.upsertLeads(drafts);
    const ids = results.map((r) => r.id);
    const again = ids.filter(() => random() < 1 / 3);
    const [job] = await store.jobs.enqueue([{ kind: 'qualify', payload: {} }]);
    await store.jobs.claim({ worker: 'bench', kinds: ['qualify'], limit: 1, leaseMs: 600_000 });
    await store.jobs.finish('bench', [job], async (tx) => {
      for (const [k, id] of [...ids, ...again].entries()) {
        const day = `2026-11-${String(1 + (k % 28)).padStart(2, '0')}T10:00:00.000Z`;
        const d = decision(id, day);
        const decisionId = await tx.saveDecision(d);
        const ae = d.verdict === 'qualified';
        await tx.saveTouch({
          leadId: id,
          decisionId,
          route: {
            destination: ae ? 'ae' : d.verdict === 'needs_info' ? 'nurture' : 'disqualify',
            ...(ae ? { owner: pick(REPS) } : {}),
            rule: 'bench',
            reason: 'bench',
          },
          arrivedAt: day,
          decidedAt: day,
          routedAt: day,
        });
      }
      return new Map();
    });
    if ((i / 1000) % 20 === 0) process.stderr.write(`  ${i + drafts.length} leads\n`);
  }
  const { token } = await store.service.createApiKey('bench', ['admin']);
  await store.close();
  return { token, seconds: (Date.now() - started) / 1000 };
};

const tokenFile = `${database}.key`;
if (!existsSync(database)) {
  process.stderr.write(`filling ${database} with ${LEADS} leads…\n`);
  rmSync(`${database}.tmp`, { force: true });
  const filled = await fill(`${database}.tmp`);
  writeFileSync(tokenFile, filled.token);
  renameSync(`${database}.tmp`, database);
  process.stderr.write(`  filled in ${filled.seconds.toFixed(0)} s\n`);
}
const token = readFileSync(tokenFile, 'utf8');

const opening = performance.now();
const service = await startService({
  databaseUrl: database,
  worker: false,
  listen: { host: '127.0.0.1', port: 0 },
  app: { logLevel: false },
});
// The first start of a build on a copy of the database runs its new migrations (index builds).
process.stdout.write(`service started in ${((performance.now() - opening) / 1000).toFixed(1)} s\n`);

const time = async (path) => {
  const times = [];
  let status = 0;
  let body;
  for (let i = 0; i < WARM_UP + REPEAT; i += 1) {
    const t0 = performance.now();
    const response = await globalThis.fetch(`${service.url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    body = await response.json();
    status = response.status;
    if (i >= WARM_UP) times.push(performance.now() - t0);
    if (status !== 200) break;
  }
  if (status !== 200) return { path, status, error: body?.error?.message };
  times.sort((a, b) => a - b);
  const q = (p) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  const rows = Array.isArray(body?.leads) ? body.leads.length : undefined;
  return { path, p50: q(0.5), p90: q(0.9), ...(rows === undefined ? {} : { rows }) };
};

// A cursor 20 pages (1,000 leads) deep.
let deep = '';
for (let i = 0; i < 20; i += 1) {
  const response = await globalThis.fetch(
    `${service.url}/v1/leads?limit=50${deep === '' ? '' : `&cursor=${deep}`}`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  deep = (await response.json()).next ?? '';
}

const paths = [
  '/v1/leads?limit=50',
  `/v1/leads?limit=50&cursor=${deep}`,
  '/v1/leads?limit=50&verdict=qualified',
  '/v1/leads?limit=50&verdict=needs_info',
  '/v1/leads?limit=50&grade=A1',
  '/v1/leads?limit=50&playbook=enterprise-demo',
  '/v1/leads?limit=50&owner=rep3',
  '/v1/leads?limit=50&source=Referral',
  '/v1/leads?limit=50&verdict=qualified&owner=rep3',
  '/v1/leads?limit=50&q=company4242',
  '/v1/leads?limit=50&q=dana',
  '/v1/leads?limit=50&q=dana.kim.4',
  '/v1/leads?limit=50&q=zz',
  '/v1/leads?limit=50&sort=score_desc',
  '/v1/leads?limit=50&sort=score_desc&verdict=qualified',
  '/v1/leads?limit=50&sort=fit_desc',
  '/v1/leads?limit=50&sort=intent_asc',
  '/v1/leads?limit=50&sort=grade_asc',
  '/v1/leads?limit=50&sort=fit_desc&verdict=qualified',
  '/v1/leads/facets',
  '/v1/metrics',
];
// LEADSIFT_BENCH_ONLY=metrics times only the paths containing that text (and skips the browser).
const only = process.env.LEADSIFT_BENCH_ONLY;
const results = [];
for (const path of paths.filter((p) => only === undefined || p.includes(only))) {
  const r = await time(path);
  results.push(r);
  process.stdout.write(
    `${path.replace(deep, '<1,000 deep>').padEnd(56)} ${r.status === undefined ? `p50 ${String(r.p50).padStart(7)} ms  p90 ${String(r.p90).padStart(7)} ms` : `${r.status} ${r.error ?? ''}`}\n`,
  );
}
// The page itself in Chromium (when installed and the dashboard is built): sign in and wait for
// the 50 rows, then pick a verdict and wait for the filtered rows; timed in the page, five times
// each, median. (Build the dashboard with `npm run build`: a development build is much slower.)
const browserFigures = only === undefined ? await measureInBrowser(service.url, token) : undefined;
if (browserFigures !== undefined) {
  process.stdout.write(
    `in Chromium: sign-in → 50 rows ${browserFigures.firstRowsMs} ms; verdict filter → rows ${browserFigures.filterMs} ms\n`,
  );
}
await service.close();
writeFileSync(
  join(out, only === undefined ? 'dashboard.json' : `dashboard-${only.replace(/\W+/g, '-')}.json`),
  `${JSON.stringify({ machine: machine(), leads: LEADS, repeat: REPEAT, results, browser: browserFigures }, null, 2)}\n`,
);

async function measureInBrowser(url, key) {
  if (!existsSync('/usr/bin/chromium') || !existsSync(join(dist, 'web', 'index.html'))) {
    process.stdout.write('(no /usr/bin/chromium or no dist/web: the page is not measured in a browser)\n');
    return undefined;
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
  const first = [];
  const filter = [];
  try {
    for (let i = 0; i < 5; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(url);
      await page.getByLabel('API key').fill(key);
      // Timed inside the page, from the click to the rows on screen (no automation round trips).
      first.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          document.querySelector('button[type=submit]').click();
          while (document.querySelectorAll('tr[data-lead]').length !== 50)
            await new Promise((r) => setTimeout(r, 2));
          return performance.now() - t0;
        }),
      );
      filter.push(
        await page.evaluate(async () => {
          const t0 = performance.now();
          const select = document.querySelector('select[aria-label="Verdict"]');
          select.value = 'needs_info';
          select.dispatchEvent(new Event('change', { bubbles: true }));
          const done = () => {
            const badges = [...document.querySelectorAll('tr[data-lead] .badge')];
            return badges.length === 50 && badges.every((b) => b.textContent === 'needs info');
          };
          while (!done()) await new Promise((r) => setTimeout(r, 2));
          return performance.now() - t0;
        }),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const median = (xs) => Math.round(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
  return { firstRowsMs: median(first), filterMs: median(filter) };
}
