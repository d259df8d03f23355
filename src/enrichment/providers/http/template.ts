import { PROVIDER_QUERY_KEYS, type ProviderQuery } from '../../provider.js';

/** The query keys a template may name as `{key}`. */
export const QUERY_KEYS = PROVIDER_QUERY_KEYS;
export type QueryKey = (typeof QUERY_KEYS)[number];

/** A piece of a template: literal text, an environment variable `${NAME}`, or a query key `{key}`. */
export type TemplatePart =
  { readonly literal: string } | { readonly env: string } | { readonly query: QueryKey };

const PLACEHOLDER = /\$\{([^{}]*)\}|\{([^{}]*)\}/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isQueryKey = (name: string): name is QueryKey => (QUERY_KEYS as readonly string[]).includes(name);

/**
 * Splits a template such as `Bearer ${API_KEY}` or `/people/{email}` into its parts, or says
 * what is wrong with it (an unknown `{key}`, an invalid variable name).
 */
export const parseTemplate = (text: string): readonly TemplatePart[] | { readonly problem: string } => {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push({ literal: text.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, env, key] = match;
    if (env !== undefined) {
      if (!ENV_NAME.test(env)) return { problem: `"\${${env}}" is not an environment variable name` };
      parts.push({ env });
    } else if (key !== undefined && isQueryKey(key)) parts.push({ query: key });
    else return { problem: `unknown placeholder "{${key ?? ''}}"; expected {${QUERY_KEYS.join('}, {')}}` };
  }
  if (last < text.length) parts.push({ literal: text.slice(last) });
  return parts;
};

/** The query value for `key`, when the query holds a non-blank one. */
export const queryValue = (query: ProviderQuery, key: QueryKey): string | undefined => {
  const value = query[key];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
};

/**
 * Replaces environment variables with their values, leaving query keys for each call; the
 * names that `env` lacks (or holds empty) are returned instead, so that all of them can be reported at once.
 */
export const resolveEnv = (
  parts: readonly TemplatePart[],
  env: Readonly<Record<string, string | undefined>>,
): readonly TemplatePart[] | { readonly missing: readonly string[] } => {
  // An empty variable (`API_KEY=`) is as good as missing: it would only earn a 401 later.
  const missing = parts.flatMap((p) => ('env' in p && (env[p.env] ?? '') === '' ? [p.env] : []));
  if (missing.length > 0) return { missing };
  return parts.map((p) => ('env' in p ? { literal: env[p.env] ?? '' } : p));
};

/**
 * Fills a template's query keys, passing each value through `encode`; undefined when the query
 * lacks one of them, so that a parameter or header without its value is left out.
 */
export const fillTemplate = (
  parts: readonly TemplatePart[],
  query: ProviderQuery,
  encode: (value: string) => string = (value) => value,
): string | undefined => {
  let text = '';
  for (const part of parts) {
    if ('literal' in part) text += part.literal;
    else if ('query' in part) {
      const value = queryValue(query, part.query);
      if (value === undefined) return undefined;
      text += encode(value);
    }
    // Environment variables are resolved before any call (`resolveEnv`).
  }
  return text;
};

/** The query keys a template names. */
export const queryKeysOf = (parts: readonly TemplatePart[]): QueryKey[] =>
  parts.flatMap((p) => ('query' in p ? [p.query] : []));
