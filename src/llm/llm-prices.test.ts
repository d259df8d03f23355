import { describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { llmCacheKey, memoryLlmCache } from './llm-cache.js';
import { costOf, MODEL_PRICES, priceOf } from './llm-prices.js';

describe('model prices', () => {
  it('price a dated snapshot as its family, by the longest matching name', () => {
    expect(priceOf('gpt-4o-mini-2024-07-18', MODEL_PRICES)).toEqual(MODEL_PRICES['gpt-4o-mini']);
    expect(priceOf('gpt-4o-2024-08-06', MODEL_PRICES)).toEqual(MODEL_PRICES['gpt-4o']);
    expect(priceOf('llama3.1', MODEL_PRICES)).toBeUndefined();
  });

  it('turn tokens into dollars, and leave unpriced models without a cost', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 500_000 };
    expect(costOf(usage, MODEL_PRICES['gpt-4o-mini'])).toBeCloseTo(0.15 + 0.3, 10);
    expect(costOf(usage, undefined)).toBeUndefined();
  });
});

describe('the LLM cache', () => {
  it('keys equal requests equally whatever their key order, and different ones apart', () => {
    expect(llmCacheKey('openai:m', { a: 1, b: { c: 2, d: 3 } })).toBe(
      llmCacheKey('openai:m', { b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(llmCacheKey('openai:m', { a: 1 })).not.toBe(llmCacheKey('openai:n', { a: 1 }));
    expect(llmCacheKey('openai:m', { a: 1 })).toMatch(/^llm:openai:m:[0-9a-f]{64}$/);
  });

  it('forgets an answer once its TTL has passed', async () => {
    let now = Date.parse('2026-11-28T12:00:00Z');
    const cache = memoryLlmCache({ now: () => now });
    await cache.set('k', { raw: '{}', json: {}, usage: { inputTokens: 1, outputTokens: 1 } }, 60);
    expect(await cache.get('k')).toBeDefined();
    now += 61_000;
    expect(await cache.get('k')).toBeUndefined();
    expect(memoryLlmCache(fixedClock(0)).size()).toBe(0);
  });
});
