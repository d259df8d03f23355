import { expect, it } from 'vitest';
import { fixedClock } from '../../domain/clock.js';
import { cacheKey } from '../../enrichment/cache-key.js';
import type { ProviderAnswer } from '../../enrichment/provider.js';
import { describeStores } from '../../test-support/describe-stores.js';
import type { EnrichmentCacheTable } from './kysely-enrichment-cache.js';

const T0 = Date.parse('2026-05-01T12:00:00.000Z');
const HOUR = 3_600_000;

const acme: ProviderAnswer = {
  fields: [{ field: 'company.name', value: 'Acme GmbH', confidence: 0.9, verified: true }],
};

/** Values of every shape a provider gives: text, open and closed ranges, a list, and a cost. */
const rich: ProviderAnswer = {
  fields: [
    { field: 'company.employees', value: { min: 51, max: 200 }, confidence: 0.8, detail: 'row 12' },
    { field: 'company.revenue', value: { min: 10_000_000 }, confidence: 0.55 },
    { field: 'company.technologies', value: ['Kysely', 'PostgreSQL', 'Zürich-Stack'], confidence: 1 },
    { field: 'person.email', value: 'renée@acme.example', confidence: 0.4, verified: false },
  ],
  costCents: 3,
};

describeStores('EnrichmentCache', (t) => {
  // Answers are written in bulk: flush before looking at the table itself.
  const rows = async (): Promise<EnrichmentCacheTable[]> => {
    await t.store.enrichmentCache.flush();
    return t.store.db
      .withTables<{ enrichment_cache: EnrichmentCacheTable }>()
      .selectFrom('enrichment_cache')
      .selectAll()
      .orderBy('key')
      .execute();
  };

  it('misses a key that was never set', async () => {
    expect(await t.store.enrichmentCache.get('clearbit:0123', T0)).toBeUndefined();
  });

  it('serves a stored answer until it expires, and not at or after its expiry', async () => {
    const cache = t.store.enrichmentCache;
    await cache.set('clearbit:0123', acme, T0 + HOUR);
    expect(await cache.get('clearbit:0123', T0)).toStrictEqual(acme);
    expect(await cache.get('clearbit:0123', T0 + HOUR - 1)).toStrictEqual(acme);
    expect(await cache.get('clearbit:0123', T0 + HOUR)).toBeUndefined();
    expect(await cache.get('clearbit:0123', T0 + 2 * HOUR)).toBeUndefined();
  });

  it('keeps one row per key: setting it again replaces the answer and the expiry', async () => {
    const store = await t.open({ clock: fixedClock(T0 + 5 * HOUR) });
    const cache = store.enrichmentCache;
    await cache.set('clearbit:0123', acme, T0 + HOUR);
    await cache.set('clearbit:0123', rich, T0 + 10 * HOUR);
    expect(await cache.get('clearbit:0123', T0 + 6 * HOUR)).toStrictEqual(rich);
    await cache.flush();
    expect(await rows()).toEqual([
      {
        key: 'clearbit:0123',
        provider: 'clearbit',
        answer: JSON.stringify(rich),
        stored_at: '2026-05-01T17:00:00.000Z',
        expires_at: '2026-05-01T22:00:00.000Z',
      },
    ]);
  });

  it('round-trips ranges, lists, flags and costs exactly', async () => {
    await t.store.enrichmentCache.set('apollo:ffff', rich, T0 + HOUR);
    expect(await t.store.enrichmentCache.get('apollo:ffff', T0)).toStrictEqual(rich);
  });

  it('keys by any text, unicode included, and takes the provider from before the first colon', async () => {
    const cache = t.store.enrichmentCache;
    const key = 'fichier-société:ключ:🔑';
    await cache.set(key, acme, T0 + HOUR);
    await cache.set('fichier-société:ключ', rich, T0 + HOUR);
    expect(await cache.get(key, T0)).toStrictEqual(acme);
    expect(await cache.get('fichier-société:ключ', T0)).toStrictEqual(rich);
    expect((await rows()).map((r) => r.provider)).toEqual(['fichier-société', 'fichier-société']);
  });

  it('stores the keys the waterfall makes', async () => {
    const key = cacheKey('website', { domain: 'acme.example', companyName: 'Acme' });
    await t.store.enrichmentCache.set(key, acme, T0 + HOUR);
    expect(await t.store.enrichmentCache.get(key, T0)).toStrictEqual(acme);
    expect((await rows())[0]?.provider).toBe('website');
  });

  it('purges only expired answers and says how many it removed', async () => {
    const cache = t.store.enrichmentCache;
    await cache.set('a:1', acme, T0 - HOUR);
    await cache.set('a:2', acme, T0);
    await cache.set('b:1', rich, T0 + 1);
    expect(await cache.purgeExpired(T0)).toBe(2);
    expect((await rows()).map((r) => r.key)).toEqual(['b:1']);
    expect(await cache.purgeExpired(T0)).toBe(0);
    expect(await cache.get('b:1', T0)).toStrictEqual(rich);
  });

  it("clears one provider's answers, fresh or not, and leaves the others", async () => {
    const cache = t.store.enrichmentCache;
    await cache.set('clearbit:1', acme, T0 + HOUR);
    await cache.set('clearbit:2', acme, T0 - HOUR);
    await cache.set('clearbit-eu:1', acme, T0 + HOUR);
    await cache.set('apollo:1', rich, T0 + HOUR);
    expect(await cache.clearProvider('clearbit')).toBe(2);
    expect((await rows()).map((r) => r.key)).toEqual(['apollo:1', 'clearbit-eu:1']);
    expect(await cache.clearProvider('nobody')).toBe(0);
  });

  it('keeps answers across a restart once flushed', async () => {
    await t.store.enrichmentCache.set('clearbit:0123', acme, T0 + HOUR);
    await t.store.enrichmentCache.flush();
    const reopened = await t.open();
    expect(await reopened.enrichmentCache.get('clearbit:0123', T0)).toStrictEqual(acme);
  });

  it("reads a run's keys in bulk, serving hits and known misses without asking again", async () => {
    const cache = t.store.enrichmentCache;
    await cache.set('clearbit:a', acme, T0 + HOUR);
    await cache.flush();
    const fresh = (await t.open()).enrichmentCache;
    await fresh.prefetch(['clearbit:a', 'clearbit:b'], T0);
    expect(await fresh.get('clearbit:a', T0)).toStrictEqual(acme);
    expect(await fresh.get('clearbit:b', T0)).toBeUndefined();
    expect(await fresh.get('clearbit:a', T0 + HOUR)).toBeUndefined();
  });

  it('treats an expiry past year 9999 as far away rather than failing or sorting wrongly', async () => {
    const cache = t.store.enrichmentCache;
    await cache.set('local:1', acme, Number.MAX_SAFE_INTEGER);
    expect(await cache.get('local:1', T0)).toStrictEqual(acme);
    expect(await cache.purgeExpired(T0)).toBe(0);
  });

  it('refuses a time that is not a number with INPUT_INVALID', async () => {
    await expect(t.store.enrichmentCache.set('local:1', acme, Number.NaN)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
    await expect(t.store.enrichmentCache.get('local:1', Number.NaN)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });
});
