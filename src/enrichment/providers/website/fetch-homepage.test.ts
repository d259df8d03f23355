import { afterEach, describe, expect, it } from 'vitest';
import { ProviderFailure } from '../../provider.js';
import { fetchHomepage } from './fetch-homepage.js';
import { createRobotsGate } from './robots-gate.js';
import { closeServers, html, page, serveSite } from './test-support/local-site.js';

afterEach(closeServers);

const options = (allowAnyHost: boolean) => ({
  provider: 'website',
  userAgentHeader: 'leadsift',
  maxBytes: 1024,
  maxRedirects: 3,
  robots: createRobotsGate({
    agent: 'leadsift',
    userAgentHeader: 'leadsift',
    timeoutMs: 1000,
    mayFollow: () => allowAnyHost,
  }),
  allowAnyHost,
});

describe('fetching a homepage', () => {
  it('refuses IP addresses and private names unless told to allow any host', async () => {
    const site = await serveSite({ '/': html(page('<title>Acme</title>')) });
    const signal = new AbortController().signal;
    const failure = fetchHomepage(new URL(site.url), options(false), signal);
    await expect(failure).rejects.toBeInstanceOf(ProviderFailure);
    await expect(failure).rejects.toMatchObject({
      retryable: false,
      message: `website: ${site.url} is not on a public host name`,
    });
    expect(site.paths).toEqual([]);
    const read = await fetchHomepage(new URL(site.url), options(true), signal);
    expect(read).toMatchObject({ kind: 'page', html: page('<title>Acme</title>') });
  });

  it('keeps response headers by lower-case name and the names of cookies set', async () => {
    const site = await serveSite({
      '/': html(page(''), { 'X-Powered-By': 'Next.js', 'set-cookie': ['a=1; Path=/', 'b=2'] }),
    });
    const read = await fetchHomepage(new URL(site.url), options(true), new AbortController().signal);
    if (read.kind !== 'page') throw new Error('expected a page');
    expect(read.headers.get('x-powered-by')).toBe('Next.js');
    expect(read.cookies).toEqual(['a', 'b']);
  });
});
