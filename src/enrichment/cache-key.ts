import { PROVIDER_QUERY_KEYS, type ProviderQuery } from './provider.js';

/**
 * The cache key of a provider's input: its name, ':', then the query's non-empty entries among
 * `inputs` (default: every key) in a fixed order, as `key=value` pairs joined by `&` with values
 * percent-encoded — unambiguous, readable in the table, and cheap (no hashing or JSON per call).
 */
export const cacheKey = (
  provider: string,
  query: ProviderQuery,
  inputs: readonly (keyof ProviderQuery)[] = PROVIDER_QUERY_KEYS,
): string => {
  let key = `${provider}:`;
  let first = true;
  for (const name of PROVIDER_QUERY_KEYS) {
    const value = query[name];
    if (value === undefined || value === '' || !inputs.includes(name)) continue;
    key += `${first ? '' : '&'}${name}=${encodeURIComponent(value)}`;
    first = false;
  }
  return key;
};
