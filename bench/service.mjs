// Benchmark: `leadsift serve` under load (issue 6). Loads the demo into a fresh SQLite database
// (`leadsift demo` trains and activates a model, so decisions are rules + model), creates an API
// key, writes an actions file with one signed webhook to a receiver in this process, starts
// `leadsift serve` in a child process, and then, from this process, keeps 50 keep-alive
// connections busy posting seeded demo-like leads to `POST /v1/leads?wait=true` for a fixed time
// after a warm-up; then the same with 5 connections (a server that is not saturated); then with
// 100 leads a request. Reports leads/s, request latency (p50/p90/p99), the CPU each process used,
// and arrival → webhook delivered from the `touches` table (arrived_at → first_action_at) and
// from the receiver's side (request sent → webhook received).
//
//   npm run bench:service                          # 20 s a phase
//   npm run bench:service -- 10                    # another duration
//   LEADSIFT_BENCH_PROFILE=1 npm run bench:service # and a CPU profile of the server
//   LEADSIFT_BENCH_PHASES=single npm run bench:service  # some phases (single, light, batch)
//
// Figures go to bench/out/service.json; copy them into bench/README.md with the machine.
import { Buffer } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { machine } from './bench-support.mjs';
import { leadSource } from './service-leads.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(root, 'dist');
const out = join(here, 'out', 'service');
const cli = join(dist, 'cli', 'main.js');

const SECONDS = Number(process.argv[2] ?? 20);
const WARM_UP_SECONDS = 5;
const CONNECTIONS = 50;
const LIGHT_CONNECTIONS = 5;
const BATCH = 100;
const BATCH_CONNECTIONS = 10;
const DEMO_LEADS = 2000;
const SECRET = 'bench-webhook-secret-0123456789abcdef';
const WORKERS = Number(process.env.LEADSIFT_BENCH_WORKERS ?? 0);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const databasePath = join(out, 'service.db');
const env = { ...process.env, DATABASE_URL: databasePath, BENCH_WEBHOOK_SECRET: SECRET };
const leadsift = (args, database = databasePath) =>
  execFileSync(process.execPath, [cli, ...args], {
    env: { ...env, DATABASE_URL: database },
    encoding: 'utf8',
  });

// 1. Demo data and an active model, so that the service decides with rules + model. The demo's
// database is cached in bench/out/ (delete it after changing the demo); each run starts on a copy.
const demoDatabase = join(here, 'out', `service-demo-${DEMO_LEADS}.db`);
if (!existsSync(demoDatabase)) {
  const demoDir = join(here, 'out', 'service-demo');
  const demo = leadsift(['demo', '--leads', String(DEMO_LEADS), '--out', demoDir], `${demoDatabase}.tmp`);
  if (!demo.includes('saved as the active model')) throw new Error(`the demo activated no model:\n${demo}`);
  renameSync(`${demoDatabase}.tmp`, demoDatabase);
}
copyFileSync(demoDatabase, databasePath);
const token = leadsift(['keys', 'create', 'bench']).trim();

// 2. The webhook receiver: answers 200 at once and notes when each lead's event arrived.
const received = new Map();
let deliveries = 0;
const receiver = http.createServer((request, response) => {
  const parts = [];
  request.on('data', (c) => parts.push(c));
  request.on('end', () => {
    const at = performance.now();
    deliveries += 1;
    const email = JSON.parse(Buffer.concat(parts).toString('utf8')).lead?.email;
    if (typeof email === 'string' && !received.has(email)) received.set(email, at);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const receiverUrl = `http://127.0.0.1:${receiver.address().port}/hook`;
writeFileSync(
  join(out, 'actions.yaml'),
  `webhooks:\n  - name: bench-receiver\n    url: ${receiverUrl}\n    secretEnv: BENCH_WEBHOOK_SECRET\n    events: [lead.decided]\n`,
);

// 3. The server, in its own process.
const profile = process.env.LEADSIFT_BENCH_PROFILE === '1';
const server = spawn(
  process.execPath,
  [
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir', join(out, 'profile')] : []),
    cli,
    'serve',
    '--port',
    '0',
    '--actions',
    join(out, 'actions.yaml'),
    '--log-level',
    'warn',
    ...(WORKERS > 0 ? ['--no-worker'] : []),
  ],
  { env, stdio: ['ignore', 'inherit', 'pipe'] },
);
// LEADSIFT_BENCH_WORKERS=n: the pipeline in n `leadsift worker` processes beside `serve --no-worker`
// (the deployment that uses more than one core); by default it runs inside the server.
const workers = Array.from({ length: WORKERS }, () =>
  spawn(process.execPath, [cli, 'worker', '--actions', join(out, 'actions.yaml'), '--poll-ms', '10'], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  }),
);
const baseUrl = await new Promise((resolve, reject) => {
  let text = '';
  server.stderr.on('data', (d) => {
    text += String(d);
    const match = /serving on (http:\/\/[^\s]+)/.exec(text);
    if (match !== null) resolve(match[1]);
  });
  server.once('exit', (code) => reject(new Error(`leadsift serve exited (${code}):\n${text}`)));
});
server.stderr.pipe(process.stderr);
const { hostname, port } = new URL(baseUrl);

// 4. The load: `connections` loops, each posting a request and waiting for its answer.
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const post = (path, body) =>
  new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: hostname,
        port,
        path,
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        const parts = [];
        response.on('data', (c) => parts.push(c));
        response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(parts) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const summary = (values) => {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
  };
};

/** CPU seconds a process has used (user + system), from /proc on Linux; NaN elsewhere. */
const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const load = async ({ tag, seconds, connections, perRequest }) => {
  const next = await leadSource(dist, tag.length * 7919 + 42, tag);
  const sentAt = new Map();
  const latencies = [];
  const statuses = {};
  let leads = 0;
  const startedAt = new Date().toISOString();
  const cpu = { server: cpuSeconds(server.pid), bench: cpuSeconds(process.pid) };
  const started = performance.now();
  const until = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < until) {
      const batch = Array.from({ length: perRequest }, next);
      const body = JSON.stringify(perRequest === 1 ? batch[0] : { leads: batch });
      const t0 = performance.now();
      for (const lead of batch) sentAt.set(lead.email, t0);
      const answer = await post('/v1/leads?wait=true', body);
      latencies.push(performance.now() - t0);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 200) leads += perRequest;
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = cpuSeconds(server.pid) - cpu.server;
  return {
    tag,
    connections,
    leadsPerRequest: perRequest,
    seconds: elapsed,
    requests: latencies.length,
    statuses,
    leadsDecided: leads,
    leadsPerSecond: leads / elapsed,
    latencyMs: summary(latencies),
    // Share of one core each process used while loaded; the server's CPU per decided lead.
    cpu: {
      server: serverCpu / elapsed,
      loadGeneratorAndReceiver: (cpuSeconds(process.pid) - cpu.bench) / elapsed,
      serverMsPerLead: (1000 * serverCpu) / leads,
    },
    window: { from: startedAt, to: new Date().toISOString() },
    sentAt,
  };
};

const db = new Sqlite(databasePath, { readonly: true });
const pending = db.prepare(
  "select count(*) as n from jobs where kind in ('qualify', 'webhook') and status in ('ready', 'running')",
);
const drain = async () => {
  const deadline = Date.now() + 60_000;
  while (pending.get().n > 0 && Date.now() < deadline) await sleep(100);
  return pending.get().n;
};
const touches = db.prepare(
  'select arrived_at, first_action_at from touches where arrived_at >= ? and arrived_at <= ?',
);

/** Arrival → first action from the store, and send → webhook received at the receiver. */
const arrivalToWebhook = (run) => {
  const rows = touches.all(run.window.from, run.window.to);
  const delivered = rows.filter((r) => r.first_action_at !== null);
  const store = delivered.map((r) => Date.parse(r.first_action_at) - Date.parse(r.arrived_at));
  const receiverSide = [];
  for (const [email, t0] of run.sentAt) {
    const at = received.get(email);
    if (at !== undefined) receiverSide.push(at - t0);
  }
  return {
    touches: rows.length,
    delivered: delivered.length,
    storeMs: summary(store),
    receiverMs: summary(receiverSide),
  };
};

const phase = async (name, options) => {
  await load({ ...options, tag: `${name}w`, seconds: WARM_UP_SECONDS });
  await drain();
  const run = await load({ ...options, tag: name, seconds: SECONDS });
  const left = await drain();
  const { sentAt: _sentAt, ...figures } = run;
  const result = { phase: name, ...figures, arrivalToWebhook: arrivalToWebhook(run), undrainedJobs: left };
  console.log(JSON.stringify(result));
  return result;
};

const results = [];
try {
  const phases = (process.env.LEADSIFT_BENCH_PHASES ?? 'single,light,batch').split(',');
  if (phases.includes('single'))
    results.push(await phase('single', { connections: CONNECTIONS, perRequest: 1 }));
  // Speed to first touch when the server is not saturated: 5 connections instead of 50.
  if (phases.includes('light'))
    results.push(await phase('light', { connections: LIGHT_CONNECTIONS, perRequest: 1 }));
  if (phases.includes('batch'))
    results.push(await phase('batch', { connections: BATCH_CONNECTIONS, perRequest: BATCH }));
} finally {
  agent.destroy();
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  for (const worker of workers) worker.kill('SIGTERM');
  await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
  receiver.close();
  db.close();
}
writeFileSync(
  join(here, 'out', 'service.json'),
  `${JSON.stringify({ machine: machine(), seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, demoLeads: DEMO_LEADS, deliveries, results }, null, 2)}\n`,
);
