import { foldNameForEmail } from './fold-name-for-email.js';

/** A person's names folded for email (`foldNameForEmail`), with their initials. */
interface EmailName {
  readonly first: string;
  readonly last: string;
  readonly f: string;
  readonly l: string;
}

/**
 * How each pattern writes the local part, shown for John Smith. The order is the tie-break:
 * when two patterns are equally frequent at a domain, the one listed first wins. It follows how
 * common each pattern is across company domains (first.last far ahead, then flast and first),
 * so a tie resolves to the likelier guess.
 */
const RENDER = {
  'first.last': (n: EmailName) => `${n.first}.${n.last}`, // john.smith
  flast: (n: EmailName) => `${n.f}${n.last}`, // jsmith
  first: (n: EmailName) => n.first, // john
  firstlast: (n: EmailName) => `${n.first}${n.last}`, // johnsmith
  'f.last': (n: EmailName) => `${n.f}.${n.last}`, // j.smith
  firstl: (n: EmailName) => `${n.first}${n.l}`, // johns
  first_last: (n: EmailName) => `${n.first}_${n.last}`, // john_smith
  'first-last': (n: EmailName) => `${n.first}-${n.last}`, // john-smith
  'first.l': (n: EmailName) => `${n.first}.${n.l}`, // john.s
  'last.first': (n: EmailName) => `${n.last}.${n.first}`, // smith.john
  lastfirst: (n: EmailName) => `${n.last}${n.first}`, // smithjohn
  lastf: (n: EmailName) => `${n.last}${n.f}`, // smithj
  'last.f': (n: EmailName) => `${n.last}.${n.f}`, // smith.j
  last: (n: EmailName) => n.last, // smith
} as const;

/** The name of a local-part pattern, e.g. `first.last` or `flast`. */
export type EmailPatternName = keyof typeof RENDER;

/** Every pattern, in tie-break order (see `RENDER`). */
export const EMAIL_PATTERNS: readonly EmailPatternName[] = Object.freeze(
  Object.keys(RENDER) as EmailPatternName[],
);

const emailName = (first: string, last: string): EmailName | undefined => {
  const f = foldNameForEmail(first);
  const l = foldNameForEmail(last);
  if (f === '' || l === '') return undefined;
  return { first: f, last: l, f: f.charAt(0), l: l.charAt(0) };
};

/**
 * The address a pattern gives a person at a domain: `applyPattern('flast', 'José', 'Núñez',
 * 'acme.com')` → `jnunez@acme.com`. Undefined when a name folds to nothing (see
 * `foldNameForEmail`). The domain is only lowercased; callers pass a normalized one.
 */
export const applyPattern = (
  pattern: EmailPatternName,
  first: string,
  last: string,
  domain: string,
): string | undefined => {
  const name = emailName(first, last);
  return name === undefined ? undefined : `${RENDER[pattern](name)}@${domain.toLowerCase()}`;
};

/**
 * The patterns an address follows for a person, in tie-break order; empty when it follows none
 * or a name folds to nothing. An address may follow several: for "J" Smith, `j.smith` is both
 * first.last and f.last. A `+tag` sub-address is ignored ("john+crm" counts as "john").
 */
export const emailPatternOf = (email: string, first: string, last: string): EmailPatternName[] => {
  const name = emailName(first, last);
  if (name === undefined) return [];
  const at = email.lastIndexOf('@');
  let local = (at === -1 ? email : email.slice(0, at)).trim().toLowerCase();
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  return EMAIL_PATTERNS.filter((pattern) => RENDER[pattern](name) === local);
};
