import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDomain } from './domain.js';

describe('normalizeDomain', () => {
  it.each([
    ['https://www.Acme.co.uk/about?x=1', 'acme.co.uk', 'www.acme.co.uk'],
    ['acme.com', 'acme.com', 'acme.com'],
    ['www.acme.com', 'acme.com', 'www.acme.com'],
    ['http://blog.acme.io', 'acme.io', 'blog.acme.io'],
    ['acme.com/', 'acme.com', 'acme.com'],
    [' ACME.COM ', 'acme.com', 'acme.com'],
    ['acme.com.', 'acme.com', 'acme.com'],
    ['https://acme.com:8443/#top', 'acme.com', 'acme.com'],
    ['//cdn.acme.com/x.js', 'acme.com', 'cdn.acme.com'],
    ['mailto:x@acme.com', 'acme.com', 'acme.com'],
    ['jane@Sales.Acme.com', 'acme.com', 'sales.acme.com'],
    ['https://user:pw@acme.com/', 'acme.com', 'acme.com'],
    ['https://www.bücher.de', 'xn--bcher-kva.de', 'www.xn--bcher-kva.de'],
    ['acme.github.io', 'acme.github.io', 'acme.github.io'],
    ['https://app.acme.herokuapp.com', 'acme.herokuapp.com', 'app.acme.herokuapp.com'],
    ['github.io', 'github.io', 'github.io'],
  ])('reads %j as %s (host %s)', (raw, domain, host) => {
    expect(normalizeDomain(raw)).toEqual({ ok: true, domain, host });
  });

  it.each([
    ['', 'is empty'],
    ['https://', 'is empty'],
    ['localhost', '"localhost" is not a public domain'],
    ['http://localhost:3000', '"localhost" is not a public domain'],
    ['127.0.0.1', '"127.0.0.1" is an IP address'],
    ['http://[::1]/', '"[::1]" is an IP address'],
    ['acme', 'domain "acme" has no top-level domain'],
    ['acme.local', 'top-level domain "local" is not a public suffix'],
    ['intranet.acme.internal', 'top-level domain "internal" is not a public suffix'],
    ['co.uk', '"co.uk" is a public suffix, not a domain someone owns'],
    ['acme corp.com', 'contains spaces'],
    ['acme_corp.com', 'domain part "acme_corp" may hold only letters, digits and inner hyphens'],
  ])('rejects %j because it says %j', (raw, problem) => {
    expect(normalizeDomain(raw)).toEqual({ ok: false, problem });
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (raw) => void normalizeDomain(raw)));
    fc.assert(fc.property(fc.webUrl(), (raw) => void normalizeDomain(raw)));
  });

  it('is idempotent on its own output', () => {
    const inputs = fc.oneof(fc.webUrl(), fc.domain(), fc.emailAddress());
    fc.assert(
      fc.property(inputs, (raw) => {
        const first = normalizeDomain(raw);
        if (!first.ok) return;
        expect(normalizeDomain(first.domain)).toEqual({ ok: true, domain: first.domain, host: first.domain });
        expect(normalizeDomain(first.host)).toEqual(first);
      }),
    );
  });

  it('ignores letter case', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(normalizeDomain(url.toUpperCase())).toEqual(normalizeDomain(url));
      }),
    );
  });
});
