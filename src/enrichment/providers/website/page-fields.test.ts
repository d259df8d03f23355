import { describe, expect, it } from 'vitest';
import { nameFromTitle, pageFields, type PageReading } from './page-fields.js';
import { parsePage } from './parse-page.js';
import { readJsonLd } from './read-json-ld.js';
import { jsonLd, page } from './test-support/local-site.js';

const URL_ = 'https://acme.com/';

const reading = (html: string, rest: Partial<PageReading> = {}): PageReading => {
  const markup = parsePage(html);
  return {
    url: URL_,
    domain: 'acme.com',
    markup,
    jsonLd: readJsonLd(markup.jsonLd),
    technologies: [],
    ...rest,
  };
};

const byField = (r: PageReading) => Object.fromEntries(pageFields(r).map((f) => [f.field, f]));

describe('the company name from a page title', () => {
  it.each([
    ['Acme | Rockets and anvils', 'Acme'],
    ['Home - Acme Corp', 'Acme Corp'],
    ['Rockets for everyone — ACME', 'ACME'],
    ['Acme', 'Acme'],
    ['Acme: the anvil company', 'Acme'],
  ])('reads %j as %j', (title, name) => {
    expect(nameFromTitle(title, 'acme.com')).toBe(name);
  });

  it.each(['Home', 'Welcome to our website', 'Rockets | Anvils', ''])('finds no name in %j', (title) => {
    expect(nameFromTitle(title, 'acme.com')).toBeUndefined();
  });

  it('accepts a part the domain contains (acmecorp.com, "Acme")', () => {
    expect(nameFromTitle('Acme | Home', 'acmecorp.com')).toBe('Acme');
  });
});

describe('fields from a homepage', () => {
  it('prefers JSON-LD facts (0.9) over meta tags and the title (0.7), with the URL and source in the detail', () => {
    const html = page(
      `<title>Home | Acme</title><meta property="og:site_name" content="Acme Site"><meta name="description" content="Meta text.">
${jsonLd({
  '@type': 'Organization',
  name: 'Acme Corporation',
  description: 'JSON-LD text.',
  numberOfEmployees: { minValue: 51, maxValue: 200 },
  address: { addressCountry: 'United Kingdom' },
  sameAs: ['https://www.linkedin.com/company/acme'],
})}`,
      '<a href="https://www.linkedin.com/company/other">Partner</a><a href="https://github.com/acme">GitHub</a>',
    );
    const fields = byField(reading(html));
    expect(fields['company.name']).toEqual({
      field: 'company.name',
      value: 'Acme Corporation',
      confidence: 0.9,
      detail: 'https://acme.com/ JSON-LD Organization name',
    });
    expect(fields['company.description']?.value).toBe('JSON-LD text.');
    expect(fields['company.employees']?.value).toEqual({ min: 51, max: 200 });
    expect(fields['company.country']).toMatchObject({ value: 'GB', confidence: 0.9 });
    expect(fields['company.linkedin']).toMatchObject({
      value: 'https://www.linkedin.com/company/acme',
      confidence: 0.9,
      detail: 'https://acme.com/ JSON-LD Organization sameAs; also links https://github.com/acme',
    });
  });

  it('falls back to og:site_name, then the title, and to the meta or og description', () => {
    const og = byField(
      reading(
        page(
          '<title>Acme | Home</title><meta property="og:site_name" content="Acme Inc"><meta property="og:description" content="OG text.">',
        ),
      ),
    );
    expect(og['company.name']).toMatchObject({
      value: 'Acme Inc',
      confidence: 0.7,
      detail: 'https://acme.com/ meta og:site_name',
    });
    expect(og['company.description']).toMatchObject({
      value: 'OG text.',
      confidence: 0.7,
      detail: 'https://acme.com/ meta og:description',
    });
    const title = byField(reading(page('<title>Acme | Home</title>')));
    expect(title['company.name']).toMatchObject({
      value: 'Acme',
      confidence: 0.7,
      detail: 'https://acme.com/ <title>',
    });
  });

  it('takes the LinkedIn page the homepage links to, unless it links several', () => {
    const one = byField(
      reading(page('', '<footer><a href="https://www.linkedin.com/company/acme/">in</a></footer>')),
    );
    expect(one['company.linkedin']).toMatchObject({
      value: 'https://www.linkedin.com/company/acme',
      confidence: 0.7,
    });
    const two = byField(
      reading(
        page(
          '',
          '<a href="https://linkedin.com/company/acme">in</a><a href="https://linkedin.com/company/customer">c</a>',
        ),
      ),
    );
    expect(two['company.linkedin']).toBeUndefined();
  });

  it('lists detected technologies at 0.8 and notes a page cut at the limit', () => {
    const fields = byField(
      reading(page(''), {
        technologies: [{ name: 'Stripe', category: 'payments', evidence: 'loads https://js.stripe.com/v3/' }],
        truncatedAt: 1024,
      }),
    );
    expect(fields['company.technologies']).toEqual({
      field: 'company.technologies',
      value: ['Stripe'],
      confidence: 0.8,
      detail:
        'https://acme.com/ technology signatures: Stripe (loads https://js.stripe.com/v3/) (page cut at 1024 bytes)',
    });
  });

  it('gives nothing for a page with nothing usable', () => {
    expect(pageFields(reading(page('<title>Welcome</title>')))).toEqual([]);
  });
});
