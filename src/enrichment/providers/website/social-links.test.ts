import { describe, expect, it } from 'vitest';
import { socialProfileOf, socialProfilesOf } from './social-links.js';

describe('social profile links', () => {
  it('canonicalizes company profiles on LinkedIn, X/Twitter, Facebook and GitHub', () => {
    expect(socialProfileOf('https://uk.linkedin.com/company/Acme-Corp/about/?trk=x')).toEqual({
      network: 'linkedin',
      url: 'https://www.linkedin.com/company/acme-corp',
    });
    expect(socialProfileOf('http://twitter.com/AcmeHQ')?.url).toBe('https://x.com/AcmeHQ');
    expect(socialProfileOf('https://www.facebook.com/acmecorp/')?.url).toBe(
      'https://www.facebook.com/acmecorp',
    );
    expect(socialProfileOf('https://github.com/acme')).toEqual({
      network: 'github',
      url: 'https://github.com/acme',
    });
  });

  it('is not fooled by people, share buttons, other hosts or junk', () => {
    expect(socialProfileOf('https://www.linkedin.com/in/jane-doe')).toBeUndefined();
    expect(socialProfileOf('https://www.linkedin.com/shareArticle?mini=true')).toBeUndefined();
    expect(socialProfileOf('https://twitter.com/intent/tweet?text=hi')).toBeUndefined();
    expect(socialProfileOf('https://www.facebook.com/sharer/sharer.php?u=x')).toBeUndefined();
    expect(socialProfileOf('https://notlinkedin.com/company/acme')).toBeUndefined();
    expect(socialProfileOf('mailto:hello@acme.com')).toBeUndefined();
    expect(socialProfileOf('http://[bad')).toBeUndefined();
  });

  it('lists distinct profiles in first-seen order, resolving relative links', () => {
    const base = new URL('https://acme.com/');
    expect(
      socialProfilesOf(
        [
          '/about',
          'https://github.com/acme',
          'https://www.linkedin.com/company/acme',
          'https://GitHub.com/acme/',
        ],
        base,
      ).map((p) => p.url),
    ).toEqual(['https://github.com/acme', 'https://www.linkedin.com/company/acme']);
  });
});
