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
  build(query: ProviderQuery): HttpRequest;
}

type CompiledBody =
  | { readonly template: readonly TemplatePart[] }
  | { readonly value: number | boolean | null }
  | { readonly list: readonly CompiledBody[] }
  | { readonly object: readonly (readonly [string, CompiledBody])[] };

// A value whose query key is missing is left out, like a query parameter.
const OMIT = Symbol('omit');

const fillBody = (body: CompiledBody, query: ProviderQuery): unknown => {
  if ('value' in body) return body.value;
  if ('template' in body) return fillTemplate(body.template, query) ?? OMIT;
  if ('list' in body) return body.list.map((item) => fillBody(item, query)).filter((v) => v !== OMIT);
  const entries = body.object.map(([key, value]) => [key, fillBody(value, query)] as const);
  return Object.fromEntries(entries.filter(([, value]) => value !== OMIT));
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
  const compile = (text: string, where: string): readonly TemplatePart[] => {
    const parsed = parseTemplate(text);
    if ('problem' in parsed)
      throw new AppError('CONFIG_INVALID', { message: `${config.name}: ${where}: ${parsed.problem}` });
    const resolved = resolveEnv(parsed, env);
    if (!('missing' in resolved)) return resolved;
    for (const name of resolved.missing) missing.set(name, [...(missing.get(name) ?? []), where]);
    return [];
  };
  const compileBody = (body: BodyTemplate, where: string): CompiledBody => {
    if (typeof body === 'string') return { template: compile(body, where) };
    if (Array.isArray(body)) return { list: body.map((item, i) => compileBody(item, `${where}[${i}]`)) };
    if (body === null || typeof body !== 'object') return { value: body };
    return { object: Object.entries(body).map(([k, v]) => [k, compileBody(v, `${where}.${k}`)] as const) };
  };
  const url = compile(config.url, 'url');
  const query = Object.entries(config.query).map(([k, v]) => [k, compile(v, `query.${k}`)] as const);
  const headers = Object.entries(config.headers).map(([k, v]) => [k, compile(v, `headers.${k}`)] as const);
  const body = config.body === undefined ? undefined : compileBody(config.body, 'body');
  if (missing.size > 0) {
    const list = [...missing].map(([name, uses]) => `${name} (used by ${uses.join(', ')})`).join(', ');
    throw new AppError('CONFIG_INVALID', {
      message: `${config.name}: set the environment variable${missing.size > 1 ? 's' : ''} ${list}`,
      details: { provider: config.name, missing: [...missing.keys()] },
    });
  }
  const needs = [...new Set([...config.requires, ...queryKeysOf(url)])];
  return {
    needs,
    build: (q) => {
      const target = new URL(fillTemplate(url, q, encodeURIComponent) ?? config.url);
      for (const [name, parts] of query) {
        const value = fillTemplate(parts, q);
        if (value !== undefined) target.searchParams.append(name, value);
      }
      const filled: Record<string, string> = { accept: 'application/json' };
      for (const [name, parts] of headers) {
        const value = fillTemplate(parts, q);
        if (value !== undefined) filled[name] = value;
      }
      if (body === undefined) return { url: target, init: { method: config.method, headers: filled } };
      filled['content-type'] = 'application/json';
      return {
        url: target,
        init: { method: config.method, headers: filled, body: JSON.stringify(fillBody(body, q)) },
      };
    },
  };
};

/** Whether `query` holds every key in `needs`. */
export const hasQueryKeys = (query: ProviderQuery, needs: readonly QueryKey[]): boolean =>
  needs.every((key) => queryValue(query, key) !== undefined);
