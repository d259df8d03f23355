import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * `leadsift/<version>` from package.json, read once. The path is the same from `src/actions/`
 * and from the built `dist/actions/`: two levels up.
 */
export const leadsiftUserAgent = (): string => {
  if (cached === undefined) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version?: unknown;
      };
      cached = `leadsift/${typeof pkg.version === 'string' ? pkg.version : 'unknown'}`;
    } catch {
      // A bundled build without package.json still identifies itself.
      cached = 'leadsift/unknown';
    }
  }
  return cached;
};
