import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { readDocumentFile } from '../documents/read-document-file.js';
import { ENRICHABLE_FIELDS } from './provider.js';

const FileProviderEntry = z
  .object({
    type: z.literal('file'),
    name: z.string().min(1).optional(),
    /** The firmographics table (CSV, JSON or JSONL), relative to the providers file. */
    path: z.string().min(1),
    minMatch: z.number().min(0).max(1).optional(),
    revenueUnit: z.enum(['dollars', 'thousands', 'millions', 'billions']).optional(),
  })
  .strict();

const EmailPatternEntry = z
  .object({
    type: z.literal('email-pattern'),
    name: z.string().min(1).optional(),
    minExamples: z.number().int().min(1).optional(),
    /** Guess first.last at low confidence for domains with no known addresses. */
    fallback: z.boolean().optional(),
  })
  .strict();

const HttpEntry = z
  .object({
    type: z.literal('http'),
    /** An HTTP provider config (see examples/providers), relative to the providers file. */
    config: z.string().min(1),
  })
  .strict();

const WebsiteEntry = z
  .object({
    type: z.literal('website'),
    name: z.string().min(1).optional(),
    /** The whole call in ms: robots.txt, redirects and the page. */
    timeoutMs: z.number().int().positive().optional(),
    /** Bytes of a homepage read (default 1 MiB). */
    maxBytes: z.number().int().positive().optional(),
    maxRedirects: z.number().int().min(0).max(10).optional(),
    /** The User-Agent sent; its product token is the name obeyed in robots.txt (default "leadsift"). */
    userAgent: z.string().min(1).optional(),
    retries: z.number().int().min(0).optional(),
    concurrency: z.number().int().positive().optional(),
    ratePerSecond: z.number().positive().optional(),
    ttlSeconds: z.number().int().min(0).optional(),
    /** Test only: a local server to read instead of https://<domain>/ ("{domain}" is replaced). */
    baseUrl: z
      .string()
      .regex(/^https?:\/\/[^/]/, 'expected an http:// or https:// URL')
      .optional(),
  })
  .strict();

/**
 * A providers file: the waterfall's order (first provider that has a field supplies it), the
 * minimum confidence, the budgets, and the fields wanted.
 */
export const ProvidersConfig = z
  .object({
    providers: z
      .array(z.discriminatedUnion('type', [FileProviderEntry, EmailPatternEntry, HttpEntry, WebsiteEntry]))
      .min(1),
    minConfidence: z.number().min(0).max(1).default(0.6),
    fields: z.array(z.enum(ENRICHABLE_FIELDS)).optional(),
    budget: z
      .object({ perRunCents: z.number().min(0).optional(), perLeadCents: z.number().min(0).optional() })
      .strict()
      .default({}),
    leadsInFlight: z.number().int().min(1).max(10_000).default(64),
  })
  .strict();
export type ProvidersConfig = z.output<typeof ProvidersConfig>;
export type ProviderEntry = ProvidersConfig['providers'][number];

/** Reads a providers file; errors name the file, line, key and expected form (CONFIG_INVALID). */
export const loadProvidersConfig = async (path: string): Promise<ProvidersConfig> =>
  parseYamlDocument(await readDocumentFile(path, 'providers file'), path, ProvidersConfig, 'CONFIG_INVALID');
