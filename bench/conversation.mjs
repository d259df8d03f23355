// Benchmark: the offline conversational agent (src/conversation) — every scripted prospect of
// src/conversation/scripted/prospect-scripts.ts (36 conversations, terse to chatty, opt-outs,
// questions answered from examples/knowledge, slots offered and booked) run through
// `stepConversation` again and again in one process. Reports turns per second (wall time of
// whole conversations, opening included) and the latency of each prospect turn (one
// `stepConversation`: understanding, facts, decision, knowledge retrieval, slots, booking and
// the iCalendar invitation), p50/p99/max after a warm-up, and the very first turn of the process
// (cold: chrono-node and compromise load their tables and the JIT has not run).
//
//   npm run bench:conversation          # 200 rounds of the 36 scripts
//   npm run bench:conversation -- 500   # more rounds
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const load = (p) => import(pathToFileURL(join(here, '..', 'dist', p)).href);

const rounds = Number(process.argv[2] ?? 200);
const { readKnowledgeBase } = await load('conversation/knowledge/read-knowledge-base.js');
const { PROSPECT_SCRIPTS, SCRIPT_NOW } = await load('conversation/scripted/prospect-scripts.js');
const { runScript } = await load('conversation/scripted/run-script.js');
const { SCRIPT_CALENDAR } = await load('conversation/scripted/script-world.js');

const world = {
  now: SCRIPT_NOW,
  knowledge: await readKnowledgeBase(join(here, '..', 'examples', 'knowledge')),
  calendar: SCRIPT_CALENDAR,
};
const clock = () => performance.now();

// The first turn of the process, before anything is warm.
const first = runScript(PROSPECT_SCRIPTS[1], world, clock).turnMs[0];

for (let i = 0; i < 20; i++) for (const script of PROSPECT_SCRIPTS) runScript(script, world, clock);

const latencies = [];
let conversations = 0;
const started = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const script of PROSPECT_SCRIPTS) {
    const run = runScript(script, world, clock);
    for (const ms of run.turnMs) latencies.push(ms);
    conversations++;
  }
}
const wallSeconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
const result = {
  machine: machine(),
  rounds,
  conversations,
  turns: latencies.length,
  turnsPerSecond: Math.round(latencies.length / wallSeconds),
  conversationsPerSecond: Math.round(conversations / wallSeconds),
  p50Ms: Number(at(0.5).toFixed(3)),
  p99Ms: Number(at(0.99).toFixed(3)),
  maxMs: Number(latencies[latencies.length - 1].toFixed(3)),
  firstTurnColdMs: Number(first.toFixed(1)),
  targetP99Ms: 20,
};
console.log(JSON.stringify(result, null, 2));
console.log(
  `${result.turns} turns in ${conversations} conversations: ${result.turnsPerSecond} turns/s, ` +
    `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms per turn ` +
    `(target p99 < ${result.targetP99Ms} ms: ${result.p99Ms < result.targetP99Ms ? 'met' : 'NOT met'}); ` +
    `cold first turn ${result.firstTurnColdMs} ms`,
);
