import { describe, expect, it } from 'vitest';
import { parsePage } from './parse-page.js';
import { decodeHtml } from './read-capped-body.js';

describe('parsing a page', () => {
  it('reads the title, meta tags, scripts, links, anchors and forms', () => {
    const markup = parsePage(`<!doctype html><HTML><head>
<TITLE>  Acme &amp; Sons |
  Home </TITLE>
<meta name="Description" content="Anvils &amp; rockets."><meta property="og:site_name" content="Acme">
<meta name="generator" content="WordPress 6.6"><meta name="generator" content="Elementor 3.2">
<link rel="stylesheet" href="/style.css"><script src="/app.js"></script>
<script>window.x = 1 < 2;</script>
<script type="application/ld+json">{"@type": "Organization"}</script>
</head><body><svg><title>Logo</title></svg><a href="/about">About</a><form action="/subscribe"></form></body></HTML>`);
    expect(markup).toEqual({
      title: 'Acme & Sons | Home',
      meta: new Map([
        ['description', 'Anvils & rockets.'],
        ['og:site_name', 'Acme'],
        ['generator', 'WordPress 6.6'],
      ]),
      generators: ['WordPress 6.6', 'Elementor 3.2'],
      scriptSrcs: ['/app.js'],
      linkHrefs: ['/style.css'],
      inlineScripts: ['window.x = 1 < 2;'],
      jsonLd: ['{"@type": "Organization"}'],
      anchors: ['/about'],
      formActions: ['/subscribe'],
    });
  });

  it('takes no title from an SVG and keeps what an unfinished page holds', () => {
    const markup = parsePage(
      '<html><body><svg><title>Logo</title></svg><script type="application/ld+json">{"a":',
    );
    expect(markup.title).toBeUndefined();
    expect(markup.jsonLd).toEqual(['{"a":']);
  });
});

describe('decoding a page', () => {
  const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

  it('uses the Content-Type charset, else the meta charset, else UTF-8', () => {
    const page = latin1('<meta charset="windows-1252"><title>M\u00fcller GmbH</title>');
    expect(decodeHtml(page, 'text/html')).toContain('Müller GmbH');
    expect(decodeHtml(page, 'text/html; charset=utf-8')).toContain('M\ufffdller');
    const equiv = latin1(
      '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>\u00e9t\u00e9</p>',
    );
    expect(decodeHtml(equiv, null)).toContain('été');
    expect(decodeHtml(new TextEncoder().encode('<p>été</p>'), 'text/html')).toBe('<p>été</p>');
    expect(decodeHtml(new TextEncoder().encode('<p>été</p>'), 'text/html; charset=no-such-thing')).toBe(
      '<p>été</p>',
    );
  });
});
