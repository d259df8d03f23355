/** What kind of product a technology is. */
export type TechnologyCategory =
  | 'marketing automation'
  | 'crm'
  | 'analytics'
  | 'tag manager'
  | 'customer data platform'
  | 'advertising'
  | 'experimentation'
  | 'ecommerce'
  | 'cms'
  | 'payments'
  | 'live chat'
  | 'customer support'
  | 'cdn'
  | 'hosting'
  | 'javascript framework';

/**
 * What counts as evidence of a technology. Any one pattern matching is enough. Patterns name
 * what a product's own public embed code loads or sets (script hosts, global functions, ids,
 * headers), never the product's bare name, which a page may mention in prose.
 */
export interface TechnologyEvidence {
  /** URLs the page loads: `<script src>` and `<link href>`. */
  readonly resources?: readonly RegExp[];
  /** The text of inline scripts (the embed snippet's calls and globals). */
  readonly inlineScripts?: readonly RegExp[];
  /** The markup itself: attributes, element ids, form actions, HTML comments. */
  readonly html?: readonly RegExp[];
  /** Response headers: lower-case name → pattern its value must match. */
  readonly headers?: Readonly<Record<string, RegExp>>;
  /** Names of cookies the response sets. */
  readonly cookies?: readonly RegExp[];
  /** `<meta name="generator">`. */
  readonly generator?: RegExp;
}

/** One technology: its name as recorded in `company.technologies`, its category, its evidence. */
export interface TechnologySignature {
  readonly name: string;
  readonly category: TechnologyCategory;
  readonly evidence: TechnologyEvidence;
  /** Technologies this one is built on (Next.js runs on React). */
  readonly implies?: readonly string[];
}

const ANY = /./;

/**
 * leadsift's own technology signature table, written from each vendor's documented embed
 * snippets and response headers (not derived from any other project's rules). One entry per
 * technology; README "Enrichment" lists them with their evidence. Order is the order results
 * are reported in.
 */
export const TECHNOLOGY_SIGNATURES: readonly TechnologySignature[] = [
  {
    name: 'HubSpot',
    category: 'marketing automation',
    evidence: {
      // The tracking code (js.hs-scripts.com/<portal>.js), forms embed, analytics and banner hosts.
      resources: [
        /\/\/js(?:-[a-z0-9]+)?\.hs-scripts\.com\//i,
        /\/\/js(?:-[a-z0-9]+)?\.hsforms\.net\//i,
        /\/\/js(?:-[a-z0-9]+)?\.hs-analytics\.net\//i,
        /\/\/js(?:-[a-z0-9]+)?\.hs-banner\.com\//i,
        /\/\/js\.hubspot\.com\//i,
      ],
      inlineScripts: [/\bhbspt\.forms\.create\s*\(/, /\b_hsq\s*=\s*window\._hsq/],
      html: [/\bid=["']hs-script-loader["']/i],
      cookies: [/^hubspotutk$/, /^__hstc$/],
    },
  },
  {
    name: 'Salesforce Account Engagement',
    category: 'marketing automation',
    evidence: {
      // Pardot's tracking snippet sets piAId/piCId and loads pd.js from the Pardot hosts.
      resources: [/\/\/(?:pi|cdn|go|storage)\.pardot\.com\//i, /\/\/[a-z0-9.-]+\.pardot\.com\/pd\.js/i],
      inlineScripts: [/\bpiAId\s*=\s*['"]\d+/, /\bpardot\.com\/pd\.js/i],
      html: [/\b(?:action|src)=["'][^"']*\.pardot\.com\//i],
      cookies: [/^visitor_id\d+(?:-hash)?$/],
    },
  },
  {
    name: 'Salesforce Web-to-Lead',
    category: 'crm',
    evidence: {
      // A form posting to the Web-to-Lead servlet, usually with the org id in a hidden "oid" input.
      html: [
        /\baction=["']https?:\/\/(?:[a-z0-9-]+\.)*(?:salesforce|force)\.com\/servlet\/servlet\.WebToLead/i,
      ],
    },
  },
  {
    name: 'Marketo',
    category: 'marketing automation',
    evidence: {
      // Munchkin tracking and Forms 2.0 (app-xx##.marketo.com/js/forms2/…, Munchkin.init('###-XXX-###')).
      resources: [
        /\/\/munchkin\.marketo\.net\//i,
        /\.marketo\.com\/js\/forms2\//i,
        /\/\/[a-z0-9-]+\.mktoweb\.com\//i,
      ],
      inlineScripts: [/\bMunchkin\.init\s*\(/, /\bMktoForms2\.loadForm\s*\(/],
      html: [/\bid=["']mktoForm_\d+["']/i],
      cookies: [/^_mkto_trk$/],
    },
  },
  {
    name: 'Segment',
    category: 'customer data platform',
    evidence: {
      resources: [/\/\/cdn\.segment\.(?:com|io)\/analytics\.js\//i],
      inlineScripts: [
        /cdn\.segment\.(?:com|io)\/analytics\.js/i,
        /\bwindow\.analytics\s*=\s*window\.analytics\s*\|\|\s*\[\]/,
      ],
      cookies: [/^ajs_anonymous_id$/],
    },
  },
  {
    name: 'Google Analytics',
    category: 'analytics',
    evidence: {
      // gtag.js with a G- (GA4) or UA- id, or the older analytics.js / ga.js.
      resources: [
        /\/\/www\.googletagmanager\.com\/gtag\/js\?id=(?:G|UA)-/i,
        /\/\/(?:www|ssl)\.google-analytics\.com\/(?:analytics|ga)\.js/i,
      ],
      inlineScripts: [
        /\bgtag\s*\(\s*['"]config['"]\s*,\s*['"](?:G|UA)-[A-Z0-9-]+['"]/,
        /google-analytics\.com\/(?:analytics|ga)\.js/i,
      ],
      cookies: [/^_ga(?:_[A-Z0-9]+)?$/],
    },
  },
  {
    name: 'Google Tag Manager',
    category: 'tag manager',
    evidence: {
      resources: [/\/\/www\.googletagmanager\.com\/gtm\.js/i],
      inlineScripts: [/googletagmanager\.com\/gtm\.js/i, /['"]GTM-[A-Z0-9]{4,}['"]/],
      html: [/\/\/www\.googletagmanager\.com\/ns\.html\?id=GTM-/i],
    },
  },
  {
    name: 'Shopify',
    category: 'ecommerce',
    evidence: {
      resources: [/\/\/cdn\.shopify\.com\//i, /\/cdn\/shop\/t\/\d+\/assets\//i],
      inlineScripts: [/\bShopify\.shop\s*=/, /\bwindow\.Shopify\s*=/],
      headers: { 'x-shopid': ANY, 'x-shopify-stage': ANY, 'powered-by': /shopify/i },
      cookies: [/^_shopify_[ys]$/],
    },
  },
  {
    name: 'WordPress',
    category: 'cms',
    evidence: {
      resources: [/\/wp-(?:content|includes)\//i],
      html: [/\brel=["']https:\/\/api\.w\.org\/["']/i],
      generator: /^WordPress\b/i,
      headers: { link: /rel="https:\/\/api\.w\.org\/"/i },
    },
  },
  {
    name: 'Webflow',
    category: 'cms',
    evidence: {
      resources: [
        /\/\/(?:assets|uploads-ssl|cdn\.prod)\.website-files\.com\//i,
        /\/\/assets\.webflow\.com\//i,
      ],
      html: [/<html[^>]+\bdata-wf-(?:page|site)=/i],
      generator: /^Webflow\b/i,
    },
  },
  {
    name: 'Wix',
    category: 'cms',
    evidence: {
      resources: [/\/\/static\.(?:parastorage|wixstatic)\.com\//i],
      generator: /^Wix\.com Website Builder/i,
      headers: { 'x-wix-request-id': ANY },
    },
  },
  {
    name: 'Squarespace',
    category: 'cms',
    evidence: {
      resources: [/\/\/(?:static1|assets|images)\.squarespace(?:-cdn)?\.com\//i],
      inlineScripts: [/\bStatic\.SQUARESPACE_CONTEXT\b/],
      html: [/<!-- This is Squarespace\. -->/i],
      generator: /^Squarespace\b/i,
    },
  },
  {
    name: 'Stripe',
    category: 'payments',
    evidence: {
      resources: [/\/\/js\.stripe\.com\//i],
      html: [/\/\/(?:buy|checkout)\.stripe\.com\//i, /<stripe-(?:pricing-table|buy-button)\b/i],
    },
  },
  {
    name: 'Intercom',
    category: 'live chat',
    evidence: {
      resources: [/\/\/widget\.intercom\.io\/widget\//i, /\/\/js\.intercomcdn\.com\//i],
      inlineScripts: [
        /\bwindow\.intercomSettings\s*=/,
        /widget\.intercom\.io\/widget\//i,
        /\bIntercom\s*\(\s*['"]boot['"]/,
      ],
      cookies: [/^intercom-(?:id|session)-/],
    },
  },
  {
    name: 'Drift',
    category: 'live chat',
    evidence: {
      resources: [/\/\/js\.driftt\.com\//i],
      inlineScripts: [/\bdrift\.load\s*\(\s*['"][a-z0-9]+['"]/i, /js\.driftt\.com\//i],
    },
  },
  {
    name: 'Zendesk',
    category: 'customer support',
    evidence: {
      // The Web Widget / Messaging snippet (static.zdassets.com/ekr/snippet.js, id "ze-snippet").
      resources: [/\/\/static\.zdassets\.com\//i, /\/\/v2\.zopim\.com\//i],
      html: [/\bid=["']ze-snippet["']/i],
      inlineScripts: [/\bzE\s*\(\s*['"](?:webWidget|messenger)/],
    },
  },
  {
    name: 'Hotjar',
    category: 'analytics',
    evidence: {
      resources: [/\/\/static\.hotjar\.com\//i, /\/\/script\.hotjar\.com\//i],
      inlineScripts: [/\b_hjSettings\s*=\s*\{\s*hjid\s*:/, /static\.hotjar\.com\/c\/hotjar-/i],
      cookies: [/^_hjSessionUser_\d+$/],
    },
  },
  {
    name: 'Cloudflare',
    category: 'cdn',
    evidence: {
      headers: { server: /^cloudflare$/i, 'cf-ray': ANY },
      cookies: [/^__cf_bm$/, /^__cfruid$/],
      resources: [/\/\/static\.cloudflareinsights\.com\/beacon/i, /\/cdn-cgi\//i],
    },
  },
  {
    name: 'Vercel',
    category: 'hosting',
    evidence: { headers: { server: /^Vercel$/i, 'x-vercel-id': ANY, 'x-vercel-cache': ANY } },
  },
  {
    name: 'Netlify',
    category: 'hosting',
    evidence: { headers: { server: /^Netlify$/i, 'x-nf-request-id': ANY } },
  },
  {
    name: 'Next.js',
    category: 'javascript framework',
    implies: ['React'],
    evidence: {
      resources: [/\/_next\/static\//],
      html: [/<script[^>]+\bid=["']__NEXT_DATA__["']/i],
      headers: { 'x-powered-by': /\bNext\.js\b/i, 'x-nextjs-cache': ANY, 'x-nextjs-prerender': ANY },
    },
  },
  {
    name: 'React',
    category: 'javascript framework',
    evidence: {
      resources: [/\/react(?:-dom)?(?:\.production)?(?:\.min)?\.js/i, /\/react(?:-dom)?@\d/i],
      html: [/\bdata-reactroot\b/i],
    },
  },
  {
    name: 'Optimizely',
    category: 'experimentation',
    evidence: {
      resources: [/\/\/cdn(?:-pci)?\.optimizely\.com\/(?:js|public)\//i],
      inlineScripts: [/\bwindow\.optimizely\s*=\s*window\.optimizely\s*\|\|/],
    },
  },
  {
    name: 'LinkedIn Insight Tag',
    category: 'advertising',
    evidence: {
      resources: [/\/\/snap\.licdn\.com\/li\.lms-analytics\/insight(?:\.min)?\.js/i],
      inlineScripts: [/\b_linkedin_partner_id\s*=/, /snap\.licdn\.com\/li\.lms-analytics\//i],
      html: [/\/\/px\.ads\.linkedin\.com\/collect\/?\?pid=/i],
    },
  },
  {
    name: 'Facebook Pixel',
    category: 'advertising',
    evidence: {
      resources: [/\/\/connect\.facebook\.net\/[a-z_A-Z]+\/fbevents\.js/i],
      inlineScripts: [/connect\.facebook\.net\/[a-z_A-Z]+\/fbevents\.js/i, /\bfbq\s*\(\s*['"]init['"]\s*,/],
      html: [/\/\/www\.facebook\.com\/tr\?id=\d+/i],
    },
  },
];
