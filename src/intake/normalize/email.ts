import type { EmailType } from '../../domain/lead.js';
import { checkDomainName } from './domain-name.js';
import { emailDomainKind } from './email-domain-kind.js';
import { isRoleLocalPart } from './email-role.js';

/** A usable email address, cleaned and classified. */
export interface NormalizedEmail {
  readonly ok: true;
  /** Trimmed, lowercased, without `mailto:` or `<…>`; an IDN domain in punycode. */
  readonly email: string;
  readonly local: string;
  /** Lowercase ASCII; internationalized names in punycode (`xn--…`) so they compare equal. */
  readonly domain: string;
  readonly type: EmailType;
  /** A shared mailbox (info@, sales@, no-reply@), whatever the domain; see `isRoleLocalPart`. */
  readonly role: boolean;
  readonly disposable: boolean;
  readonly free: boolean;
  readonly education: boolean;
}

/** An address that cannot be used, and why, in words a person importing a file understands. */
export interface InvalidEmail {
  readonly ok: false;
  readonly problem: string;
}

/** The outcome of `normalizeEmail`. */
export type EmailResult = NormalizedEmail | InvalidEmail;

const invalid = (problem: string): InvalidEmail => ({ ok: false, problem });

// Domains repeat across rows (gmail.com, one company's staff), so their check is remembered.
const DOMAIN_MEMO_CAP = 50_000;
const domainMemo = new Map<string, ReturnType<typeof checkDomainName>>();
const checkDomain = (name: string): ReturnType<typeof checkDomainName> => {
  let checked = domainMemo.get(name);
  if (checked === undefined) {
    checked = checkDomainName(name);
    if (domainMemo.size >= DOMAIN_MEMO_CAP) domainMemo.clear();
    domainMemo.set(name, checked);
  }
  return checked;
};

// Bytes allowed unquoted in a local part (RFC 5322 atext) besides the dot.
const ATEXT = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-") {
  ATEXT[ch.charCodeAt(0)] = 1;
}

const checkLocal = (local: string): string | undefined => {
  if (local.length === 0) return 'nothing before the "@"';
  if (local.length > 64) return 'the part before the "@" is longer than 64 characters';
  for (let i = 0; i < local.length; i++) {
    const code = local.charCodeAt(i);
    if (code === 0x2e) {
      if (i === 0 || i === local.length - 1 || local.charCodeAt(i - 1) === 0x2e) {
        return 'the part before the "@" starts or ends with a dot or has two dots in a row';
      }
    } else if (code < 128 ? ATEXT[code] !== 1 : code < 0xa0) {
      // Non-ASCII letters are allowed (RFC 6531 internationalized addresses); C1 controls are not.
      return `the part before the "@" contains ${JSON.stringify(local[i])}`;
    }
  }
  return undefined;
};

/** Strips what mail clients and CRMs wrap around an address: `Name <a@b>`, `mailto:a@b?subject=`. */
const unwrap = (raw: string): string => {
  let s = raw.trim();
  if (s.endsWith('>')) {
    const open = s.lastIndexOf('<');
    if (open !== -1) s = s.slice(open + 1, -1).trim();
  }
  if (s.length > 7 && s.slice(0, 7).toLowerCase() === 'mailto:') {
    const query = s.indexOf('?');
    s = (query === -1 ? s.slice(7) : s.slice(7, query)).trim();
  }
  return s.toLowerCase();
};

/**
 * The type, by precedence disposable > education > free > role > corporate. Disposable first:
 * the address will not exist tomorrow, whatever else is true. Education before free: school
 * domains are never webmail, and scoring treats students apart. Free before role: info@gmail.com
 * tells us nothing about a company, and a company domain must never be taken from webmail. Role
 * only on a company's own domain; the `role` flag is set on its own for every type.
 */
const typeOf = (kind: ReturnType<typeof emailDomainKind>, role: boolean): EmailType =>
  kind ?? (role ? 'role' : 'corporate');

/**
 * Cleans and classifies one email address. Never throws: an unusable address comes back as
 * `{ ok: false, problem }`. The syntax check is practical rather than RFC 5322 complete: one "@",
 * a dot-atom local part of 1–64 characters, DNS labels, and a top-level domain of letters or
 * punycode. Normalizing `result.email` again returns an equal result.
 */
export const normalizeEmail = (raw: string): EmailResult => {
  const email = unwrap(raw);
  if (email.length === 0) return invalid('is empty');
  if (/\s/.test(email)) return invalid('contains spaces');
  const at = email.indexOf('@');
  if (at === -1) return invalid('missing "@"');
  if (email.indexOf('@', at + 1) !== -1) return invalid('contains more than one "@"');
  const local = email.slice(0, at);
  const localProblem = checkLocal(local);
  if (localProblem !== undefined) return invalid(localProblem);
  const rawDomain = email.slice(at + 1);
  if (rawDomain.startsWith('[')) return invalid('an IP address after the "@" is not accepted');
  const domain = checkDomain(rawDomain);
  if (!domain.ok) return domain;
  const kind = emailDomainKind(domain.domain);
  const role = isRoleLocalPart(local);
  return {
    ok: true,
    email: domain.domain === rawDomain ? email : `${local}@${domain.domain}`,
    local,
    domain: domain.domain,
    type: typeOf(kind, role),
    role,
    disposable: kind === 'disposable',
    free: kind === 'free',
    education: kind === 'education',
  };
};
