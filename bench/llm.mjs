// Benchmark: `classifyLead` (src/llm) on 1,000 generated leads against a local
// OpenAI-compatible chat-completions server that answers every request after 300 ms, in its
// own process (so that its work is not counted as ours). Reports leads/s at the client's
// concurrency, and the overhead leadsift adds per call, three ways:
//   - wall: the run's wall time beyond what the latency alone makes it (⌈n ÷ c⌉ × 300 ms),
//     per call on the critical path;
//   - sequential: one call at a time, each call's time minus the server's 300 ms, beside a
//     bare `fetch` of the same request and answer (the floor of any HTTP client);
//   - CPU: this process's CPU time per call (prompt, schema, HTTP, parsing, validation),
//     beside the same for the bare `fetch` and for the classifier without HTTP.
//
//   npm run bench:llm              # 1,000 leads, concurrency 32
//   npm run bench:llm -- 2000 64   # other sizes
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { machine } from './bench-support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dist = (p) => join(here, '..', 'dist', p);
const LATENCY_MS = 300;

/** The answer the server gives: valid for any lead (it cites F1, which every lead has). */
const ANSWER = {
  verdict: 'qualified',
  score: 81,
  fit: { level: 'strong', summary: 'A sales leader at a mid-sized software company.' },
  intent: { level: 'medium', summary: 'Visited the pricing page twice.' },
  reasons: [
    { text: 'Sales leader at a 200-person software company', kind: 'fit', effect: 40, facts: ['F1', 'F3'] },
    { text: 'Visited the pricing page twice this month', kind: 'intent', effect: 20, facts: ['F1'] },
  ],
  missing: [{ field: 'budget', question: 'Is there a budget for this?' }],
  nextQuestion: 'When do you need this in place?',
};
const ANSWER_TEXT = JSON.stringify(ANSWER);
const COMPLETION = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_796_000_000,
  model: 'bench-model',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content: JSON.stringify(ANSWER), refusal: null },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 900, completion_tokens: 180, total_tokens: 1080 },
});

if (process.argv[2] === '--server') {
  const latency = Number(process.argv[3]);
  let last = '';
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      // GET /last answers the last request body at once: the bare-fetch baseline sends the same.
      if (req.method === 'GET') return res.end(last);
      last = Buffer.concat(chunks).toString('utf8');
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(COMPLETION);
      }, latency);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify(server.address().port)}\n`));
} else {
  await main();
}

async function main() {
  const leads = Number(process.argv[2] ?? 1000);
  const concurrency = Number(process.argv[3] ?? 32);
  const { createLlmClient, classifyLead } = await import(dist('llm/index.js'));

  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--server', String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve) =>
    child.stdout.once('data', (d) => resolve(JSON.parse(String(d)))),
  );
  const baseUrl = `http://127.0.0.1:${port}/v1`;

  const at = '2026-11-20T10:00:00.000Z';
  const input = (i) => ({
    criteria: {
      playbook: 'default',
      icp: 'B2B SaaS companies with 50 to 1,000 employees in North America or Europe; the buyer is a sales or revenue leader.',
      summary: 'Hard disqualifiers: students, free-mail addresses.',
    },
    facts: [
      {
        field: 'person.title',
        value: `VP of Sales ${i}`,
        provenance: { source: 'input', at, column: 'Title' },
      },
      {
        field: 'person.seniority',
        value: 'vp',
        provenance: { source: 'normalization', at, rule: 'title.seniority', from: 'person.title' },
      },
      {
        field: 'company.employees',
        value: { min: 200, max: 200 },
        provenance: { source: 'enrichment', at, provider: 'firmographics', confidence: 0.9 },
      },
      {
        field: 'company.industry',
        value: 'software',
        provenance: { source: 'input', at, column: 'Industry' },
      },
      {
        field: 'custom.notes',
        value: `Looking to replace our spreadsheet process, lead ${i}.`,
        provenance: { source: 'input', at, column: 'Notes' },
      },
    ],
    intent: {
      windowDays: 90,
      events: [{ type: 'pricing_page_view', count: 2, lastAt: '2026-11-26T09:00:00.000Z' }],
    },
  });

  const cpuMs = (since) => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1000;
  };

  /** Runs `call(i)` for i < n with at most `c` in flight; wall ms and this process's CPU ms. */
  const pool = async (n, c, call) => {
    let next = 0;
    const cpu = process.cpuUsage();
    const t = performance.now();
    await Promise.all(
      Array.from({ length: c }, async () => {
        while (next < n) await call(next++);
      }),
    );
    return { wallMs: performance.now() - t, cpuMs: cpuMs(cpu) };
  };
  const waves = Math.ceil(leads / concurrency);
  const idealMs = waves * LATENCY_MS;

  // Warm up (JIT, connections), and keep one real request body for the bare-fetch baseline.
  const warm = createLlmClient('openai-compatible:bench-model', { baseUrl, concurrency });
  await pool(10 * concurrency, concurrency, (i) => classifyLead(warm, input(-i)));
  const body = await (await globalThis.fetch(`${baseUrl}/last`)).text();
  const bareFetch = async () => {
    const res = await globalThis.fetch(`${baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    return JSON.parse((await res.json()).choices[0].message.content);
  };
  await pool(10 * concurrency, concurrency, bareFetch);

  // 1. Throughput at the configured concurrency, and the same calls as bare fetches.
  const client = createLlmClient('openai-compatible:bench-model', { baseUrl, concurrency, retries: 0 });
  const results = new Array(leads);
  const run = await pool(leads, concurrency, async (i) => {
    results[i] = await classifyLead(client, input(i));
  });
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0) throw new Error(`${failed} leads failed: ${results.find((r) => !r.ok).message}`);
  const bare = await pool(leads, concurrency, bareFetch);

  // 2. One call at a time: classifyLead beside a bare fetch of the same request.
  const SEQUENTIAL = 40;
  const timeEach = async (call) => {
    const times = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      await call(i);
      times.push(performance.now() - t - LATENCY_MS);
    }
    times.sort((a, b) => a - b);
    return { median: times[times.length >> 1], mean: times.reduce((s, x) => s + x, 0) / times.length };
  };
  const one = createLlmClient('openai-compatible:bench-model', { baseUrl, concurrency: 1 });
  const seqLeadsift = await timeEach((i) => classifyLead(one, input(i)));
  const seqFetch = await timeEach(bareFetch);

  // 3. The classifier's own work without HTTP: a client answering at once, in this process.
  const answered = {
    complete: async (request) => ({
      json: request.schema.validator.safeParse(JSON.parse(ANSWER_TEXT)).data,
      usage: { inputTokens: 900, outputTokens: 180 },
      raw: ANSWER_TEXT,
      cached: false,
      attempts: 1,
    }),
    model: 'in-process',
    totals: () => ({}),
  };
  for (let i = 0; i < 500; i++) await classifyLead(answered, input(i));
  const cpuC = process.cpuUsage();
  for (let i = 0; i < leads; i++) await classifyLead(answered, input(i));
  const classifierCpuMs = cpuMs(cpuC);

  child.kill();
  const round = (x, d = 2) => Number(x.toFixed(d));
  console.log(
    JSON.stringify(
      {
        machine: machine(),
        leads,
        concurrency,
        latencyMs: LATENCY_MS,
        wallSeconds: round(run.wallMs / 1000, 3),
        leadsPerSecond: round(leads / (run.wallMs / 1000), 1),
        ceilingLeadsPerSecond: round(leads / (idealMs / 1000), 1),
        bareFetchPerSecond: round(leads / (bare.wallMs / 1000), 1),
        wallBeyondLatencyPerCallMs: round((run.wallMs - idealMs) / waves),
        bareFetchWallBeyondLatencyPerCallMs: round((bare.wallMs - idealMs) / waves),
        cpuPerCallMs: round(run.cpuMs / leads),
        bareFetchCpuPerCallMs: round(bare.cpuMs / leads),
        classifierWithoutHttpCpuPerCallMs: round(classifierCpuMs / leads, 3),
        sequential: {
          calls: SEQUENTIAL,
          classifyLeadBeyondLatencyMs: { median: round(seqLeadsift.median), mean: round(seqLeadsift.mean) },
          bareFetchBeyondLatencyMs: { median: round(seqFetch.median), mean: round(seqFetch.mean) },
        },
        requestBytes: body.length,
        tokens: client.totals(),
      },
      null,
      2,
    ),
  );
}
