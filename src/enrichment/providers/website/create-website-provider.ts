import { AppError } from '../../../domain/app-error.js';
import { emailDomainKind } from '../../../intake/normalize/email-domain-kind.js';
import { normalizeDomain } from '../../../intake/normalize/domain.js';
import {
  ProviderFailure,
  type EnrichableField,
  type EnrichmentProvider,
  type ProviderAnswer,
  type ProviderLimits,
  type ProviderQuery,
} from '../../provider.js';
import { detectTechnologies } from './detect-technologies.js';
import { fetchHomepage, isPublicHost } from './fetch-homepage.js';
import { pageFields } from './page-fields.js';
import { parsePage } from './parse-page.js';
import { readJsonLd } from './read-json-ld.js';
import { createRobotsGate } from './robots-gate.js';

/** Options for `createWebsiteProvider`; every one has a default. */
export interface WebsiteProviderOptions {
  /** Recorded in provenance; default `website`. */
  readonly name?: string;
  /** The whole call (robots.txt, redirects, body), in ms; default 10 000. */
  readonly timeoutMs?: number;
  /** Bytes of a homepage read; the rest is not. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Redirects followed; default 3. */
  readonly maxRedirects?: number;
  /**
   * The User-Agent sent; its product token (before any "/") is the name obeyed in robots.txt.
   * Default `leadsift`.
   */
  readonly userAgent?: string;
  /** Attempts after the first on a retryable failure; default 1. */
  readonly retries?: number;
  /** Sites read at once; default 8. */
  readonly concurrency?: number;
  readonly ratePerSecond?: number;
  /** How long an answer is reused; default 30 days. */
  readonly ttlSeconds?: number;
  /**
   * Test only: where a domain's homepage is, instead of `https://<domain>/`; `{domain}` in it is
   * replaced. Setting it also allows IP addresses and private host names, which real runs refuse.
   */
  readonly baseUrl?: string;
}

type Defaults = Readonly<Required<Omit<WebsiteProviderOptions, 'baseUrl' | 'ratePerSecond'>>>;

/** Everything `createWebsiteProvider` fills in when an option is left out. */
export const WEBSITE_DEFAULTS: Defaults = Object.freeze({
  name: 'website',
  timeoutMs: 10_000,
  maxBytes: 1024 * 1024,
  maxRedirects: 3,
  userAgent: 'leadsift',
  retries: 1,
  concurrency: 8,
  ttlSeconds: 30 * 24 * 3600,
});

const SUPPLIES: readonly EnrichableField[] = Object.freeze([
  'company.name',
  'company.description',
  'company.employees',
  'company.country',
  'company.industry',
  'company.linkedin',
  'company.technologies',
]);

/** The registrable domain a homepage is read from: none for free-mail or disposable domains. */
const companyDomain = (query: ProviderQuery): string | undefined => {
  if (query.domain === undefined) return undefined;
  const normalized = normalizeDomain(query.domain);
  if (!normalized.ok) return undefined;
  const kind = emailDomainKind(normalized.domain);
  // gmail.com's homepage says nothing about a lead's company.
  return kind === 'free' || kind === 'disposable' ? undefined : normalized.domain;
};

type CheckedOptions = Defaults & Pick<WebsiteProviderOptions, 'baseUrl' | 'ratePerSecond'>;

/** Throws CONFIG_INVALID naming every option out of range (the providers file's schema checks too). */
const checkOptions = (o: CheckedOptions): void => {
  const atLeast =
    (min: number) =>
    (k: 'timeoutMs' | 'maxBytes' | 'concurrency' | 'maxRedirects' | 'retries' | 'ttlSeconds') =>
      Number.isInteger(o[k]) && o[k] >= min ? [] : [`${k} must be a whole number of at least ${min}`];
  const problems = [
    ...(['timeoutMs', 'maxBytes', 'concurrency'] as const).flatMap(atLeast(1)),
    ...(['maxRedirects', 'retries', 'ttlSeconds'] as const).flatMap(atLeast(0)),
    ...(o.userAgent.trim() === '' ? ['userAgent must not be empty'] : []),
    ...(o.ratePerSecond !== undefined && !(o.ratePerSecond > 0) ? ['ratePerSecond must be above 0'] : []),
    ...(o.baseUrl !== undefined && !URL.canParse(o.baseUrl.replaceAll('{domain}', 'example.com'))
      ? [`baseUrl ${JSON.stringify(o.baseUrl)} is not a URL`]
      : []),
  ];
  if (problems.length > 0)
    throw new AppError('CONFIG_INVALID', { message: `${o.name}: ${problems.join('; ')}` });
};

const urlFor = (baseUrl: string | undefined, domain: string): URL => {
  if (baseUrl === undefined) return new URL(`https://${domain}/`);
  return new URL(baseUrl.replaceAll('{domain}', encodeURIComponent(domain)));
};

/**
 * The company-website provider: reads a lead's company homepage (`https://<domain>/`) politely
 * and within bounds — robots.txt first (per origin, once per provider instance; our token is
 * the User-Agent's product name), redirects followed by hand and re-checked against robots.txt,
 * only HTML, at most `maxBytes`, the whole call within `timeoutMs` — and answers the company's
 * name, description, size, country, industry and LinkedIn page from schema.org JSON-LD, meta
 * tags and the title, and its technologies from leadsift's signature table. A site with nothing
 * usable, a page robots.txt disallows, a 404 and a non-HTML page are empty answers with a note;
 * timeouts, 408, 429, 5xx and network errors are retryable failures; other errors, and a
 * robots.txt that cannot be had (429, 5xx, timeout: read nothing), are not.
 */
export const createWebsiteProvider = (options: WebsiteProviderOptions = {}): EnrichmentProvider => {
  const o = { ...WEBSITE_DEFAULTS, ...options };
  checkOptions(o);
  const agent = o.userAgent.split('/')[0]?.trim() || WEBSITE_DEFAULTS.userAgent;
  const robots = createRobotsGate({
    agent,
    userAgentHeader: o.userAgent,
    timeoutMs: Math.max(1, Math.floor(o.timeoutMs / 2)),
    mayFollow: (url) => o.baseUrl !== undefined || isPublicHost(url),
  });
  const fetchOptions = {
    provider: o.name,
    userAgentHeader: o.userAgent,
    maxBytes: o.maxBytes,
    maxRedirects: o.maxRedirects,
    robots,
    allowAnyHost: o.baseUrl !== undefined,
  };
  const limits: ProviderLimits = {
    costCents: 0,
    concurrency: o.concurrency,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    ttlSeconds: o.ttlSeconds,
    ...(o.ratePerSecond === undefined ? {} : { ratePerSecond: o.ratePerSecond }),
  };

  const read = async (domain: string, signal: AbortSignal): Promise<ProviderAnswer> => {
    const outcome = await fetchHomepage(urlFor(o.baseUrl, domain), fetchOptions, signal);
    if (outcome.kind === 'nothing') return { fields: [], note: outcome.reason };
    const markup = parsePage(outcome.html);
    const fields = pageFields({
      url: outcome.url.href,
      domain,
      markup,
      jsonLd: readJsonLd(markup.jsonLd),
      technologies: detectTechnologies({ markup, ...outcome }),
      ...(outcome.truncatedAt === undefined ? {} : { truncatedAt: outcome.truncatedAt }),
    });
    return fields.length > 0 ? { fields } : { fields, note: `${outcome.url.href} holds no usable facts` };
  };

  return Object.freeze({
    name: o.name,
    supplies: SUPPLIES,
    // Only the domain is read: the cache key and the waterfall's ordering rely on it.
    inputs: Object.freeze(['domain'] as const),
    limits: Object.freeze(limits),
    canAnswer: (query: ProviderQuery) => companyDomain(query) !== undefined,
    lookup: async (query: ProviderQuery, signal: AbortSignal): Promise<ProviderAnswer> => {
      const domain = companyDomain(query);
      if (domain === undefined) return { fields: [] };
      const deadline = AbortSignal.timeout(o.timeoutMs);
      try {
        return await read(domain, AbortSignal.any([signal, deadline]));
      } catch (error) {
        if (error instanceof ProviderFailure) throw error;
        const what = signal.aborted
          ? 'the call was aborted'
          : deadline.aborted
            ? `no answer from ${domain} within ${o.timeoutMs} ms`
            : `reading ${domain} failed (${error instanceof Error ? error.message : String(error)})`;
        throw new ProviderFailure(`${o.name}: ${what}`, {
          retryable: signal.aborted || deadline.aborted,
          cause: error,
        });
      }
    },
  });
};
