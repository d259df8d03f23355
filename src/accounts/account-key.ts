import type { CompanyFacts } from '../domain/lead.js';
import { boundedCache } from '../intake/normalize/bounded-cache.js';
import { emailDomainKind } from '../intake/normalize/email-domain-kind.js';
import { normalizeDomain } from '../intake/normalize/domain.js';

/** Where a contact's account key came from, or why it has none. */
export type AccountKeyResult =
  | { readonly key: string; readonly by: 'domain' | 'name' }
  | { readonly key?: undefined; readonly why: string };

// Legal forms dropped from a company name before comparing names ("Acme Corp." = "ACME").
const LEGAL_FORMS = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'ltd',
  'limited',
  'corp',
  'corporation',
  'co',
  'company',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'spa',
  'srl',
  'pty',
  'kk',
]);

/**
 * A company name reduced for comparison: lowercase letters and digits, words in order, legal
 * forms at the end dropped ("Acme Corporation" and "ACME Corp." are both `acme`). Empty when
 * nothing is left.
 */
export const companyNameKey = (name: string): string => {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  while (words.length > 1 && LEGAL_FORMS.has(words.at(-1)!)) words.pop();
  return words.join(' ');
};

/** The key of a company known only by name: `name:` and its comparison form. */
export const nameAccountKey: (name: string) => string | undefined = boundedCache((name) => {
  const key = companyNameKey(name);
  return key === '' ? undefined : `name:${key}`;
}, 20_000);

const usableDomain = (text: string): string | undefined => {
  const result = normalizeDomain(text);
  if (!result.ok) return undefined;
  return emailDomainKind(result.domain) === undefined ? result.domain : undefined;
};

/**
 * A registrable domain that can stand for a company: not free-mail, disposable or a school's.
 * Cached by text: an account's leads repeat its domain, and parsing it is most of grouping's time.
 */
export const companyDomain: (text: string) => string | undefined = boundedCache(usableDomain, 20_000);

/**
 * The account a contact's company belongs to: its registrable domain; a free-mail, disposable
 * or school domain never forms an account (thousands of unrelated people share gmail.com), so
 * then — and when there is no domain — the company name (`name:acme`), else none.
 */
export const accountKeyOf = (company: CompanyFacts): AccountKeyResult => {
  const raw = company.domain?.value;
  const domain = raw === undefined ? undefined : companyDomain(raw);
  if (domain !== undefined) return { key: domain, by: 'domain' };
  const byName = company.name === undefined ? undefined : nameAccountKey(company.name.value);
  if (byName !== undefined) return { key: byName, by: 'name' };
  return {
    why:
      raw === undefined
        ? 'no company domain or name'
        : `${raw} cannot stand for a company (free-mail, disposable or school domain) and no company name`,
  };
};
