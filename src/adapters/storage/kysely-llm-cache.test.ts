import { expect, it } from 'vitest';
import type { Clock } from '../../domain/clock.js';
import { llmCacheKey, type CachedAnswer } from '../../llm/index.js';
import { describeStores } from '../../test-support/describe-stores.js';
import type { EnrichmentCacheTable } from './kysely-enrichment-cache.js';
import { kyselyLlmCache } from './kysely-llm-cache.js';

const T0 = Date.parse('2026-11-28T12:00:00.000Z');

const answer: CachedAnswer = {
  raw: '{"verdict":"qualified","score":84}',
  json: { verdict: 'qualified', score: 84, reasons: [{ text: 'VP of Sales — «Zürich»', facts: ['F1'] }] },
  usage: { inputTokens: 812, outputTokens: 96 },
};

describeStores('LlmCache', (t) => {
  const clockAt = (ms: { now: number }): Clock => ({ now: () => ms.now });

  it('serves an answer until its TTL runs out, by the clock', async () => {
    const time = { now: T0 };
    const cache = kyselyLlmCache(t.store.db, clockAt(time));
    const key = llmCacheKey('openai:gpt-4o-mini', { system: 's', messages: [] });
    expect(await cache.get(key)).toBeUndefined();
    await cache.set(key, answer, 3600);
    expect(await cache.get(key)).toStrictEqual(answer);
    time.now = T0 + 3_599_999;
    expect(await cache.get(key)).toStrictEqual(answer);
    time.now = T0 + 3_600_000;
    expect(await cache.get(key)).toBeUndefined();
  });

  it('replaces an answer set again, keeps one row under provider llm, and is shared by every handle', async () => {
    const time = { now: T0 };
    const key = llmCacheKey('anthropic:claude-x', { a: 1 });
    await kyselyLlmCache(t.store.db, clockAt(time)).set(key, answer, 60);
    const newer = { ...answer, raw: '{}', json: {} };
    await kyselyLlmCache(t.store.db, clockAt(time)).set(key, newer, 600);
    time.now = T0 + 120_000;
    expect(await kyselyLlmCache(t.store.db, clockAt(time)).get(key)).toStrictEqual(newer);
    const rows = await t.store.db
      .withTables<{ enrichment_cache: EnrichmentCacheTable }>()
      .selectFrom('enrichment_cache')
      .select(['key', 'provider', 'expires_at'])
      .execute();
    expect(rows).toEqual([{ key, provider: 'llm', expires_at: '2026-11-28T12:10:00.000Z' }]);
  });

  it('is the store handle’s llmCache, purged with expired enrichment answers', async () => {
    const key = llmCacheKey('ollama:llama3.1', { b: 2 });
    await t.store.llmCache.set(key, answer, 1);
    expect(await t.store.enrichmentCache.purgeExpired(Date.now() + 5000)).toBe(1);
    expect(await t.store.llmCache.get(key)).toBeUndefined();
  });
});
