import { createRequire } from 'node:module';
import { getDomain } from 'tldts';

/** What an email domain says about its owners; `undefined` means a company's own domain. */
export type EmailDomainKind = 'disposable' | 'education' | 'free';

const require = createRequire(import.meta.url);
// JSON arrays of lowercase domains; read through require so TypeScript does not type 120 k literals.
const loadList = (name: string): readonly string[] => require(name) as string[];

/**
 * Free-mail providers that `email-providers` lacks (it is generated from a 2019 crawl).
 * Ours, small on purpose.
 */
const EXTRA_FREE = [
  'fastmail.com',
  'fastmail.fm',
  'tutanota.com',
  'tutanota.de',
  'tuta.io',
  'tuta.com',
  'duck.com',
  'proton.me',
  'protonmail.ch',
];

/**
 * Real webmail providers that `disposable-email-domains` lists as disposable. Checked against
 * `email-providers/common.json` (the ~350 providers with a high traffic rank): of its 18 overlaps
 * with the disposable list only 21cn.com is a long-lived consumer mailbox; the others are
 * throw-away services (mailinator.com, yopmail.com, …) or dynamic-DNS zones.
 */
const NOT_DISPOSABLE = new Set(['21cn.com']);

/** ISC `email-providers/all.json` (~8.8 k domains) plus EXTRA_FREE. */
const FREE: ReadonlySet<string> = new Set([...loadList('email-providers/all.json'), ...EXTRA_FREE]);

/**
 * MIT `disposable-email-domains` (~121 k exact domains + ~400 wildcard bases, whose subdomains
 * are covered because we also look up the registrable domain).
 */
const DISPOSABLE: ReadonlySet<string> = new Set(
  [
    ...loadList('disposable-email-domains/index.json'),
    ...loadList('disposable-email-domains/wildcard.json'),
  ].filter((domain) => !NOT_DISPOSABLE.has(domain)),
);

const CCTLD = '[a-z]{2}|xn--[a-z0-9-]+';
/**
 * Education domains by shape, no list: `.edu`, `.edu.xx`, `.ac.xx`, `.k12.<state>.us`,
 * `.sch.uk`, and European university names `uni-*`, `univ-*`, `tu-*`, `fh-*` under a ccTLD
 * (uni-heidelberg.de, univ-lyon1.fr, tu-berlin.de).
 */
const EDUCATION = new RegExp(
  `(?:^|\\.)(?:edu|edu\\.(?:${CCTLD})|ac\\.(?:${CCTLD})|k12\\.[a-z]{2}\\.us|sch\\.uk)$`,
);
const EDUCATION_NAME = /(?:^|\.)(?:uni|univ|tu|fh)-[a-z0-9-]+\.[a-z]{2}$/;

const classify = (domain: string): EmailDomainKind | undefined => {
  // Lists hold registrable domains; mail.yahoo.co.uk must count as yahoo.co.uk. ICANN suffixes
  // only, so a private suffix listed as disposable (e.g. za.com) covers its subdomains.
  const registrable = getDomain(domain, { extractHostname: false }) ?? domain;
  if (DISPOSABLE.has(domain) || DISPOSABLE.has(registrable)) return 'disposable';
  if (EDUCATION.test(domain) || EDUCATION_NAME.test(domain)) return 'education';
  if (FREE.has(domain) || FREE.has(registrable)) return 'free';
  return undefined;
};

// Mail domains repeat heavily (gmail.com, the few companies in a list), so memoize; cleared
// when it grows past the cap so that a stream of unique domains cannot exhaust memory.
const MEMO_CAP = 50_000;
const memo = new Map<string, EmailDomainKind | 'corporate'>();

/**
 * Classifies a lowercase ASCII (punycode) email domain: `disposable` (throw-away service),
 * `education` (school or university), `free` (webmail), or `undefined` for a company's own
 * domain. Subdomains count as their registrable domain. A company domain must be `undefined`.
 */
export const emailDomainKind = (domain: string): EmailDomainKind | undefined => {
  let kind = memo.get(domain);
  if (kind === undefined) {
    if (memo.size >= MEMO_CAP) memo.clear();
    kind = classify(domain) ?? 'corporate';
    memo.set(domain, kind);
  }
  return kind === 'corporate' ? undefined : kind;
};
