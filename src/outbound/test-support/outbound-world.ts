import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadCriteria } from '../../criteria/load-criteria.js';
import type { Clock } from '../../domain/clock.js';
import { createProviderCaller } from '../../enrichment/call-provider.js';
import { memoryCache } from '../../enrichment/enrichment-cache.js';
import { createHttpProvider } from '../../enrichment/providers/http/create-http-provider.js';
import { HttpProviderConfig } from '../../enrichment/providers/http/http-provider-config.js';
import type { ProspectingWaterfall } from '../find-contacts.js';
import { createHttpPeopleSearch, PeopleSearchConfig, type PeopleSearch } from '../people-search.js';

/** A person the local vendor lists; `status` is what its email verification says (valid by default). */
export interface VendorPerson {
  readonly first_name: string;
  readonly last_name: string;
  readonly title: string;
  readonly time_zone?: string;
  readonly status?: 'valid' | 'unknown' | 'invalid';
}

/** A company the local vendor knows. */
export interface VendorCompany {
  readonly name: string;
  readonly industry: string;
  readonly employees: string;
  readonly country: string;
  readonly people: readonly VendorPerson[];
}

/** A German software company of 51–200 people with one person in sales (a VP unless `title` says otherwise). */
export const saasCompany = (
  name: string,
  first: string,
  last: string,
  title = 'VP Sales',
): VendorCompany => ({
  name,
  industry: 'Software',
  employees: '51-200',
  country: 'DE',
  people: [{ first_name: first, last_name: last, title }],
});

/**
 * A local stand-in for a data vendor, speaking JSON over real HTTP: company firmographics by
 * domain (`/companies?domain=`), the people at a company (`/people?domain=`) and a person's
 * address with its verification (`/email?domain=&first_name=&last_name=`, Hunter-like); `fail`
 * makes it answer 503 (an outage) to the requests it picks.
 */
export const startLocalVendor = async (
  companies: (domain: string) => VendorCompany | undefined,
  /** An outage: the requests it picks are answered 503. */
  options: { readonly fail?: (path: string, domain: string) => boolean } = {},
): Promise<{ readonly base: string; readonly calls: string[]; close(): Promise<void> }> => {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://vendor');
    calls.push(url.pathname);
    const domain = url.searchParams.get('domain') ?? '';
    const company = companies(domain);
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (options.fail?.(url.pathname, domain) === true) return send(503, { error: 'vendor outage' });
    if (company === undefined) return send(404, { error: 'unknown domain' });
    if (url.pathname === '/companies')
      return send(200, {
        name: company.name,
        industry: company.industry,
        employees: company.employees,
        country: company.country,
      });
    if (url.pathname === '/people') return send(200, { people: company.people });
    if (url.pathname === '/email') {
      const first = url.searchParams.get('first_name') ?? '';
      const last = url.searchParams.get('last_name') ?? '';
      const person = company.people.find((p) => p.first_name === first && p.last_name === last);
      if (person === undefined) return send(200, { data: {} });
      return send(200, {
        data: {
          email: `${first}.${last}@${domain}`.toLowerCase(),
          score: 96,
          status: person.status ?? 'valid',
        },
      });
    }
    return send(404, { error: 'no such endpoint' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** The waterfall and the people search over a local vendor at `base`. */
export const vendorProspecting = (
  base: string,
  clock: Clock,
): { readonly waterfall: ProspectingWaterfall; readonly people: PeopleSearch } => {
  const firmographics = createHttpProvider(
    HttpProviderConfig.parse({
      name: 'firmo',
      url: `${base}/companies`,
      query: { domain: '{domain}' },
      requires: ['domain'],
      fields: {
        'company.name': 'name',
        'company.industry': 'industry',
        'company.employees': 'employees',
        'company.country': 'country',
      },
      confidence: 0.9,
      limits: { retries: 0, concurrency: 16 },
    }),
    {},
    { clock },
  );
  const finder = createHttpProvider(
    HttpProviderConfig.parse({
      name: 'finder',
      url: `${base}/email`,
      query: { domain: '{domain}', first_name: '{firstName}', last_name: '{lastName}' },
      requires: ['domain', 'firstName', 'lastName'],
      fields: { 'person.email': 'data.email' },
      confidence: { path: 'data.score', outOf: 100 },
      verification: { field: 'person.email', status: 'data.status', valid: ['valid'], invalid: ['invalid'] },
      limits: { retries: 0, concurrency: 16 },
    }),
    {},
    { clock },
  );
  return {
    waterfall: {
      deps: {
        callers: [firmographics, finder].map((p) => createProviderCaller(p)),
        cache: memoryCache(),
        clock,
      },
      options: { minConfidence: 0.6 },
      budget: { remainingCents: Number.POSITIVE_INFINITY },
    },
    people: createHttpPeopleSearch(
      PeopleSearchConfig.parse({ name: 'people', url: `${base}/people?domain={domain}` }),
      {},
    ),
  };
};

/** The BANT criteria template (company fit: software, 50–5,000 people, North America and Western Europe). */
export const bantCriteria = () =>
  loadCriteria(fileURLToPath(new URL('../../../examples/criteria/bant.yaml', import.meta.url)));

/** A campaign file for tests: review or autonomous, the limits given, two steps four days apart. */
export const campaignYaml = (options: {
  readonly mode: 'review' | 'autonomous';
  readonly limits?: string;
  readonly pause?: string;
}): string => `name: Test campaign
targets: { domains: [placeholder.example] }
personas:
  - { name: Revenue leader, functions: [sales, operations], minSeniority: director }
  - { name: Founder, functions: [executive], minSeniority: c_level }
mode: ${options.mode}
sender: { name: Dana Kim, email: dana@acme.example }
timeZone: Europe/Berlin
limits: ${options.limits ?? '{ perDay: 50, perDomainPerDay: 2, minGapSeconds: 0 }'}
quietHours: { from: '20:00', to: '07:00' }
sendingDays: [mon, tue, wed, thu, fri, sat, sun]
sequence:
  - afterDays: 0
    subject: '{{company.name}} and lead routing'
    template: |
      Hi {{person.firstName}},

      Teams at {{company.industry}} companies like {{company.name}} often lose hot leads between the form and the first call. Worth a look?
  - afterDays: 4
    template: Hi {{person.firstName}}, a short follow-up on lead routing at {{company.name}}.
pause: ${options.pause ?? '{ bounceRate: 0.15, complaintRate: 0.01, minSent: 5 }'}
`;
