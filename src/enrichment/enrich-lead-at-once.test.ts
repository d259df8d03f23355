import { describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { createProviderCaller } from './call-provider.js';
import { enrichLead, type EnrichmentSubject, type WaterfallOptions } from './enrich-lead.js';
import { memoryCache } from './enrichment-cache.js';
import type { EnrichableField, EnrichmentProvider, ProvidedField, ProviderQuery } from './provider.js';

/** A provider whose answer waits until the test releases it, recording when it was asked. */
const gated = (
  name: string,
  supplies: EnrichableField[],
  fields: ProvidedField[],
  options: { inputs?: (keyof ProviderQuery)[]; costCents?: number; needs?: keyof ProviderQuery } = {},
) => {
  const asked: ProviderQuery[] = [];
  let release = (): void => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const provider: EnrichmentProvider = {
    name,
    supplies,
    limits: {
      costCents: options.costCents ?? 0,
      concurrency: 4,
      timeoutMs: 60_000,
      retries: 0,
      ttlSeconds: 60,
    },
    ...(options.inputs === undefined ? {} : { inputs: options.inputs }),
    canAnswer: (q) => options.needs === undefined || q[options.needs] !== undefined,
    lookup: async (q) => {
      asked.push(q);
      await gate;
      return { fields };
    },
  };
  return { provider, asked, release };
};

const f = (field: EnrichableField, value: string): ProvidedField => ({ field, value, confidence: 0.9 });
const subject: EnrichmentSubject = { query: { domain: 'acme.com' }, present: new Set() };
const enrich = (providers: EnrichmentProvider[], options: WaterfallOptions, budget = Infinity) =>
  enrichLead(
    {
      callers: providers.map((p) => createProviderCaller(p)),
      cache: memoryCache(),
      clock: fixedClock('2026-01-01T00:00:00Z'),
    },
    subject,
    options,
    { remainingCents: budget },
  );
/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the waterfall asking providers at once', () => {
  it('asks providers that each supply a field the others lack without waiting, and keeps their order', async () => {
    const first = gated('first', ['company.industry', 'company.city'], [f('company.industry', 'Software')], {
      inputs: ['domain'],
    });
    const second = gated(
      'second',
      ['company.industry', 'company.revenue'],
      [f('company.industry', 'Retail')],
      {
        inputs: ['domain'],
      },
    );
    const result = enrich([first.provider, second.provider], {
      fields: ['company.industry', 'company.city', 'company.revenue'],
    });
    await settle();
    expect([first.asked.length, second.asked.length]).toEqual([1, 1]);
    second.release();
    await settle();
    first.release();
    const r = await result;
    expect(r.fields.map((x) => [x.field, x.provider])).toEqual([['company.industry', 'first']]);
    expect(r.conflicts).toMatchObject([{ field: 'company.industry', kept: { provider: 'first' } }]);
    expect(r.calls.map((c) => [c.provider, c.asked])).toEqual([
      ['first', ['company.industry', 'company.city']],
      // As the sequential waterfall would record it: industry was no longer wanted at its turn.
      ['second', ['company.revenue']],
    ]);
  });

  it('waits for an earlier provider that may supply everything a later one would be asked for', async () => {
    const first = gated('first', ['company.industry'], [f('company.industry', 'Software')], {
      inputs: ['domain'],
    });
    const second = gated('second', ['company.industry'], [f('company.industry', 'Retail')], {
      inputs: ['domain'],
    });
    const result = enrich([first.provider, second.provider], { fields: ['company.industry'] });
    await settle();
    expect(second.asked).toHaveLength(0);
    first.release();
    second.release();
    expect((await result).calls.map((c) => c.provider)).toEqual(['first']);
    expect(second.asked).toHaveLength(0);
  });

  it('waits for an earlier provider that may find what a later one looks the lead up by', async () => {
    const finder = gated('finder', ['company.country', 'company.city'], [f('company.country', 'DE')], {
      inputs: ['domain'],
    });
    const byCountry = gated('by-country', ['company.industry'], [f('company.industry', 'Banking')], {
      inputs: ['domain', 'country'],
    });
    const result = enrich([finder.provider, byCountry.provider], {
      fields: ['company.country', 'company.city', 'company.industry'],
    });
    await settle();
    expect(byCountry.asked).toHaveLength(0);
    finder.release();
    byCountry.release();
    await result;
    expect(byCountry.asked).toEqual([{ domain: 'acme.com', country: 'DE' }]);
  });

  it('asks paid providers one after another when a budget is set', async () => {
    const first = gated('first', ['company.industry'], [], { inputs: ['domain'], costCents: 5 });
    const second = gated('second', ['company.revenue'], [], { inputs: ['domain'], costCents: 5 });
    const result = enrich(
      [first.provider, second.provider],
      { fields: ['company.industry', 'company.revenue'] },
      100,
    );
    await settle();
    expect(second.asked).toHaveLength(0);
    first.release();
    second.release();
    expect((await result).costCents).toBe(10);
  });
});
