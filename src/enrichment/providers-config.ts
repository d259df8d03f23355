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

/**
 * A providers file: the waterfall's order (first provider that has a field supplies it), the
 * minimum confidence, the budgets, and the fields wanted.
 */
export const ProvidersConfig = z
  .object({
    providers: z
      .array(z.discriminatedUnion('type', [FileProviderEntry, EmailPatternEntry, HttpEntry]))
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
