import { AppError } from '../../../domain/app-error.js';
import type { ProviderQuery } from '../../provider.js';
import type { BodyTemplate, HttpProviderConfig } from './http-provider-config.js';
import {
  fillTemplate,
  parseTemplate,
  queryKeysOf,
  queryValue,
  resolveEnv,
  type QueryKey,
  type TemplatePart,
} from './template.js';

/** The request for one query. */
export interface HttpRequest {
  readonly url: URL;
  readonly init: {
    readonly method: string;
    readonly headers: Record<string, string>;
    readonly body?: string;
  };
}

/** A provider config's request, with its environment variables resolved. */
export interface CompiledHttpRequest {
  /** The query keys every call needs: `requires` and those in the URL. */
  readonly needs: readonly QueryKey[];
  /** Every query key the request can carry: `needs` and those in the query, headers and body. */
  readonly uses: readonly QueryKey[];
  build(query: ProviderQuery): HttpRequest;
}

type CompiledBody =
  | { readonly template: readonly TemplatePart[] }
  | { readonly value: number | boolean | null }
  | { readonly list: readonly CompiledBody[] }
  | { readonly object: readonly (readonly [string, CompiledBody])[] };

// A value whose query key is missing is left out, like a query parameter.
const OMIT = Symbol('omit');

const bodyKeys = (body: CompiledBody | undefined): QueryKey[] => {
  if (body === undefined || 'value' in body) return [];
  if ('template' in body) return queryKeysOf(body.template);
  if ('list' in body) return body.list.flatMap(bodyKeys);
  return body.object.flatMap(([, value]) => bodyKeys(value));
};

const fillBody = (body: CompiledBody, query: ProviderQuery): unknown => {
  if ('value' in body) return body.value;
  if ('template' in body) return fillTemplate(body.template, query) ?? OMIT;
  if ('list' in body) return body.list.map((item) => fillBody(item, query)).filter((v) => v !== OMIT);
  const entries = body.object.map(([key, value]) => [key, fillBody(value, query)] as const);
  return Object.fromEntries(entries.filter(([, value]) => value !== OMIT));
};

type Compile = (text: string, where: string) => readonly TemplatePart[];
type CompiledPairs = readonly (readonly [string, readonly TemplatePart[]])[];

const compileBody = (body: BodyTemplate, where: string, compile: Compile): CompiledBody => {
  if (typeof body === 'string') return { template: compile(body, where) };
  if (Array.isArray(body))
    return { list: body.map((item, i) => compileBody(item, `${where}[${i}]`, compile)) };
  if (body === null || typeof body !== 'object') return { value: body };
  return {
    object: Object.entries(body).map(([k, v]) => [k, compileBody(v, `${where}.${k}`, compile)] as const),
  };
};

// What fetch accepts in a header value (RFC 9110 §5.5): no line breaks, nothing beyond Latin-1.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

const checkHeaders = (name: string, headers: CompiledPairs): void => {
  for (const [header, parts] of headers) {
    if (parts.every((p) => !('literal' in p) || HEADER_VALUE.test(p.literal))) continue;
    throw new AppError('CONFIG_INVALID', {
      message: `${name}: headers.${header}: the value (or a variable in it) holds a line break or a character headers cannot carry`,
    });
  }
};

interface CompiledParts {
  readonly method: string;
  readonly fallbackUrl: string;
  readonly url: readonly TemplatePart[];
  readonly query: CompiledPairs;
  readonly headers: CompiledPairs;
  readonly body: CompiledBody | undefined;
}

const buildRequest = (parts: CompiledParts, q: ProviderQuery): HttpRequest => {
  const url = new URL(fillTemplate(parts.url, q, encodeURIComponent) ?? parts.fallbackUrl);
  for (const [name, template] of parts.query) {
    const value = fillTemplate(template, q);
    if (value !== undefined) url.searchParams.append(name, value);
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, template] of parts.headers) {
    const value = fillTemplate(template, q);
    // A query value a header cannot carry is left out, like a missing one.
    if (value !== undefined && HEADER_VALUE.test(value)) headers[name] = value;
  }
  if (parts.body === undefined) return { url, init: { method: parts.method, headers } };
  headers['content-type'] = 'application/json';
  return { url, init: { method: parts.method, headers, body: JSON.stringify(fillBody(parts.body, q)) } };
};

/**
 * Compiles a config's URL, query, headers and body templates and resolves their `${ENV_NAME}`
 * variables from `env`. Throws CONFIG_INVALID naming every variable `env` lacks, so that keys
 * live in the environment and never in the file.
 */
export const compileHttpRequest = (
  config: HttpProviderConfig,
  env: Readonly<Record<string, string | undefined>>,
): CompiledHttpRequest => {
  const missing = new Map<string, string[]>();
  const compile: Compile = (text, where) => {
    const parsed = parseTemplate(text);
    if ('problem' in parsed)
      throw new AppError('CONFIG_INVALID', { message: `${config.name}: ${where}: ${parsed.problem}` });
    const resolved = resolveEnv(parsed, env);
    if (!('missing' in resolved)) return resolved;
    for (const name of resolved.missing) missing.set(name, [...(missing.get(name) ?? []), where]);
    return [];
  };
  const pairs = (record: Record<string, string>, where: string): CompiledPairs =>
    Object.entries(record).map(([k, v]) => [k, compile(v, `${where}.${k}`)] as const);
  const parts: CompiledParts = {
    method: config.method,
    fallbackUrl: config.url,
    url: compile(config.url, 'url'),
    query: pairs(config.query, 'query'),
    headers: pairs(config.headers, 'headers'),
    body: config.body === undefined ? undefined : compileBody(config.body, 'body', compile),
  };
  if (missing.size > 0) {
    const list = [...missing].map(([name, uses]) => `${name} (used by ${uses.join(', ')})`).join(', ');
    throw new AppError('CONFIG_INVALID', {
      message: `${config.name}: set the environment variable${missing.size > 1 ? 's' : ''} ${list}`,
      details: { provider: config.name, missing: [...missing.keys()] },
    });
  }
  checkHeaders(config.name, parts.headers);
  const needs = [...new Set([...config.requires, ...queryKeysOf(parts.url)])];
  const carried = [...parts.query, ...parts.headers].flatMap(([, template]) => queryKeysOf(template));
  return {
    needs,
    uses: [...new Set([...needs, ...carried, ...bodyKeys(parts.body)])],
    build: (query) => buildRequest(parts, query),
  };
};

/** Whether `query` holds every key in `needs`. */
export const hasQueryKeys = (query: ProviderQuery, needs: readonly QueryKey[]): boolean =>
  needs.every((key) => queryValue(query, key) !== undefined);
