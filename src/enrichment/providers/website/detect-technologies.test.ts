import { describe, expect, it } from 'vitest';
import { detectTechnologies } from './detect-technologies.js';
import { parsePage } from './parse-page.js';
import { TECHNOLOGY_SIGNATURES } from './technology-signatures.js';
import { page } from './test-support/local-site.js';

interface Sample {
  readonly html: string;
  readonly headers?: Record<string, string>;
  readonly cookies?: string[];
}

const detect = ({ html, headers = {}, cookies = [] }: Sample) =>
  detectTechnologies({ markup: parsePage(html), html, headers: new Map(Object.entries(headers)), cookies });

const script = (src: string): string => `<script async src="${src}"></script>`;
const inline = (code: string): string => `<script>${code}</script>`;

// Each technology as its vendor's public embed instructions have a site add it (ids made up).
const SAMPLES: Record<string, Sample> = {
  HubSpot: {
    html: page(
      '',
      `<script type="text/javascript" id="hs-script-loader" async defer src="//js.hs-scripts.com/1234567.js"></script>`,
    ),
  },
  'Salesforce Account Engagement': {
    html: page(
      '',
      inline(`piAId = '1012345'; piCId = ''; piHostname = 'pi.pardot.com';
(function() { function async_load(){ var s = document.createElement('script'); s.type = 'text/javascript';
s.src = ('https:' == document.location.protocol ? 'https://pi' : 'http://cdn') + '.pardot.com/pd.js';
var c = document.getElementsByTagName('script')[0]; c.parentNode.insertBefore(s, c); }
if(window.attachEvent) { window.attachEvent('onload', async_load); } else { window.addEventListener('load', async_load, false); } })();`),
    ),
  },
  'Salesforce Web-to-Lead': {
    html: page(
      '',
      `<form action="https://webto.salesforce.com/servlet/servlet.WebToLead?encoding=UTF-8&orgId=00D000000000001" method="POST">
<input type=hidden name="oid" value="00D000000000001"><input id="email" name="email" type="text"><input type="submit"></form>`,
    ),
  },
  Marketo: {
    html: page(
      '',
      `<script src="//app-ab12.marketo.com/js/forms2/js/forms2.min.js"></script><form id="mktoForm_1001"></form>
${inline(`MktoForms2.loadForm("//app-ab12.marketo.com", "123-ABC-456", 1001);`)}`,
    ),
  },
  Segment: {
    html: page(
      inline(`!function(){var analytics=window.analytics=window.analytics||[];if(!analytics.initialize)
analytics.load=function(key){var t=document.createElement("script");t.type="text/javascript";t.async=!0;
t.src="https://cdn.segment.com/analytics.js/v1/" + key + "/analytics.min.js";};analytics.load("AbCdEf123");analytics.page();}}();`),
    ),
  },
  'Google Analytics': {
    html: page(
      `${script('https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ9')}${inline(
        `window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-ABC123XYZ9');`,
      )}`,
    ),
  },
  'Google Tag Manager': {
    html: page(
      inline(`(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start': new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0], j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;
j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-AB12CD3');`),
      `<noscript><iframe src="https://www.googletagmanager.com/ns.html?id=GTM-AB12CD3" height="0" width="0"></iframe></noscript>`,
    ),
  },
  Shopify: {
    html: page(
      `<link href="//acme.com/cdn/shop/t/12/assets/base.css?v=1" rel="stylesheet">${inline(
        `var Shopify = Shopify || {}; Shopify.shop = "acme.myshopify.com"; Shopify.locale = "en";`,
      )}`,
    ),
    headers: { 'x-shopid': '55555555' },
  },
  WordPress: {
    html: page(
      `<meta name="generator" content="WordPress 6.6.2"><link rel='stylesheet' href='https://acme.com/wp-content/themes/acme/style.css?ver=6.6.2' media='all' />`,
    ),
  },
  Webflow: {
    html: `<!DOCTYPE html><html data-wf-domain="www.acme.com" data-wf-page="6501a" data-wf-site="6501b"><head>
<meta content="Webflow" name="generator"><link href="https://cdn.prod.website-files.com/6501b/css/acme.webflow.css" rel="stylesheet" type="text/css"></head><body></body></html>`,
  },
  Wix: {
    html: page(
      `<meta name="generator" content="Wix.com Website Builder"><link rel="preload" href="https://static.parastorage.com/services/wix-thunderbolt/dist/main.js" as="script">`,
    ),
    headers: { 'x-wix-request-id': '1700000000.1234' },
  },
  Squarespace: {
    html: `<!doctype html><html><head><!-- This is Squarespace. --><!-- acme -->
<script src="https://assets.squarespace.com/universal/scripts-compressed/extract-css-runtime.js"></script>
${inline('Static.SQUARESPACE_CONTEXT = {"website":{"id":"1"}};')}</head><body></body></html>`,
  },
  Stripe: {
    html: page(
      script('https://js.stripe.com/v3/pricing-table.js'),
      '<stripe-pricing-table pricing-table-id="prctbl_1" publishable-key="pk_live_1"></stripe-pricing-table>',
    ),
  },
  Intercom: {
    html: page(
      '',
      inline(`window.intercomSettings = { api_base: "https://api-iam.intercom.io", app_id: "abc123de" };
(function(){var w=window;var ic=w.Intercom;var d=document;var i=function(){i.c(arguments);};i.q=[];
var l=function(){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src='https://widget.intercom.io/widget/abc123de';};})();`),
    ),
  },
  Drift: {
    html: page(
      '',
      inline(`"use strict"; !function() { var t = window.driftt = window.drift = window.driftt || [];
t.load = function(e) { var o = document.createElement("script"); o.type = "text/javascript", o.async = !0,
o.src = "https://js.driftt.com/include/" + 1 + "/" + e + ".js"; }; }(); drift.SNIPPET_VERSION = '0.3.1'; drift.load('ab12cd34ef56');`),
    ),
  },
  Zendesk: {
    html: page(
      '',
      '<script id="ze-snippet" src="https://static.zdassets.com/ekr/snippet.js?key=00000000-0000-0000-0000-000000000000"> </script>',
    ),
  },
  Hotjar: {
    html: page(
      inline(`(function(h,o,t,j,a,r){ h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
h._hjSettings={hjid:1234567,hjsv:6}; a=o.getElementsByTagName('head')[0]; r=o.createElement('script');r.async=1;
r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv; a.appendChild(r); })(window,document,'https://static.hotjar.com/c/hotjar-','.js?sv=');`),
    ),
  },
  Cloudflare: {
    html: page('<title>Acme</title>'),
    headers: { server: 'cloudflare', 'cf-ray': '8a1b2c3d4e5f6789-AMS' },
  },
  Vercel: {
    html: page('<title>Acme</title>'),
    headers: { server: 'Vercel', 'x-vercel-id': 'fra1::iad1::abcde-1700000000000-123456789abc' },
  },
  Netlify: {
    html: page('<title>Acme</title>'),
    headers: { server: 'Netlify', 'x-nf-request-id': '01HABCDEF0123456789' },
  },
  'Next.js': {
    html: page(
      '<link rel="preload" href="/_next/static/css/a1b2c3.css" as="style">',
      '<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/"}</script><script src="/_next/static/chunks/main-abc.js" defer></script>',
    ),
  },
  React: {
    html: page(
      '<script crossorigin src="https://unpkg.com/react@18/umd/react.production.min.js"></script><script crossorigin src="https://unpkg.com/react-dom@18/umd/react-dom.production.min.js"></script>',
      '<div id="root"></div>',
    ),
  },
  Optimizely: { html: page(script('https://cdn.optimizely.com/js/12345678.js')) },
  'LinkedIn Insight Tag': {
    html: page(
      '',
      `${inline(`_linkedin_partner_id = "1234567"; window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
window._linkedin_data_partner_ids.push(_linkedin_partner_id);`)}
${inline(`(function(l) { var s = document.getElementsByTagName("script")[0]; var b = document.createElement("script");
b.type = "text/javascript";b.async = true; b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js"; s.parentNode.insertBefore(b, s);})(window.lintrk);`)}
<noscript><img height="1" width="1" style="display:none;" alt="" src="https://px.ads.linkedin.com/collect/?pid=1234567&fmt=gif" /></noscript>`,
    ),
  },
  'Facebook Pixel': {
    html: page(
      inline(`!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
t=b.createElement(e);t.async=!0;t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window, document,'script',
'https://connect.facebook.net/en_US/fbevents.js'); fbq('init', '123456789012345'); fbq('track', 'PageView');`),
      '<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=123456789012345&ev=PageView&noscript=1"/></noscript>',
    ),
  },
};

// A company page that talks about all of these products without embedding any of them.
const PLAIN = page(
  `<title>Acme — integrations</title><meta name="description" content="Acme connects HubSpot, Salesforce, Marketo and Segment.">
<link rel="stylesheet" href="/assets/site.css"><script src="/assets/app.js"></script>`,
  `<h1>Works with your stack</h1>
<p>Sync leads from HubSpot, Pardot, Salesforce Web-to-Lead forms and Marketo. Send events to Segment, Google Analytics
and Google Tag Manager. Sell on Shopify, WordPress, Webflow, Wix or Squarespace; take payments with Stripe; chat with
Intercom, Drift or Zendesk; watch sessions in Hotjar; deploy on Cloudflare, Vercel or Netlify with React and Next.js;
test with Optimizely; advertise with the LinkedIn Insight Tag and the Facebook Pixel.</p>
<a href="https://www.hubspot.com/">HubSpot</a> <a href="https://stripe.com/docs/js">Stripe.js docs</a>
<a href="https://developers.facebook.com/docs/meta-pixel">Meta Pixel</a>
<script>window.app = { analytics: false, optimizely: null, drift: 0 };</script>`,
);

describe('technology detection', () => {
  it('has a realistic sample for every signature in the table', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(TECHNOLOGY_SIGNATURES.map((s) => s.name).sort());
  });

  it.each(Object.entries(SAMPLES))('detects %s from its embed code or headers', (name, sample) => {
    const found = detect(sample);
    expect(found.map((t) => t.name)).toContain(name);
    expect(found.find((t) => t.name === name)?.evidence).not.toBe('');
  });

  it('finds nothing on a page that only names the products in prose and links', () => {
    expect(detect({ html: PLAIN, headers: { server: 'nginx', 'x-powered-by': 'Express' } })).toEqual([]);
  });

  it('finds only what each sample embeds, besides what that implies', () => {
    const extra: Record<string, string[]> = {
      'Google Analytics': [],
      'Google Tag Manager': [],
      'Next.js': ['React'],
    };
    for (const [name, sample] of Object.entries(SAMPLES))
      expect(
        detect(sample).map((t) => t.name),
        name,
      ).toEqual(
        [name, ...(extra[name] ?? [])].sort(
          (a, b) =>
            TECHNOLOGY_SIGNATURES.findIndex((s) => s.name === a) -
            TECHNOLOGY_SIGNATURES.findIndex((s) => s.name === b),
        ),
      );
  });

  it('says what showed each technology', () => {
    const [hubspot] = detect(SAMPLES.HubSpot as Sample);
    expect(hubspot).toEqual({
      name: 'HubSpot',
      category: 'marketing automation',
      evidence: 'loads //js.hs-scripts.com/1234567.js',
    });
    const cloudflare = detect(SAMPLES.Cloudflare as Sample);
    expect(cloudflare[0]?.evidence).toBe('header server: cloudflare');
    expect(detect(SAMPLES['Next.js'] as Sample).find((t) => t.name === 'React')?.evidence).toBe(
      'implied by Next.js',
    );
  });

  it('reads a cookie set by the response as evidence', () => {
    expect(detect({ html: page(''), cookies: ['hubspotutk', 'other'] }).map((t) => t.name)).toEqual([
      'HubSpot',
    ]);
  });
});
