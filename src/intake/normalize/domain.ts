import { getDomain, parse } from 'tldts';
import { checkDomainName } from './domain-name.js';

/** The outcome of `normalizeDomain`. */
export type DomainResult =
  | {
      readonly ok: true;
      /** Registrable domain (public-suffix aware), lowercase ASCII, IDNs in punycode: `acme.co.uk`. */
      readonly domain: string;
      /** The full host it came from, same spelling rules: `www.acme.co.uk`. */
      readonly host: string;
    }
  | { readonly ok: false; readonly problem: string };

const invalid = (problem: string): DomainResult => ({ ok: false, problem });

const SCHEME = /^(?:[a-z][a-z0-9+.-]*:)?\/\//;
const PORT = /:\d*$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * Reduces a URL, host name or email address to its host: drops the scheme, `mailto:`, anything
 * up to an "@" (user info, or the person in an email), the path, query, fragment, port and a
 * trailing dot. Lowercases.
 */
const hostOf = (raw: string): string => {
  let s = raw.trim().toLowerCase();
  if (s.startsWith('mailto:')) s = s.slice(7);
  else s = s.replace(SCHEME, '');
  const end = s.search(/[/?#\\]/);
  if (end !== -1) s = s.slice(0, end);
  const at = s.lastIndexOf('@');
  if (at !== -1) s = s.slice(at + 1);
  if (!s.startsWith('[')) s = s.replace(PORT, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
};

/**
 * The registrable domain of a website, host name or email address: "https://www.Acme.co.uk/about"
 * → `acme.co.uk`, "x@acme.com" → `acme.com`. Never throws.
 *
 * Private public-suffix entries count as suffixes, deliberately: "acme.github.io" and
 * "acme.herokuapp.com" are tenants of a shared host, so each is its own company domain rather
 * than every GitHub Pages site collapsing into `github.io`. A bare private suffix ("github.io")
 * falls back to its ICANN registrable domain. IP addresses, `localhost`, and names whose top-level
 * domain is not in the public suffix list (`.local`, `.internal`, typos) are rejected.
 */
export const normalizeDomain = (raw: string): DomainResult => {
  const host = hostOf(raw);
  if (host === '') return invalid('is empty');
  if (host.startsWith('[') || IPV4.test(host)) return invalid(`${JSON.stringify(host)} is an IP address`);
  if (/\s/.test(host)) return invalid('contains spaces');
  const checked = checkDomainName(host);
  if (!checked.ok) {
    return host === 'localhost' ? invalid('"localhost" is not a public domain') : checked;
  }
  const ascii = checked.domain;
  const parts = parse(ascii, { allowPrivateDomains: true, extractHostname: false });
  if (!parts.isIcann && !parts.isPrivate) {
    return invalid(`top-level domain ${JSON.stringify(parts.publicSuffix)} is not a public suffix`);
  }
  const domain = parts.domain ?? (parts.isPrivate ? getDomain(ascii, { extractHostname: false }) : null);
  if (domain === null) {
    return invalid(`${JSON.stringify(ascii)} is a public suffix, not a domain someone owns`);
  }
  return { ok: true, domain, host: ascii };
};
