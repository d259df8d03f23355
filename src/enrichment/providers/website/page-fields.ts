import { normalizeCountry } from '../../../intake/normalize/country.js';
import type { EnrichableField, ProvidedField, ProvidedValue } from '../../provider.js';
import type { DetectedTechnology } from './detect-technologies.js';
import type { PageMarkup } from './parse-page.js';
import type { JsonLdReading } from './read-json-ld.js';
import { socialProfilesOf, type SocialProfile } from './social-links.js';

/** Facts stated as schema.org structured data: the site's own machine-readable claim. */
export const JSON_LD_CONFIDENCE = 0.9;
/** A technology whose embed code, header or cookie is on the page. */
export const TECHNOLOGY_CONFIDENCE = 0.8;
/** Facts read from meta tags, the title or the page's links: meant for people, less precise. */
export const PAGE_CONFIDENCE = 0.7;

/** Everything read from one homepage. */
export interface PageReading {
  /** The URL the page was finally read from (after redirects). */
  readonly url: string;
  /** The registrable domain the lead gave; the title segment naming it is the company's name. */
  readonly domain: string;
  readonly markup: PageMarkup;
  readonly jsonLd: JsonLdReading;
  readonly technologies: readonly DetectedTechnology[];
  /** Bytes read when the page was cut at the limit. */
  readonly truncatedAt?: number;
}

const MAX_DESCRIPTION_CHARS = 1000;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const compact = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

// "Acme | Home", "Home - Acme", "Acme — CRM for teams", "Acme: Software": the parts of a title.
const TITLE_SEPARATOR = /\s+[|\-–—·•»]\s+|\s*[|·•»]\s*|:\s+/;

/**
 * The part of a page title that names the company: the one containing the domain's first label
 * ("Acme Corp" for acme.com), or contained in it. Undefined when no part does: a title such as
 * "Welcome" or "Home" names nobody.
 */
export const nameFromTitle = (title: string, domain: string): string | undefined => {
  const label = compact(domain.split('.')[0] ?? '');
  if (label.length < 2) return undefined;
  const parts = title
    .split(TITLE_SEPARATOR)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.find((p) => {
    const c = compact(p);
    return c.length >= 2 && p.length <= 60 && (c.includes(label) || (c.length >= 3 && label.includes(c)));
  });
};

const linkedInCompany = (profiles: readonly SocialProfile[]): SocialProfile[] =>
  profiles.filter((p) => p.network === 'linkedin');

/**
 * The enrichable fields a homepage reading supports, each from the best source it has: JSON-LD
 * Organization facts at 0.9, technology signatures at 0.8, meta tags, the title and links at 0.7.
 * The company name: JSON-LD `name`, else `og:site_name`, else the title's part naming the domain.
 * LinkedIn: a `sameAs` company page, else the one LinkedIn company page the homepage links to
 * (none when it links several). A page with none of these gives no fields.
 */
export const pageFields = (page: PageReading): ProvidedField[] => {
  const { url, markup } = page;
  const cut = page.truncatedAt === undefined ? '' : ` (page cut at ${page.truncatedAt} bytes)`;
  const fields: ProvidedField[] = [];
  const add = (
    field: EnrichableField,
    value: ProvidedValue | undefined,
    confidence: number,
    what: string,
  ) => {
    if (value !== undefined) fields.push({ field, value, confidence, detail: `${url} ${what}${cut}` });
  };
  const org = page.jsonLd.organizations[0];
  const ld = `JSON-LD ${org?.type ?? 'Organization'}`;
  const ogName = markup.meta.get('og:site_name');
  const titleName = markup.title === undefined ? undefined : nameFromTitle(markup.title, page.domain);
  if (org?.name !== undefined) add('company.name', org.name, JSON_LD_CONFIDENCE, `${ld} name`);
  else if (ogName !== undefined && ogName !== '')
    add('company.name', ogName, PAGE_CONFIDENCE, 'meta og:site_name');
  else add('company.name', titleName, PAGE_CONFIDENCE, '<title>');

  const metaKey = ['description', 'og:description'].find((k) => (markup.meta.get(k) ?? '') !== '');
  const metaDescription = metaKey === undefined ? undefined : markup.meta.get(metaKey);
  if (org?.description !== undefined)
    add(
      'company.description',
      clip(org.description, MAX_DESCRIPTION_CHARS),
      JSON_LD_CONFIDENCE,
      `${ld} description`,
    );
  else if (metaDescription !== undefined)
    add(
      'company.description',
      clip(metaDescription, MAX_DESCRIPTION_CHARS),
      PAGE_CONFIDENCE,
      `meta ${metaKey ?? 'description'}`,
    );

  add('company.employees', org?.employees, JSON_LD_CONFIDENCE, `${ld} numberOfEmployees`);
  const country = org?.country === undefined ? undefined : normalizeCountry(org.country);
  add('company.country', country, JSON_LD_CONFIDENCE, `${ld} address.addressCountry`);
  add('company.industry', org?.industry, JSON_LD_CONFIDENCE, `${ld} industry`);

  const base = new URL(url);
  const sameAs = linkedInCompany(socialProfilesOf(org?.sameAs ?? [], base));
  const linked = socialProfilesOf(markup.anchors, base);
  const others = linked.filter((p) => p.network !== 'linkedin').map((p) => p.url);
  const also = others.length > 0 ? `; also links ${others.slice(0, 5).join(', ')}` : '';
  const onPage = linkedInCompany(linked);
  if (sameAs[0] !== undefined)
    add('company.linkedin', sameAs[0].url, JSON_LD_CONFIDENCE, `${ld} sameAs${also}`);
  else if (onPage.length === 1) add('company.linkedin', onPage[0]?.url, PAGE_CONFIDENCE, `<a href>${also}`);

  const tech = page.technologies;
  if (tech.length > 0) {
    const evidence = tech.map((t) => `${t.name} (${t.evidence})`).join('; ');
    add(
      'company.technologies',
      tech.map((t) => t.name),
      TECHNOLOGY_CONFIDENCE,
      `technology signatures: ${evidence}`,
    );
  }
  return fields;
};
