import { domainToASCII } from 'node:url';

/** The outcome of `checkDomainName`: the name in lowercase ASCII, or why it is not a domain name. */
export type DomainNameCheck =
  { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly problem: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const ASCII_ONLY = /^[\x21-\x7e]*$/;

/**
 * Checks that `name` (already lowercase) is a DNS host name of at least two labels with a
 * letter or punycode top-level domain, and returns it in ASCII: internationalized names are
 * converted to punycode (bücher.de → xn--bcher-kva.de) so that both spellings compare equal.
 * IP addresses fail (their last label is not a top-level domain). Never throws.
 */
export const checkDomainName = (name: string): DomainNameCheck => {
  if (name.length === 0) return { ok: false, problem: 'the domain is empty' };
  let domain = name;
  if (!ASCII_ONLY.test(name) || name.includes('xn--')) {
    // WHATWG "domain to ASCII": IDNA mapping, punycode, and validation of existing xn-- labels.
    domain = domainToASCII(name);
    if (domain === '') return { ok: false, problem: `domain ${JSON.stringify(name)} is not a valid name` };
  }
  if (domain.length > 253) return { ok: false, problem: 'the domain is longer than 253 characters' };
  const labels = domain.split('.');
  if (labels.length < 2) {
    return { ok: false, problem: `domain ${JSON.stringify(name)} has no top-level domain` };
  }
  for (const label of labels) {
    if (!LABEL.test(label)) {
      return {
        ok: false,
        problem:
          label === ''
            ? `domain ${JSON.stringify(name)} has an empty part (two dots in a row, or a dot at an end)`
            : `domain part ${JSON.stringify(label)} may hold only letters, digits and inner hyphens`,
      };
    }
  }
  const tld = labels[labels.length - 1] ?? '';
  if (!TLD.test(tld)) {
    return { ok: false, problem: `top-level domain ${JSON.stringify(tld)} is not valid` };
  }
  return { ok: true, domain };
};
