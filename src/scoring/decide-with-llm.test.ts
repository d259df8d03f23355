import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCriteria } from '../criteria/load-criteria.js';
import { isAppError } from '../domain/app-error.js';
import { fixedClock } from '../domain/clock.js';
import type { CitedFact, LlmPolicy } from '../domain/decision.js';
import type { CompanyFacts, PersonFacts } from '../domain/lead.js';
import type { Fact, Provenance } from '../domain/provenance.js';
import { createLlmClient, memoryLlmCache, type LlmFailure, type LlmOpinion } from '../llm/index.js';
import { startLlmServer, type LlmServer } from '../llm/test-support/llm-server.js';
import { titleJudge } from '../llm/test-support/title-judge.js';
import { eventsBefore } from '../test-support/events-before.js';
import { CLASSIFIER_VERSION, createLlmScorer, foldLlmAnswer } from './decide-with-llm.js';
import { decideWithModel } from './decide-with-model.js';
import { decideWithRules, type DecisionDraft } from './decide-with-rules.js';
import type { ActivityFacts } from './rules/score-intent.js';

const NOW = '2026-11-01T12:00:00.000Z';
const clock = fixedClock(NOW);
const event = eventsBefore(NOW);
const bant = parseCriteria(
  readFileSync(new URL('../../examples/criteria/bant.yaml', import.meta.url), 'utf8'),
  'bant.yaml',
);
const at: Provenance = { source: 'input', at: '2026-10-01T00:00:00.000Z', origin: 'leads.csv', line: 2 };
const fact = <T>(value: T): Fact<T> => ({ value, provenance: at });

const lead = (spec: { seniority?: 'vp' | 'manager' | 'intern'; domain?: string; title?: string } = {}) => ({
  person: {
    ...(spec.title === '' ? {} : { title: fact(spec.title ?? 'VP Sales') }),
    seniority: fact(spec.seniority ?? 'vp'),
    jobFunction: fact('sales'),
    emailType: fact('corporate'),
    country: fact('US'),
  } satisfies PersonFacts,
  company: {
    ...(spec.domain === '' ? {} : { domain: fact(spec.domain ?? 'acme.com') }),
    industry: fact('software'),
    employees: fact({ min: 201, max: 500 }),
    sizeBand: fact('201-500'),
    country: fact('US'),
  } satisfies CompanyFacts,
  custom: {},
});

const rules = (spec: Parameters<typeof lead>[0], activities: readonly ActivityFacts[] = []): DecisionDraft =>
  decideWithRules({ clock }, bant, lead(spec), activities);
const browsing = [event('pricing_page_view', 1), event('pricing_page_view', 2)];

/** Score 60 = the minimum, but intent grade 4: an edge case the rules reject. */
const edgeRejected = (): DecisionDraft => rules({});
/** Score 69, qualified, but at a competitor: a hard disqualifier. */
const competitor = (): DecisionDraft => rules({ domain: 'salesforce.com' }, browsing);
/** Far below the line: a manager with no behaviour and no domain is missing a fact. */
const missingDomain = (): DecisionDraft => rules({ domain: '' });

const facts: CitedFact[] = [{ field: 'person.title', value: 'VP Sales', provenance: at }];

const opinion = (verdict: LlmOpinion['verdict'], extra: Partial<LlmOpinion> = {}): LlmOpinion => ({
  ok: true,
  model: 'openai:gpt-4o-mini',
  verdict,
  score: verdict === 'qualified' ? 82 : 25,
  fit: { level: 'strong', summary: 'A sales leader.' },
  intent: { level: 'low', summary: 'No behaviour.' },
  reasons: [{ text: 'A VP of Sales is the buyer', kind: 'fit', effect: 30, facts: ['F1'] }],
  missing: [{ field: 'budget', question: 'Is there a budget for this?' }],
  nextQuestion: 'When do you need it?',
  usage: { inputTokens: 900, outputTokens: 120 },
  costUsd: 0.0002,
  cached: false,
  repaired: false,
  ...extra,
});

const failure: LlmFailure = {
  ok: false,
  model: 'openai:gpt-4o-mini',
  kind: 'timeout',
  message: 'openai:gpt-4o-mini: no answer: timed out after 60000 ms',
  usage: { inputTokens: 0, outputTokens: 0 },
};

const fold = (draft: DecisionDraft, answer: LlmOpinion | LlmFailure, policy: LlmPolicy): DecisionDraft =>
  foldLlmAnswer(draft, bant, answer, facts, policy);

describe('foldLlmAnswer', () => {
  it('advise: records the opinion and its reasons beside the verdict, which never changes', () => {
    const draft = edgeRejected();
    expect(draft.verdict).toBe('not_qualified');
    const d = fold(draft, opinion('qualified'), 'advise');
    expect(d.verdict).toBe('not_qualified');
    expect(d.llm).toEqual({
      model: 'openai:gpt-4o-mini',
      policy: 'advise',
      verdict: 'qualified',
      score: 82,
      effect: 'none',
      agrees: false,
      nextQuestion: 'When do you need it?',
      inputTokens: 900,
      outputTokens: 120,
      costUsd: 0.0002,
      cached: false,
    });
    expect(d.versions).toEqual({ ...draft.versions, llm: `openai:gpt-4o-mini ${CLASSIFIER_VERSION}` });
    // The rules' reasons first, then the LLM's line, then its reasons with the facts they cite.
    expect(d.reasons.slice(0, draft.reasons.length)).toEqual(draft.reasons);
    expect(d.reasons.slice(draft.reasons.length)).toEqual([
      {
        text: 'The LLM would say qualified (its score 82); under the advise policy the verdict stays not qualified',
        kind: 'llm',
        effect: 0,
        facts: [],
      },
      { text: 'A VP of Sales is the buyer', kind: 'llm', effect: 30, facts },
    ]);
    expect(d.missing).toEqual(draft.missing);
  });

  it('edge: moves an edge case the model left alone, but not one the model moved, a clear case or a disqualified one', () => {
    const moved = fold(edgeRejected(), opinion('qualified'), 'edge');
    expect(moved.verdict).toBe('qualified');
    expect(moved.llm?.effect).toBe('changed');
    expect(moved.reasons[0]?.text).toBe(
      'The LLM judged this lead qualified (its score 82), which replaces the not qualified reached without it',
    );
    // The model already lowered/raised it: the LLM does not move it a second time.
    const withModel = decideWithModel(edgeRejected(), bant, {
      version: 'model@1',
      probability: 0.9,
      thresholds: { qualifyAt: 0.5, rejectAt: 0.1 },
      factors: [],
    });
    expect(withModel.model?.effect).toBe('raised');
    const after = fold(withModel, opinion('not_qualified'), 'edge');
    expect(after.verdict).toBe('qualified');
    expect(after.llm).toMatchObject({ agrees: false, agreesWithModel: false, effect: 'none' });
    const hard = competitor();
    expect(hard.reasons.some((r) => r.kind === 'disqualifier')).toBe(true);
    expect(fold(hard, opinion('qualified'), 'edge').verdict).toBe(hard.verdict);
    // An LLM needs_info never moves an edge case.
    expect(fold(edgeRejected(), opinion('needs_info'), 'edge').verdict).toBe('not_qualified');
  });

  it('decide: the LLM verdict is the decision, except that a hard disqualifier stands', () => {
    const d = fold(edgeRejected(), opinion('qualified'), 'decide');
    expect(d.verdict).toBe('qualified');
    expect(d.llm?.effect).toBe('changed');
    const hard = fold(competitor(), opinion('qualified'), 'decide');
    expect(hard.verdict).toBe('not_qualified');
    expect(hard.llm).toMatchObject({ verdict: 'qualified', effect: 'none', agrees: false });
    expect(hard.reasons.find((r) => r.kind === 'llm')?.text).toBe(
      'The LLM would say qualified (its score 82); a hard disqualifier stands',
    );
  });

  it('adds the LLM’s questions to what is missing when the verdict is needs_info, without repeating a field', () => {
    const draft = missingDomain();
    expect(draft.verdict).toBe('needs_info');
    const d = fold(
      draft,
      opinion('needs_info', {
        missing: [
          { field: 'budget', question: 'Is there a budget?' },
          { field: draft.missing[0]!.field, question: 'again' },
        ],
      }),
      'advise',
    );
    expect(d.missing).toEqual([
      ...draft.missing,
      { field: 'budget', how: 'ask', question: 'Is there a budget?' },
    ]);
    expect(d.llm?.agrees).toBe(true);
    expect(d.reasons.at(-2)?.text).toBe('The LLM agrees: needs info (its score 25)');
  });

  it('a failure keeps the verdict, records why and what it cost, and invents nothing', () => {
    for (const policy of ['advise', 'edge', 'decide'] as const) {
      const draft = edgeRejected();
      const d = fold(draft, failure, policy);
      expect(d.verdict).toBe(draft.verdict);
      expect(d.score).toBe(draft.score);
      expect(d.llm).toEqual({
        model: 'openai:gpt-4o-mini',
        policy,
        effect: 'none',
        error: { kind: 'timeout', message: failure.message },
        inputTokens: 0,
        outputTokens: 0,
        cached: false,
      });
      expect(d.llm?.verdict).toBeUndefined();
      expect(d.reasons.at(-1)).toEqual({
        text: 'The LLM gave no opinion (timeout), so the verdict stands without it',
        kind: 'llm',
        effect: 0,
        facts: [],
      });
    }
  });
});

describe('createLlmScorer against a local OpenAI-compatible server', () => {
  let server: LlmServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const clientFor = (s: LlmServer, apiKey = 'sk-test') =>
    createLlmClient('openai-compatible:local-model', {
      baseUrl: `${s.base}/v1`,
      apiKey,
      retries: 0,
      cache: memoryLlmCache(clock),
      clock,
    });
  const items = (titles: readonly string[]) =>
    titles.map((title) => {
      const l = lead({ title });
      return { lead: l, activities: [], draft: decideWithRules({ clock }, bant, l, []) };
    });

  it('asks about every lead, in order, quoting its facts, and folds each answer in', async () => {
    server = await startLlmServer('openai', [], { apiKey: 'sk-test', judge: titleJudge });
    const scorer = createLlmScorer(clientFor(server), 'advise', { stopAfter: 3 });
    const decided = await scorer.decide(
      bant,
      items(['VP Sales', 'Intern', '', 'Head of RevOps']),
      clock.now(),
    );
    expect(decided.map((d) => d.llm?.verdict)).toEqual([
      'qualified',
      'not_qualified',
      'needs_info',
      'qualified',
    ]);
    expect(server.bodies()).toHaveLength(4);
    const cited = decided[1]!.reasons.find((r) => r.kind === 'llm' && r.facts.length > 0);
    expect(cited?.facts).toEqual([{ field: 'person.title', value: 'Intern', provenance: at }]);
    // The criteria's plain-language profile is the system prompt.
    expect(JSON.stringify(server.bodies()[0])).toContain(bant.fallback.icp.trim().slice(0, 40));
  });

  it('stops a run at once on a refused key, but records the failure on the lead without stopAfter', async () => {
    server = await startLlmServer('openai', [], { apiKey: 'sk-right', judge: titleJudge });
    const stopping = createLlmScorer(clientFor(server, 'sk-wrong'), 'advise', { stopAfter: 3 });
    const error: unknown = await stopping
      .decide(bant, items(['VP Sales']), clock.now())
      .catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/refused the API key.*401/);
    const service = createLlmScorer(clientFor(server, 'sk-wrong'), 'decide');
    const [d] = await service.decide(bant, items(['VP Sales']), clock.now());
    expect(d?.llm?.error?.kind).toBe('auth');
    expect(d?.verdict).toBe(items(['VP Sales'])[0]!.draft.verdict);
  });

  it('stops after stopAfter leads in a row fail on the server’s side, and a good answer resets the count', async () => {
    server = await startLlmServer('openai', [{ status: 503 }, { status: 503 }], { judge: titleJudge });
    // One call at a time, so that the queued replies meet the leads in order.
    const client = createLlmClient('openai-compatible:local-model', {
      baseUrl: `${server.base}/v1`,
      retries: 0,
      concurrency: 1,
      clock,
    });
    const scorer = createLlmScorer(client, 'advise', { stopAfter: 3 });
    const first = await scorer.decide(bant, items(['VP Sales', 'Director', 'Intern']), clock.now());
    expect(first.map((d) => d.llm?.error?.kind)).toEqual(['server', 'server', undefined]);
    expect(first[2]?.llm?.verdict).toBe('not_qualified');
    server.replies.push({ status: 503 }, { status: 503 }, { status: 503 });
    const error: unknown = await scorer
      .decide(bant, items(['A', 'B', 'C']), clock.now())
      .catch((e: unknown) => e);
    expect(isAppError(error, 'LLM_FAILED')).toBe(true);
    expect((error as Error).message).toMatch(/^3 leads in a row got no LLM opinion: .*503/);
  });
});
