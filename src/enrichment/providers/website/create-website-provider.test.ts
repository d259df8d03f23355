import { afterEach, describe, expect, it } from 'vitest';
import type { ProviderAnswer } from '../../provider.js';
import { failureOf } from '../http/test-support/local-vendor.js';
import { createWebsiteProvider, type WebsiteProviderOptions } from './create-website-provider.js';
import {
  closeServers,
  html,
  jsonLd,
  page,
  redirect,
  serveSite,
  silent,
  text,
} from './test-support/local-site.js';

afterEach(closeServers);

const ACME_PAGE = page(
  `<title>Acme | Rockets</title><meta name="description" content="Rockets and anvils.">
${jsonLd({ '@type': 'Organization', name: 'Acme Corp', numberOfEmployees: 120, address: { addressCountry: 'US' } })}
<script async src="https://js.stripe.com/v3/"></script>`,
);

const website = (base: string, options: WebsiteProviderOptions = {}) =>
  createWebsiteProvider({ baseUrl: `${base}/`, ...options });

const lookup = (p: ReturnType<typeof createWebsiteProvider>, domain = 'acme.com'): Promise<ProviderAnswer> =>
  p.lookup({ domain }, new AbortController().signal);

const values = (answer: ProviderAnswer) => Object.fromEntries(answer.fields.map((f) => [f.field, f.value]));

describe('the website provider', () => {
  it('reads robots.txt, then the homepage, as "leadsift", and answers what the page says', async () => {
    const site = await serveSite({
      '/robots.txt': text('User-agent: *\nDisallow: /admin\n'),
      '/': html(ACME_PAGE),
    });
    const answer = await lookup(website(site.base));
    expect(site.paths).toEqual(['/robots.txt', '/']);
    expect(site.seen.every((r) => r.headers['user-agent'] === 'leadsift')).toBe(true);
    expect(values(answer)).toEqual({
      'company.name': 'Acme Corp',
      'company.description': 'Rockets and anvils.',
      'company.employees': { min: 120, max: 120 },
      'company.country': 'US',
      'company.technologies': ['Stripe'],
    });
    expect(answer.fields[0]?.detail).toBe(`${site.url} JSON-LD Organization name`);
  });

  it('puts the domain into a base URL template', async () => {
    const site = await serveSite({ '/sites/acme.com/': html(ACME_PAGE) });
    const answer = await lookup(createWebsiteProvider({ baseUrl: `${site.base}/sites/{domain}/` }));
    expect(site.paths).toEqual(['/robots.txt', '/sites/acme.com/']);
    expect(values(answer)['company.name']).toBe('Acme Corp');
  });

  it('does not read a page robots.txt disallows for leadsift, and says so', async () => {
    const site = await serveSite({
      '/robots.txt': text('User-agent: googlebot\nAllow: /\n\nUser-agent: leadsift\nDisallow: /\n'),
      '/': html(ACME_PAGE),
    });
    const answer = await lookup(website(site.base));
    expect(answer.fields).toEqual([]);
    expect(answer.note).toBe(`robots.txt: ${site.base}/robots.txt disallows it for leadsift (line 5)`);
    expect(site.paths).toEqual(['/robots.txt']);
  });

  it('obeys the robots.txt token of a configured user agent', async () => {
    const site = await serveSite({
      '/robots.txt': text('User-agent: acmebot\nDisallow: /\n'),
      '/': html(ACME_PAGE),
    });
    expect((await lookup(website(site.base))).fields).not.toEqual([]);
    const answer = await lookup(website(site.base, { userAgent: 'AcmeBot/2.0 (+https://example.org/bot)' }));
    expect(answer.fields).toEqual([]);
    expect(site.seen.at(-1)?.headers['user-agent']).toBe('AcmeBot/2.0 (+https://example.org/bot)');
  });

  it('reads everything when robots.txt is missing (404)', async () => {
    const site = await serveSite({ '/': html(ACME_PAGE) });
    expect(values(await lookup(website(site.base)))['company.name']).toBe('Acme Corp');
    expect(site.paths).toEqual(['/robots.txt', '/']);
  });

  it.each([500, 503, 429])(
    'reads nothing, and fails without retrying, when robots.txt answers %i',
    async (status) => {
      const site = await serveSite({ '/robots.txt': text('oops', status), '/': html(ACME_PAGE) });
      const failure = await failureOf(lookup(website(site.base)));
      expect(failure).toMatchObject({
        retryable: false,
        message: `website: ${site.base}/robots.txt answered ${status}: treated as disallowing everything`,
      });
      expect(site.paths).toEqual(['/robots.txt']);
    },
  );

  it('reads nothing when robots.txt does not answer in time', async () => {
    const site = await serveSite({ '/robots.txt': silent, '/': html(ACME_PAGE) });
    const failure = await failureOf(lookup(website(site.base, { timeoutMs: 600 })));
    expect(failure.message).toMatch(/robots\.txt timed out: treated as disallowing everything$/);
    expect(site.paths).toEqual(['/robots.txt']);
  });

  it('follows a redirected robots.txt, to another host too', async () => {
    const rules = await serveSite({ '/rules.txt': text('User-agent: *\nDisallow: /\n') });
    const site = await serveSite({
      '/robots.txt': redirect(`${rules.base}/rules.txt`),
      '/': html(ACME_PAGE),
    });
    const answer = await lookup(website(site.base));
    expect(answer.note).toBe(`robots.txt: ${site.base}/robots.txt disallows it for leadsift (line 2)`);
    expect(site.paths).toEqual(['/robots.txt']);
  });

  it('allows everything when robots.txt redirects in a loop', async () => {
    const site = await serveSite({ '/robots.txt': redirect('/robots.txt'), '/': html(ACME_PAGE) });
    expect((await lookup(website(site.base))).fields).not.toEqual([]);
    expect(site.paths.filter((p) => p === '/robots.txt')).toHaveLength(6);
  });

  it('reads robots.txt once per site for many lookups', async () => {
    const site = await serveSite({ '/robots.txt': text('User-agent: *\nAllow: /\n'), '/': html(ACME_PAGE) });
    const p = website(site.base);
    await Promise.all([lookup(p), lookup(p), lookup(p, 'acme.org')]);
    expect(site.paths.filter((path) => path === '/robots.txt')).toHaveLength(1);
    expect(site.paths.filter((path) => path === '/')).toHaveLength(3);
  });

  it('follows a chain of redirects up to the limit', async () => {
    const site = await serveSite({
      '/': redirect('/a'),
      '/a': redirect(`/b`, 302),
      '/b': redirect('/home', 308),
      '/home': html(ACME_PAGE),
    });
    const answer = await lookup(website(site.base));
    expect(values(answer)['company.name']).toBe('Acme Corp');
    expect(answer.fields[0]?.detail).toBe(`${site.base}/home JSON-LD Organization name`);
  });

  it('fails, not retryably, on more redirects than the limit', async () => {
    const site = await serveSite({ '/': redirect('/a'), '/a': redirect('/b'), '/b': html(ACME_PAGE) });
    const failure = await failureOf(lookup(website(site.base, { maxRedirects: 1 })));
    expect(failure.retryable).toBe(false);
    expect(failure.message).toBe(`website: ${site.url} redirects more than 1 times`);
    expect(site.paths).not.toContain('/b');
  });

  it("asks the new host's robots.txt after a redirect to another host", async () => {
    const blocked = await serveSite({
      '/robots.txt': text('User-agent: *\nDisallow: /\n'),
      '/': html(ACME_PAGE),
    });
    const start = await serveSite({
      '/robots.txt': text('User-agent: *\nAllow: /\n'),
      '/': redirect(blocked.url),
    });
    const answer = await lookup(website(start.base));
    expect(answer.fields).toEqual([]);
    expect(answer.note).toContain(`${blocked.base}/robots.txt disallows it`);
    expect(blocked.paths).toEqual(['/robots.txt']);

    const open = await serveSite({ '/': html(ACME_PAGE) });
    const moved = await serveSite({ '/': redirect(`${open.base}/`) });
    const read = await lookup(website(moved.base));
    expect(read.fields[0]?.detail).toBe(`${open.url} JSON-LD Organization name`);
    expect(open.paths).toEqual(['/robots.txt', '/']);
  });

  it('fails, not retryably, on a redirect to something other than http or https', async () => {
    const site = await serveSite({ '/': redirect('ftp://files.acme.com/') });
    const failure = await failureOf(lookup(website(site.base)));
    expect(failure).toMatchObject({
      retryable: false,
      message: 'website: ftp://files.acme.com/ is not an http or https URL',
    });
  });

  it('cuts a huge page at maxBytes and still reads what came before', async () => {
    const filler = `<p>${'lorem ipsum '.repeat(200_000)}</p>`;
    const site = await serveSite({
      '/': html(
        page(`<title>Acme | Home</title>${jsonLd({ '@type': 'Organization', name: 'Acme Corp' })}`, filler),
      ),
    });
    const answer = await lookup(website(site.base, { maxBytes: 16 * 1024 }));
    expect(answer.fields).toEqual([
      {
        field: 'company.name',
        value: 'Acme Corp',
        confidence: 0.9,
        detail: `${site.url} JSON-LD Organization name (page cut at 16384 bytes)`,
      },
    ]);
  });

  it('stops downloading a huge page at the limit instead of reading it all', async () => {
    const total = 64 * 1024 * 1024;
    const progress = { sent: 0 };
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const site = await serveSite({
      '/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write(page('<title>Acme | Home</title>', ''));
        const write = (): void => {
          while (progress.sent < total) {
            progress.sent += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', write);
              return;
            }
          }
          res.end();
        };
        res.on('close', () => res.removeAllListeners('drain'));
        write();
      },
    });
    const answer = await lookup(website(site.base, { maxBytes: 256 * 1024 }));
    expect(progress.sent).toBeLessThan(total);
    expect(answer.fields).toEqual([
      expect.objectContaining({ value: 'Acme', detail: `${site.url} <title> (page cut at 262144 bytes)` }),
    ]);
  });

  it('keeps the other facts when the cut falls inside the JSON-LD', async () => {
    const org = jsonLd({ '@type': 'Organization', name: 'Acme Corp', description: 'x'.repeat(4000) });
    const site = await serveSite({ '/': html(page(`<title>Acme | Home</title>${org}`)) });
    const answer = await lookup(website(site.base, { maxBytes: 1024 }));
    expect(values(answer)).toEqual({ 'company.name': 'Acme' });
  });

  it('keeps the other facts when a JSON-LD block is malformed', async () => {
    const broken = '<script type="application/ld+json">{"@type": "Organization", "name": "Acme",,}</script>';
    const site = await serveSite({
      '/': html(page(`<title>Acme | Home</title><meta name="description" content="Anvils.">${broken}`)),
    });
    expect(values(await lookup(website(site.base)))).toEqual({
      'company.name': 'Acme',
      'company.description': 'Anvils.',
    });
  });

  it('fails retryably when the page does not come within the timeout', async () => {
    const site = await serveSite({ '/': silent });
    const failure = await failureOf(lookup(website(site.base, { timeoutMs: 300 })));
    expect(failure).toMatchObject({
      retryable: true,
      message: 'website: no answer from acme.com within 300 ms',
    });
  });

  it('fails retryably when the body stalls after the headers', async () => {
    const site = await serveSite({
      '/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><head><title>Acme');
      },
    });
    const failure = await failureOf(lookup(website(site.base, { timeoutMs: 300 })));
    expect(failure.retryable).toBe(true);
  });

  it('reads nothing from a page that is not HTML, and says what it was', async () => {
    const site = await serveSite({
      '/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"name":"Acme"}');
      },
    });
    expect(await lookup(website(site.base))).toEqual({
      fields: [],
      note: `${site.url} is application/json, not HTML`,
    });
  });

  it('answers a missing homepage with nothing, and fails on 5xx (retryably) and 403 (not)', async () => {
    const gone = await serveSite({ '/robots.txt': text('') });
    expect(await lookup(website(gone.base))).toEqual({ fields: [], note: `${gone.url} answered 404` });
    const down = await serveSite({ '/': html('oops', {}, 502) });
    expect(await failureOf(lookup(website(down.base)))).toMatchObject({ retryable: true });
    const denied = await serveSite({ '/': html('no bots', {}, 403) });
    expect(await failureOf(lookup(website(denied.base)))).toMatchObject({
      retryable: false,
      message: `website: ${denied.url} answered 403`,
    });
  });

  it('answers a page with nothing usable with no fields and a note', async () => {
    const site = await serveSite({ '/': html(page('<title>Welcome</title>')) });
    expect(await lookup(website(site.base))).toEqual({
      fields: [],
      note: `${site.url} holds no usable facts`,
    });
  });

  it('detects technologies from response headers and cookies', async () => {
    const site = await serveSite({
      '/': html(page('<title>Acme</title>'), {
        server: 'cloudflare',
        'cf-ray': '8a1b2c3d4e5f6789-AMS',
        'set-cookie': ['hubspotutk=abc; Path=/', '__cf_bm=x; HttpOnly'],
      }),
    });
    const answer = await lookup(website(site.base));
    expect(values(answer)['company.technologies']).toEqual(['HubSpot', 'Cloudflare']);
  });

  it('can answer only a query with a company domain that is not free-mail or disposable', () => {
    const p = createWebsiteProvider();
    expect(p.canAnswer({ domain: 'acme.com' })).toBe(true);
    expect(p.canAnswer({ domain: 'https://www.acme.co.uk/about' })).toBe(true);
    expect(p.canAnswer({ domain: 'gmail.com' })).toBe(false);
    expect(p.canAnswer({ domain: 'mailinator.com' })).toBe(false);
    expect(p.canAnswer({ domain: '127.0.0.1' })).toBe(false);
    expect(p.canAnswer({ companyName: 'Acme' })).toBe(false);
    expect(p.limits).toEqual({
      costCents: 0,
      concurrency: 8,
      timeoutMs: 10_000,
      retries: 1,
      ttlSeconds: 2_592_000,
    });
  });

  it('refuses bad options with CONFIG_INVALID, naming each', () => {
    expect(() =>
      createWebsiteProvider({ maxBytes: 0, timeoutMs: 1.5, userAgent: ' ', baseUrl: 'nope' }),
    ).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message:
          'website: timeoutMs must be a whole number of at least 1; maxBytes must be a whole number of at least 1; ' +
          'userAgent must not be empty; baseUrl "nope" is not a URL',
      }),
    );
  });
});
