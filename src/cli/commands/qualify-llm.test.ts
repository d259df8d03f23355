import { readRows } from '../../test-support/read-rows.js';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLlmServer, type LlmServer } from '../../llm/test-support/llm-server.js';
import { requestFacts, titleJudge } from '../../llm/test-support/title-judge.js';
import { runCli } from '../../test-support/run-cli.js';

const BANT = new URL('../../../examples/criteria/bant.yaml', import.meta.url).pathname;
const TITLES = [
  'VP Sales',
  'Sales Intern',
  'Head of Marketing',
  'Account Manager',
  'Chief Revenue Officer',
  '',
];

let dir = '';
let server: LlmServer;
const file = (name: string): string => join(dir, name);
const leadsift = (...args: string[]) => runCli(file('leadsift.db'), ...args);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'leadsift-qualify-llm-'));
  // 30 leads and one that intake rejects; an AE's verdict on each of the first 12.
  const lines = ['Email,Title,Company,Website,Industry,Employees,Country,AE'];
  for (let i = 0; i < 30; i++) {
    const title = TITLES[i % TITLES.length]!;
    const ae = i >= 12 ? '' : /VP|Head|Chief/.test(title) ? 'yes' : 'no';
    lines.push(`lead${i}@co${i}.com,${title},Co ${i},co${i}.com,Software,${100 + i * 10},US,${ae}`);
  }
  lines.push('not-an-email,VP Sales,Bad Row,,Software,100,US,');
  await writeFile(file('leads.csv'), `${lines.join('\n')}\n`);
  server = await startLlmServer('openai', [], { apiKey: 'sk-test', judge: titleJudge });
  vi.stubEnv('OPENAI_API_KEY', 'sk-test');
  vi.stubEnv('LEADSIFT_LLM_BASE_URL', `${server.base}/v1`);
});

afterEach(() => {
  server.replies.length = 0;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('leadsift qualify --llm', () => {
  it('runs a trial on a seeded sample: every row counted, the LLM beside rules, answers cached for the next run', async () => {
    const before = server.received.length;
    const args = ['qualify', file('leads.csv'), '--criteria', BANT, '--llm', 'openai-compatible:test-model'];
    const trial = [...args, '--sample', '10', '--out', file('trial.csv'), '--rejects', file('rejects.csv')];
    const first = await leadsift(...trial);
    expect(first.err).toMatch(/rows 31 = decided 10 \+ rejected 1 \+ not in the sample 20/);
    expect(first.err).toMatch(/LLM openai-compatible:test-model \(policy advise\): 10 opinions, 0 failed/);
    expect(first.err).toMatch(/calls 10, answers from the cache 0/);
    expect(first.code).toBe(0);
    expect(server.received.length - before).toBe(10);
    const rows = await readRows(file('trial.csv'));
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const expected =
        row['Title'] === ''
          ? 'needs_info'
          : /VP|Head|Chief/.test(row['Title']!)
            ? 'qualified'
            : 'not_qualified';
      expect(row['llm_verdict'], row['Email']).toBe(expected);
      expect(row['llm_effect']).toBe('none');
      expect(row['llm_error']).toBe('');
      expect(row['reasons']).toMatch(/The LLM (agrees|would say)/);
    }
    // The lead's facts reached the model quoted as data, with their provenance.
    const facts = requestFacts(server.bodies().at(-1)!);
    expect(facts.find((f) => f.field === 'person.email')).toMatchObject({ id: 'F1' });
    // The same seed picks the same sample; its answers now come from the store.
    const again = await leadsift(...trial.slice(0, -4), '--out', file('trial-2.csv'));
    expect(again.err).toMatch(/calls 0, answers from the cache 10/);
    expect(server.received.length - before).toBe(10);
    expect(await readFile(file('trial-2.csv'), 'utf8')).toBe(await readFile(file('trial.csv'), 'utf8'));
  });

  it('feeds compare: the LLM against leadsift and the AE, and leadsift against the AE', async () => {
    await leadsift(
      'qualify', file('leads.csv'), '--criteria', BANT, '--llm', 'openai-compatible:test-model', '--out', file('all.csv'),
    ); // prettier-ignore
    const { out, code } = await leadsift('compare', file('all.csv'), '--human', 'AE', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      compared: number;
      llm: Record<string, { compared: number; agreed: number; skipped: unknown[] }>;
    };
    expect(report.compared).toBe(12);
    // The stand-in judges by title as the AE did, but asks for more where there is no title.
    expect(report.llm['AE']).toMatchObject({ compared: 12, agreed: 10 });
    expect(report.llm['verdict']?.compared).toBe(30);
    const text = await leadsift('compare', file('all.csv'));
    expect(text.out).toMatch(/^LLM vs verdict: 30 rows compared \(0 skipped\)/);
  });

  it('decide policy: the LLM’s verdict is the decision and the output says it changed', async () => {
    const { code } = await leadsift(
      'qualify', file('leads.csv'), '--criteria', BANT, '--llm', 'openai-compatible:test-model',
      '--llm-policy', 'decide', '--out', file('decided.csv'),
    ); // prettier-ignore
    expect(code).toBe(0);
    const rows = await readRows(file('decided.csv'));
    expect(rows).toHaveLength(30);
    for (const row of rows) {
      expect(row['verdict']).toBe(row['llm_verdict']);
      if (row['llm_effect'] === 'changed') expect(row['reasons']).toMatch(/^The LLM judged this lead/);
    }
    expect(rows.some((r) => r['llm_effect'] === 'changed')).toBe(true);
  });

  it('stops with LLM_FAILED (exit 69) when the key is refused, instead of going through the file', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-wrong');
    try {
      const before = server.received.length;
      const { code, err } = await leadsift(
        'qualify', file('leads.csv'), '--criteria', BANT, '--llm', 'openai-compatible:other-model', '--llm-concurrency', '1',
        '--out', file('refused.csv'),
      ); // prettier-ignore
      expect(code).toBe(69);
      expect(err).toMatch(/the LLM refused the API key/);
      expect(server.received.length - before).toBeLessThanOrEqual(2);
    } finally {
      vi.stubEnv('OPENAI_API_KEY', 'sk-test');
    }
  });

  it('refuses --sample with --workers and a sample of 0, saying why', async () => {
    const workers = await leadsift(
      'qualify',
      file('leads.csv'),
      '--criteria',
      BANT,
      '--sample',
      '5',
      '--workers',
      '2',
    );
    expect(workers.code).toBe(65);
    expect(workers.err).toMatch(/leave out --workers/);
    const none = await leadsift('qualify', file('leads.csv'), '--criteria', BANT, '--sample', '0');
    expect(none.code).toBe(65);
    expect(none.err).toMatch(/--sample must be at least 1/);
  });
});
