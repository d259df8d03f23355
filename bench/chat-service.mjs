// Benchmark: chat with the agent over the real HTTP API (issue 9). A listening `startService`
// (in-process worker: each visitor's lead is qualified in the background, as in production)
// with a conversations file; `visitors` concurrent browsers each open a chat
// (`POST /chat/v1/sessions`: the lead is created, the conversation opened) and send the five
// messages of a BANT conversation (`POST /chat/v1/messages`, each a full turn: load, read,
// decide through the active criteria, store state and transcript in one transaction, keep the
// facts on the lead and queue its re-decision). Reports chats opened and turns per second and
// each request's latency (p50/p99/max) on SQLite, and on PostgreSQL when DATABASE_URL is one.
//
//   npm run build && node bench/chat-service.mjs            # 40 visitors × 4 rounds, SQLite
//   DATABASE_URL=postgres://… node bench/chat-service.mjs 40 4
// LEADSIFT_DIST points at another build (dist/ by default).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.LEADSIFT_DIST ?? join(here, '..', 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const visitors = Number(process.argv[2] ?? 40);
const rounds = Number(process.argv[3] ?? 4);
const { startService } = await load('service/start-service.js');
const { parseChannelsConfig } = await load('channels/channels-config.js');

const dir = mkdtempSync(join(tmpdir(), 'leadsift-chat-bench-'));
const databaseUrl = process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
const config = parseChannelsConfig(
  `
knowledge: knowledge
timeZone: Europe/Berlin
reps:
  - { id: dana, name: Dana Kim, email: dana@example.com, timeZone: Europe/Berlin, workingHours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]] } }
chat: { sites: [{ key: bench_site_key, name: Bench }], sessionsPerMinute: 100000, messagesPerMinute: 100000 }
`,
  'conversations.yaml',
);
const criteria = readFileSync(join(here, '..', 'examples', 'criteria', 'bant.yaml'), 'utf8').replace(
  /required:\n( {2}- .*\n)+/,
  'required: []\n',
);
const service = await startService({
  databaseUrl,
  app: { logLevel: false },
  listen: { host: '127.0.0.1', port: 0 },
  criteria: { text: criteria, fileName: 'bant.yaml' },
  conversations: { config, secrets: {}, baseDir: join(here, '..', 'examples') },
});
const base = service.url;
const MESSAGES = [
  'We need better lead scoring for our SDR team',
  'Within the next two months',
  'It is my decision, I run sales',
  'Around 20k a year',
  'the second one',
];

const opens = [];
const turns = [];
const post = async (path, body, headers = {}) => {
  const t0 = performance.now();
  const response = await globalThis.fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
  return { json, ms: performance.now() - t0 };
};
const visitor = async (round, i) => {
  const opened = await post('/chat/v1/sessions', {
    site: 'bench_site_key',
    email: `v${round}-${i}@bench${i}.io`,
  });
  opens.push(opened.ms);
  for (const text of MESSAGES) {
    const turn = await post('/chat/v1/messages', { text }, { 'x-chat-session': opened.json.sessionToken });
    turns.push(turn.ms);
  }
};

// Warm-up: one round not counted.
await Promise.all(Array.from({ length: Math.min(visitors, 8) }, (_, i) => visitor('w', i)));
opens.length = 0;
turns.length = 0;
const started = performance.now();
for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: visitors }, (_, i) => visitor(r, i)));
const seconds = (performance.now() - started) / 1000;
await service.close();
rmSync(dir, { recursive: true, force: true });

const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const round1 = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify(
    {
      store: databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite',
      visitors,
      rounds,
      chats: opens.length,
      turns: turns.length,
      seconds: round1(seconds),
      turnsPerSecond: round1(turns.length / seconds),
      openMs: { p50: round1(pct(opens, 50)), p99: round1(pct(opens, 99)), max: round1(Math.max(...opens)) },
      turnMs: { p50: round1(pct(turns, 50)), p99: round1(pct(turns, 99)), max: round1(Math.max(...turns)) },
      machine: machine(),
    },
    null,
    2,
  ),
);
