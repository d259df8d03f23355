import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { createLlmClient } from '../create-llm-client.js';
import { memoryLlmCache } from '../llm-cache.js';
import { startLlmServer, type LlmServer, type Reply, type ServerFormat } from '../test-support/llm-server.js';
import { qualifiedAnswer, saasLead } from '../test-support/classifier-input.js';
import { classifierFacts } from './classifier-facts.js';
import { classifyLead } from './classify-lead.js';
import { llmMissing, llmReasons } from './llm-reasons.js';

const servers: LlmServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const clientFor = async (format: ServerFormat, replies: Reply[]) => {
  const server = await startLlmServer(format, replies, { apiKey: 'sk-test' });
  servers.push(server);
  const spec = {
    openai: 'openai:gpt-4o-mini',
    anthropic: 'anthropic:claude-haiku-4-5',
    ollama: 'ollama:qwen2.5',
  }[format];
  const client = createLlmClient(spec, {
    baseUrl: format === 'openai' ? `${server.base}/v1` : server.base,
    apiKey: 'sk-test',
    sleep: () => Promise.resolve(),
  });
  return { server, client };
};

/** The text of every message of the `n`th request, by role. */
const messagesOf = (server: LlmServer, n: number): { role: string; content: string }[] => {
  const body = server.bodies()[n] ?? {};
  const messages = (body['messages'] ?? []) as { role: string; content: string }[];
  return typeof body['system'] === 'string'
    ? [{ role: 'system', content: body['system'] }, ...messages]
    : messages;
};

describe.each(['openai', 'anthropic', 'ollama'] as const)('classifying a lead over %s', (format) => {
  it('gives the verdict, score, assessments and reasons citing the facts the prompt numbered', async () => {
    const { server, client } = await clientFor(format, [{ answer: qualifiedAnswer() }]);
    const input = saasLead();
    const opinion = await classifyLead(client, input);
    expect(opinion).toMatchObject({
      ok: true,
      verdict: 'qualified',
      score: 84,
      repaired: false,
      cached: false,
    });
    if (!opinion.ok) return;
    expect(opinion.nextQuestion).toBe('When would you like to have a solution in place?');
    expect(opinion.usage.inputTokens).toBeGreaterThan(0);

    const [system, user] = messagesOf(server, 0);
    expect(system?.content).toContain(input.criteria.icp);
    expect(system?.content).toContain('Hard disqualifiers: students');
    expect(user?.content).toContain('"id": "F1"');
    expect(user?.content).toContain('"field": "activity.pricing_page_view"');
    expect(user?.content).toContain('enrichment provider firmographics, confidence 0.9');

    const facts = classifierFacts(input);
    const reasons = llmReasons(opinion, facts);
    expect(reasons[0]).toEqual({
      text: 'VP-level sales buyer at a 200-person software company',
      kind: 'llm',
      effect: 40,
      facts: [facts[0], facts[2]],
    });
    expect(reasons[1]?.facts[0]).toMatchObject({ field: 'activity.pricing_page_view', value: { count: 3 } });
    expect(llmMissing(opinion)).toEqual([
      { field: 'budget', question: 'Is budget set aside for this quarter?', how: 'ask' },
    ]);
  });

  it('sends a schema-violating answer back once with its problems, and accepts the repaired answer', async () => {
    const bad = { ...qualifiedAnswer(), score: 140, verdict: 'hot' };
    const { server, client } = await clientFor(format, [{ answer: bad }, { answer: qualifiedAnswer() }]);
    const opinion = await classifyLead(client, saasLead());
    expect(opinion).toMatchObject({ ok: true, verdict: 'qualified', repaired: true });
    const repair = messagesOf(server, 1);
    expect(repair.at(-2)).toEqual({ role: 'assistant', content: JSON.stringify(bad) });
    expect(repair.at(-1)?.role).toBe('user');
    expect(repair.at(-1)?.content).toMatch(/rejected:[\s\S]*verdict[\s\S]*score/);
  });

  it('fails the lead, with no verdict, when the repaired answer is invalid too', async () => {
    const { server, client } = await clientFor(format, [
      { text: 'qualified!' },
      { answer: { verdict: 'qualified' } },
    ]);
    const result = await classifyLead(client, saasLead());
    expect(result).toMatchObject({ ok: false, kind: 'invalid_answer' });
    expect(result).not.toHaveProperty('verdict');
    if (result.ok) return;
    expect(result.message).toMatch(/the answer was invalid, and so was the repaired one/);
    expect(result.raw).toBe(JSON.stringify({ verdict: 'qualified' }));
    expect(server.received).toHaveLength(2);
  });

  it('fails the lead at once when the answer is cut off at the output limit', async () => {
    const { server, client } = await clientFor(format, [{ truncated: '{"verdict":"qualified","sc' }]);
    const result = await classifyLead(client, saasLead(), { maxTokens: 50 });
    expect(result).toMatchObject({ ok: false, kind: 'truncated' });
    expect(server.received).toHaveLength(1);
    expect(server.bodies()[0]).toSatisfy((b: Record<string, unknown>) => JSON.stringify(b).includes('50'));
  });
});

describe('classifying a lead', () => {
  it('turns a call that keeps failing into a per-lead failure value', async () => {
    const { client } = await clientFor('openai', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    const result = await classifyLead(client, saasLead());
    expect(result).toMatchObject({ ok: false, kind: 'server', model: 'openai:gpt-4o-mini' });
  });

  it('adds up the tokens and cost of a rejected answer and its repair', async () => {
    const { client } = await clientFor('openai', [
      { answer: { verdict: 'x' } },
      { answer: qualifiedAnswer() },
    ]);
    const opinion = await classifyLead(client, saasLead());
    const totals = client.totals();
    expect(opinion.usage).toEqual({ inputTokens: totals.inputTokens, outputTokens: totals.outputTokens });
    expect(opinion.costUsd).toBeCloseTo(totals.costUsd ?? Number.NaN, 12);
  });

  it('answers the same lead again from the cache, without a call', async () => {
    const server = await startLlmServer('openai', [{ answer: qualifiedAnswer() }], { apiKey: 'sk-test' });
    servers.push(server);
    const cache = memoryLlmCache(fixedClock('2026-11-28T12:00:00Z'));
    const client = createLlmClient('openai:gpt-4o-mini', {
      baseUrl: `${server.base}/v1`,
      apiKey: 'sk-test',
      cache,
    });
    const first = await classifyLead(client, saasLead());
    const again = await classifyLead(client, saasLead());
    expect(first).toMatchObject({ ok: true, cached: false });
    expect(again).toMatchObject({
      ok: true,
      cached: true,
      verdict: 'qualified',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(server.received).toHaveLength(1);
  });

  it('does not ask about a lead with nothing to cite', async () => {
    const { server, client } = await clientFor('openai', []);
    const result = await classifyLead(client, {
      ...saasLead(),
      facts: [],
      intent: { windowDays: 90, events: [] },
    });
    expect(result).toMatchObject({ ok: false, kind: 'no_facts' });
    expect(server.received).toHaveLength(0);
  });
});
