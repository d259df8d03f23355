/** Social networks whose company profiles a website links to. */
export type SocialNetwork = 'linkedin' | 'twitter' | 'facebook' | 'github';

/** A company profile on a social network, as a canonical URL. */
export interface SocialProfile {
  readonly network: SocialNetwork;
  readonly url: string;
}

// Paths on these hosts that are not a company's profile (sharing, intents, login, …).
const NOT_PROFILES = new Set([
  'share',
  'sharer',
  'sharer.php',
  'intent',
  'home',
  'login',
  'search',
  'hashtag',
  'i',
  'dialog',
  'plugins',
  'tr',
  'about',
  'privacy',
  'legal',
  'tos',
  'policies',
  'help',
  'settings',
  'features',
  'pricing',
  'marketplace',
  'orgs',
  'sponsors',
]);

const HOSTS: readonly (readonly [RegExp, SocialNetwork])[] = [
  [/^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/, 'linkedin'],
  [/^(?:www\.|mobile\.)?(?:twitter|x)\.com$/, 'twitter'],
  [/^(?:www\.|m\.|[a-z]{2}-[a-z]{2}\.)?facebook\.com$/, 'facebook'],
  [/^(?:www\.)?github\.com$/, 'github'],
];

const CANONICAL: Readonly<Record<SocialNetwork, string>> = {
  linkedin: 'https://www.linkedin.com/',
  twitter: 'https://x.com/',
  facebook: 'https://www.facebook.com/',
  github: 'https://github.com/',
};

/**
 * The company profile a link points to, canonicalized (`https://www.linkedin.com/company/acme`,
 * `https://x.com/acme`, `https://www.facebook.com/acme`, `https://github.com/acme`), or
 * undefined for anything else: other sites, share buttons, a LinkedIn person (`/in/…`) rather
 * than a company page.
 */
export const socialProfileOf = (href: string, base?: URL): SocialProfile | undefined => {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.toLowerCase();
  const network = HOSTS.find(([pattern]) => pattern.test(host))?.[1];
  if (network === undefined) return undefined;
  const parts = url.pathname.split('/').filter((p) => p !== '');
  if (network === 'linkedin') {
    const [kind, slug] = parts;
    if ((kind !== 'company' && kind !== 'showcase') || slug === undefined) return undefined;
    return { network, url: `${CANONICAL.linkedin}${kind}/${decodeURIComponent(slug).toLowerCase()}` };
  }
  const [handle] = parts;
  if (handle === undefined || NOT_PROFILES.has(handle.toLowerCase())) return undefined;
  if (!/^[A-Za-z0-9_.-]+$/.test(handle) || handle.endsWith('.php')) return undefined;
  return { network, url: `${CANONICAL[network]}${handle}` };
};

/** The distinct company profiles among links, in first-seen order. */
export const socialProfilesOf = (hrefs: Iterable<string>, base?: URL): SocialProfile[] => {
  const seen = new Map<string, SocialProfile>();
  for (const href of hrefs) {
    const profile = socialProfileOf(href, base);
    if (profile !== undefined && !seen.has(profile.url.toLowerCase()))
      seen.set(profile.url.toLowerCase(), profile);
  }
  return [...seen.values()];
};
