import { dirname, isAbsolute, resolve } from 'node:path';
import type { EnrichmentProvider } from './provider.js';
import type { ProviderEntry, ProvidersConfig } from './providers-config.js';
import {
  createEmailPatternProvider,
  learnEmailPatterns,
  type KnownEmail,
} from './providers/email-pattern/index.js';
import { loadFileProvider } from './providers/file/load-file-provider.js';
import { createHttpProvider } from './providers/http/create-http-provider.js';
import { loadHttpProviderConfig } from './providers/http/load-http-provider-config.js';
import { createWebsiteProvider } from './providers/website/create-website-provider.js';

/** What building providers needs besides their config. */
export interface ProviderContext {
  /** The providers file's path: relative paths in it are resolved from its folder. */
  readonly configPath: string;
  /** Environment for `${NAME}` in HTTP headers (API keys never live in files). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Known addresses the email-pattern provider learns each company's pattern from. */
  readonly knownEmails: () => Iterable<KnownEmail>;
}

const build = async (entry: ProviderEntry, ctx: ProviderContext): Promise<EnrichmentProvider> => {
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(dirname(ctx.configPath), p));
  switch (entry.type) {
    case 'file':
      return loadFileProvider(path(entry.path), {
        ...(entry.name === undefined ? {} : { name: entry.name }),
        ...(entry.minMatch === undefined ? {} : { minMatch: entry.minMatch }),
        ...(entry.revenueUnit === undefined ? {} : { revenueUnit: entry.revenueUnit }),
      });
    case 'email-pattern':
      return createEmailPatternProvider(learnEmailPatterns(ctx.knownEmails()), {
        ...(entry.name === undefined ? {} : { name: entry.name }),
        ...(entry.minExamples === undefined ? {} : { minExamples: entry.minExamples }),
        ...(entry.fallback === undefined ? {} : { fallback: entry.fallback }),
      });
    case 'http':
      return createHttpProvider(await loadHttpProviderConfig(path(entry.config)), ctx.env);
    case 'website': {
      // The schema's keys are the provider's options; drop the type and keys left out.
      const { type: _type, ...options } = entry;
      return createWebsiteProvider(
        Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
      );
    }
  }
};

/** The configured providers, in waterfall order. */
export const loadProviders = async (
  config: ProvidersConfig,
  ctx: ProviderContext,
): Promise<EnrichmentProvider[]> => {
  const providers: EnrichmentProvider[] = [];
  for (const entry of config.providers) providers.push(await build(entry, ctx));
  return providers;
};
