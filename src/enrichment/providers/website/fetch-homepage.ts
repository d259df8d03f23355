import { normalizeDomain } from '../../../intake/normalize/domain.js';
import { ProviderFailure } from '../../provider.js';
import { decodeHtml, readCappedBody } from './read-capped-body.js';
import type { RobotsGate } from './robots-gate.js';

/** The limits and identity a homepage is fetched with. */
export interface FetchHomepageOptions {
  /** Recorded in failure messages. */
  readonly provider: string;
  readonly userAgentHeader: string;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  readonly robots: RobotsGate;
  /** Allow IP addresses and private names (local test servers); false for real runs. */
  readonly allowAnyHost: boolean;
}

/** A homepage read, or the reason there is nothing to read (which is an answer, not a failure). */
export type HomepageOutcome =
  | {
      readonly kind: 'page';
      readonly url: URL;
      readonly html: string;
      readonly headers: ReadonlyMap<string, string>;
      readonly cookies: readonly string[];
      readonly truncatedAt?: number;
    }
  | { readonly kind: 'nothing'; readonly reason: string };

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const reasonOf = (error: unknown): string => {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
};

/**
 * Whether a URL's host is a public host name: lead data chooses the host, so neither it nor a
 * redirect may point us at an IP address or an internal name.
 */
export const isPublicHost = (url: URL): boolean => normalizeDomain(url.hostname).ok;

/** Throws unless the URL is http(s) on a public host name (or any host when allowed). */
const checkTarget = (url: URL, options: FetchHomepageOptions): void => {
  const fail = (why: string) =>
    new ProviderFailure(`${options.provider}: ${url.href} ${why}`, { retryable: false });
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw fail('is not an http or https URL');
  if (!options.allowAnyHost && !isPublicHost(url)) throw fail('is not on a public host name');
};

const headersOf = (response: Response): ReadonlyMap<string, string> =>
  new Map([...response.headers].map(([k, v]) => [k.toLowerCase(), v]));

const cookieNames = (response: Response): string[] =>
  response.headers
    .getSetCookie()
    .map((c) => c.slice(0, c.indexOf('=')).trim())
    .filter((n) => n !== '');

const statusFailure = (provider: string, url: URL, status: number): ProviderFailure =>
  new ProviderFailure(`${provider}: ${url.href} answered ${status}`, {
    retryable: status === 408 || status === 429 || status >= 500,
  });

/**
 * Fetches a homepage within the limits: robots.txt is asked before every URL (so again after a
 * redirect to another host), redirects are followed by hand up to `maxRedirects`, only http(s)
 * and only HTML is read, and the body is read up to `maxBytes` (the rest is cancelled). A page
 * robots.txt disallows, a 404 or 410, and a non-HTML answer give `nothing` with the reason;
 * 408, 429, 5xx and network errors are retryable failures; other statuses, too many redirects,
 * bad targets and an unreachable robots.txt (nothing may be read, but the failure is not
 * cached as an answer would be) are not. `signal` bounds the whole call.
 */
export const fetchHomepage = async (
  start: URL,
  options: FetchHomepageOptions,
  signal: AbortSignal,
): Promise<HomepageOutcome> => {
  const { provider } = options;
  let url = start;
  for (let redirects = 0; ; redirects++) {
    checkTarget(url, options);
    const verdict = await options.robots.check(url, signal);
    if (!verdict.allowed && verdict.unreachable)
      // Not an answer to cache for weeks: the site may be back tomorrow.
      throw new ProviderFailure(`${provider}: ${verdict.why}`, { retryable: false });
    if (!verdict.allowed) return { kind: 'nothing', reason: `robots.txt: ${verdict.why}` };
    let response: Response;
    try {
      response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { 'user-agent': options.userAgentHeader, accept: 'text/html,application/xhtml+xml;q=0.9' },
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ProviderFailure(`${provider}: ${url.host} could not be reached (${reasonOf(error)})`, {
        retryable: true,
        cause: error,
      });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (redirects >= options.maxRedirects)
        throw new ProviderFailure(
          `${provider}: ${start.href} redirects more than ${options.maxRedirects} times`,
          {
            retryable: false,
          },
        );
      url = new URL(location, url);
      continue;
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return { kind: 'nothing', reason: `${url.href} answered ${response.status}` };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusFailure(provider, url, response.status);
    }
    const contentType = response.headers.get('content-type');
    const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!HTML_TYPES.has(mediaType)) {
      await response.body?.cancel();
      return { kind: 'nothing', reason: `${url.href} is ${mediaType || 'of no declared type'}, not HTML` };
    }
    let body;
    try {
      body = await readCappedBody(response, options.maxBytes);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ProviderFailure(`${provider}: reading ${url.href} failed (${reasonOf(error)})`, {
        retryable: true,
        cause: error,
      });
    }
    const html = decodeHtml(body.bytes, contentType);
    const page = {
      kind: 'page' as const,
      url,
      html,
      headers: headersOf(response),
      cookies: cookieNames(response),
    };
    return body.truncated ? { ...page, truncatedAt: body.bytes.byteLength } : page;
  }
};
