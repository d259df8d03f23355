import { describe, expect, it } from 'vitest';
import { fixedClock, type Clock } from '../domain/clock.js';
import { createProviderCaller, type Sleep } from './call-provider.js';
import { enrichLead, type EnrichmentSubject } from './enrich-lead.js';
import { enrichLeads } from './enrich-leads.js';
import { memoryCache } from './enrichment-cache.js';
import {
  ProviderFailure,
  type EnrichableField,
  type EnrichmentProvider,
  type ProvidedField,
  type ProviderQuery,
} from './provider.js';

/** A provider of our interface answering from a function, counting its calls. */
const fake = (
  name: string,
  supplies: EnrichableField[],
  answer: (q: ProviderQuery) => ProvidedField[] | Error,
  limits: Partial<EnrichmentProvider['limits']> = {},
  canAnswer: (q: ProviderQuery) => boolean = () => true,
) => {
  const calls: ProviderQuery[] = [];
  const provider: EnrichmentProvider = {
    name,
    supplies,
    limits: { costCents: 0, concurrency: 4, timeoutMs: 1000, retries: 0, ttlSeconds: 3600, ...limits },
    canAnswer,
    lookup: (q) => {
      calls.push(q);
      const a = answer(q);
      return a instanceof Error ? Promise.reject(a) : Promise.resolve({ fields: a });
    },
  };
  return { provider, calls };
};

const field = (f: EnrichableField, value: string, confidence = 0.9, verified?: boolean): ProvidedField =>
  verified === undefined ? { field: f, value, confidence } : { field: f, value, confidence, verified };

const lead = (query: ProviderQuery, present: EnrichableField[] = []): EnrichmentSubject => ({
  query,
  present: new Set(present),
});

const noSleep: Sleep = () => Promise.resolve();

const run = (
  providers: EnrichmentProvider[],
  clock: Clock = fixedClock('2026-01-01T00:00:00Z'),
  cache = memoryCache(),
) => ({
  deps: { callers: providers.map((p) => createProviderCaller(p, noSleep)), cache, clock },
  cache,
});

const FIELDS: EnrichableField[] = ['company.industry', 'company.employees', 'company.name', 'company.domain'];

describe('the enrichment waterfall', () => {
  it('takes each field from the first provider that has it and stops once nothing is missing', async () => {
    const a = fake('a', ['company.industry', 'company.name'], () => [field('company.industry', 'Software')]);
    const b = fake('b', ['company.industry', 'company.employees', 'company.name'], () => [
      field('company.industry', 'Retail'),
      field('company.employees', '120'),
      field('company.name', 'Acme'),
    ]);
    const c = fake('c', ['company.name'], () => [field('company.name', 'Other')]);
    const { deps } = run([a.provider, b.provider, c.provider]);
    const r = await enrichLead(
      deps,
      lead({ domain: 'acme.com' }, ['company.domain']),
      { fields: FIELDS },
      { remainingCents: Infinity },
    );
    expect(Object.fromEntries(r.fields.map((f) => [f.field, [f.value, f.provider]]))).toEqual({
      'company.industry': ['Software', 'a'],
      'company.employees': ['120', 'b'],
      'company.name': ['Acme', 'b'],
    });
    expect(r.conflicts).toEqual([
      {
        field: 'company.industry',
        kept: { provider: 'a', value: 'Software' },
        other: { provider: 'b', value: 'Retail', confidence: 0.9 },
      },
    ]);
    expect(c.calls).toHaveLength(0);
    expect(b.calls[0]).toEqual({ domain: 'acme.com' });
  });

  it('never calls a provider for fields it cannot supply, nor one that cannot look the lead up', async () => {
    const titles = fake('titles', ['person.title'], () => [field('person.title', 'CTO')]);
    const byDomain = fake(
      'by-domain',
      ['company.industry'],
      () => [field('company.industry', 'Software')],
      {},
      (q) => q.domain !== undefined,
    );
    const { deps } = run([titles.provider, byDomain.provider]);
    const r = await enrichLead(
      deps,
      lead({ companyName: 'Acme' }),
      { fields: ['company.industry'] },
      { remainingCents: Infinity },
    );
    expect(titles.calls).toHaveLength(0);
    expect(byDomain.calls).toHaveLength(0);
    expect(r.calls.map((c) => [c.provider, c.outcome])).toEqual([['by-domain', 'cannot-answer']]);
  });

  it('lets a later provider look the lead up by what an earlier one found', async () => {
    const finder = fake('finder', ['company.domain'], () => [field('company.domain', 'acme.com')]);
    const byDomain = fake(
      'by-domain',
      ['company.industry'],
      () => [field('company.industry', 'Software')],
      {},
      (q) => q.domain !== undefined,
    );
    const { deps } = run([finder.provider, byDomain.provider]);
    const r = await enrichLead(
      deps,
      lead({ companyName: 'Acme' }),
      { fields: ['company.domain', 'company.industry'] },
      { remainingCents: Infinity },
    );
    expect(r.fields.map((f) => f.field)).toEqual(['company.domain', 'company.industry']);
    expect(byDomain.calls).toEqual([{ companyName: 'Acme', domain: 'acme.com' }]);
  });

  it('ignores values below the minimum confidence and asks the next provider', async () => {
    const weak = fake('weak', ['company.industry'], () => [field('company.industry', 'Retail', 0.3)]);
    const strong = fake('strong', ['company.industry'], () => [field('company.industry', 'Software', 0.8)]);
    const { deps } = run([weak.provider, strong.provider]);
    const r = await enrichLead(
      deps,
      lead({ domain: 'acme.com' }),
      { fields: ['company.industry'], minConfidence: 0.5 },
      { remainingCents: Infinity },
    );
    expect(r.fields.map((f) => [f.value, f.provider])).toEqual([['Software', 'strong']]);
  });

  it('keeps asking for an unverified value and replaces it with a verified one', async () => {
    const guess = fake('guess', ['person.email'], () => [
      field('person.email', 'ann.lee@acme.com', 0.7, false),
    ]);
    const verifier = fake('verifier', ['person.email'], () => [
      field('person.email', 'alee@acme.com', 0.95, true),
    ]);
    const { deps } = run([guess.provider, verifier.provider]);
    const r = await enrichLead(
      deps,
      lead({ domain: 'acme.com', firstName: 'Ann', lastName: 'Lee' }),
      { fields: ['person.email'] },
      { remainingCents: Infinity },
    );
    expect(r.fields).toMatchObject([
      { field: 'person.email', value: 'alee@acme.com', provider: 'verifier', verified: true },
    ]);
    expect(r.conflicts).toHaveLength(1);
  });

  it('reuses a cached answer within its TTL and asks again after it', async () => {
    const p = fake('p', ['company.industry'], () => [field('company.industry', 'Software')], {
      ttlSeconds: 60,
    });
    const cache = memoryCache();
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock: Clock = { now: () => now };
    const { deps } = run([p.provider], clock, cache);
    const subject = lead({ domain: 'acme.com' });
    const budget = { remainingCents: Infinity };
    await enrichLead(deps, subject, { fields: ['company.industry'] }, budget);
    const again = await enrichLead(deps, subject, { fields: ['company.industry'] }, budget);
    expect(again.calls[0]?.outcome).toBe('cached');
    expect(again.fields[0]).toMatchObject({ value: 'Software', costCents: 0 });
    expect(p.calls).toHaveLength(1);
    now += 61_000;
    await enrichLead(deps, subject, { fields: ['company.industry'] }, budget);
    expect(p.calls).toHaveLength(2);
  });

  it("records a provider's note on an empty answer, fresh or cached", async () => {
    const quiet: EnrichmentProvider = {
      ...fake('site', ['company.name'], () => []).provider,
      lookup: () => Promise.resolve({ fields: [], note: 'robots.txt disallows it' }),
    };
    const { deps } = run([quiet]);
    const subject = lead({ domain: 'acme.com' });
    const budget = { remainingCents: Infinity };
    const first = await enrichLead(deps, subject, { fields: ['company.name'] }, budget);
    const again = await enrichLead(deps, subject, { fields: ['company.name'] }, budget);
    expect([first.calls[0], again.calls[0]]).toMatchObject([
      { outcome: 'answered', note: 'robots.txt disallows it' },
      { outcome: 'cached', note: 'robots.txt disallows it' },
    ]);
  });

  it('respects the budget per lead and per run, and gives back the cost of a failed call', async () => {
    const paid = fake('paid', ['company.industry'], () => [field('company.industry', 'Software')], {
      costCents: 5,
    });
    const broken = fake(
      'broken',
      ['company.employees'],
      () => new ProviderFailure('down', { retryable: false }),
      { costCents: 3 },
    );
    const { deps } = run([broken.provider, paid.provider]);
    const budget = { remainingCents: 12 };
    const opts = {
      fields: ['company.industry', 'company.employees'] as EnrichableField[],
      budgetCentsPerLead: 5,
    };
    const first = await enrichLead(deps, lead({ domain: 'a.com' }), opts, budget);
    expect(first.calls.map((c) => c.outcome)).toEqual(['failed', 'answered']);
    expect(first.costCents).toBe(5);
    expect(budget.remainingCents).toBe(7);
    const second = await enrichLead(deps, lead({ domain: 'b.com' }), opts, budget);
    expect(second.costCents).toBe(5);
    // 2 cents left: neither the 3-cent nor the 5-cent provider fits the run any more.
    const third = await enrichLead(deps, lead({ domain: 'c.com' }), opts, budget);
    expect(third.calls.map((c) => c.outcome)).toEqual(['over-budget', 'over-budget']);
    expect(budget.remainingCents).toBe(2);
    const tight = await enrichLead(
      deps,
      lead({ domain: 'd.com' }),
      { ...opts, budgetCentsPerLead: 4 },
      { remainingCents: 100 },
    );
    expect(tight.calls.map((c) => c.outcome)).toEqual(['failed', 'over-budget']);
  });

  it('keeps what earlier providers found when a later one fails, and says why', async () => {
    const ok = fake('ok', ['company.industry'], () => [field('company.industry', 'Software')]);
    const down = fake('down', ['company.employees'], () => new Error('socket hang up'));
    const { deps } = run([ok.provider, down.provider]);
    const r = await enrichLead(
      deps,
      lead({ domain: 'a.com' }),
      { fields: ['company.industry', 'company.employees'] },
      { remainingCents: Infinity },
    );
    expect(r.fields.map((f) => f.field)).toEqual(['company.industry']);
    expect(r.calls[1]).toMatchObject({ provider: 'down', outcome: 'failed', error: 'down: socket hang up' });
  });

  it('enriches many leads in input order with one budget for the run', async () => {
    const paid = fake(
      'paid',
      ['company.industry'],
      (q) => [field('company.industry', `I-${q.domain ?? ''}`)],
      { costCents: 1, concurrency: 3 },
    );
    const { deps } = run([paid.provider]);
    const subjects = Array.from({ length: 20 }, (_, i) => lead({ domain: `d${i}.com` }));
    const results = await enrichLeads(deps, subjects, {
      fields: ['company.industry'],
      budgetCentsPerRun: 15,
      leadsInFlight: 8,
    });
    expect(results.filter((r) => r.fields.length === 1)).toHaveLength(15);
    results.forEach((r, i) => {
      if (r.fields.length === 1) expect(r.fields[0]?.value).toBe(`I-d${i}.com`);
    });
  });
});

describe('calling a provider within its limits', () => {
  it('never runs more calls at once than its concurrency', async () => {
    let active = 0;
    let peak = 0;
    const slow: EnrichmentProvider = {
      name: 'slow',
      supplies: ['company.industry'],
      limits: { costCents: 0, concurrency: 3, timeoutMs: 1000, retries: 0, ttlSeconds: 0 },
      canAnswer: () => true,
      lookup: async () => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return { fields: [] };
      },
    };
    const caller = createProviderCaller(slow);
    await Promise.all(Array.from({ length: 20 }, (_, i) => caller.call({ domain: `d${i}.com` })));
    expect(peak).toBe(3);
  });

  it('retries a retryable failure, waiting at least the Retry-After the server asked for', async () => {
    const waits: number[] = [];
    let n = 0;
    const flaky: EnrichmentProvider = {
      name: 'flaky',
      supplies: ['company.industry'],
      limits: { costCents: 0, concurrency: 1, timeoutMs: 1000, retries: 2, ttlSeconds: 0 },
      canAnswer: () => true,
      lookup: () =>
        ++n < 3
          ? Promise.reject(new ProviderFailure('429', { retryable: true, retryAfterMs: 1500 }))
          : Promise.resolve({ fields: [field('company.industry', 'Software')] }),
    };
    const caller = createProviderCaller(flaky, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    const { attempts } = await caller.call({ domain: 'a.com' });
    expect(attempts).toBe(3);
    expect(waits).toEqual([1500, 1500]);
  });

  it('does not wait a day because a server asked to: the call fails and the waterfall moves on', async () => {
    const waits: number[] = [];
    const p = fake(
      'p',
      ['company.industry'],
      () => new ProviderFailure('429', { retryable: true, retryAfterMs: 86_400_000 }),
      {
        retries: 3,
      },
    );
    const caller = createProviderCaller(p.provider, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    await expect(caller.call({})).rejects.toThrow('the server asked to wait 86400 s; giving up');
    expect(waits).toEqual([]);
    expect(p.calls).toHaveLength(1);
  });

  it('gives up after its retries, and does not retry what cannot succeed', async () => {
    let n = 0;
    const p = fake(
      'p',
      ['company.industry'],
      () => {
        n++;
        return new ProviderFailure('500', { retryable: true });
      },
      { retries: 2 },
    );
    await expect(createProviderCaller(p.provider, noSleep).call({})).rejects.toThrow('500');
    expect(n).toBe(3);
    const q = fake('q', ['company.industry'], () => new ProviderFailure('400', { retryable: false }), {
      retries: 2,
    });
    await expect(createProviderCaller(q.provider, noSleep).call({})).rejects.toThrow('400');
    expect(q.calls).toHaveLength(1);
  });

  it('cuts a call off after its timeout', async () => {
    const hang: EnrichmentProvider = {
      name: 'hang',
      supplies: ['company.industry'],
      limits: { costCents: 0, concurrency: 1, timeoutMs: 30, retries: 0, ttlSeconds: 0 },
      canAnswer: () => true,
      lookup: (_q, signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
    };
    await expect(createProviderCaller(hang).call({})).rejects.toThrow('no answer within 30 ms');
  });

  it('spaces calls to its rate limit', async () => {
    const p = fake('p', ['company.industry'], () => [], { ratePerSecond: 100, concurrency: 10 });
    const caller = createProviderCaller(p.provider);
    const started = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => caller.call({})));
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});
