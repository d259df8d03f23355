import { z } from 'zod';
import { parseYamlDocument } from '../documents/parse-yaml-document.js';
import { readDocumentFile } from '../documents/read-document-file.js';
import { DESTINATIONS } from '../domain/route.js';
import { WEBHOOK_EVENTS } from './webhooks/decision-event.js';
import { DEFAULT_MAX_ATTEMPTS } from './webhooks/retry-delay.js';

const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');
const HttpUrl = z.url({ protocol: /^https?$/, error: 'expected an http or https URL' });
const TimeoutMs = z.number().int().min(100).max(120_000);

const Webhook = z
  .object({
    /** Names the endpoint in logs, the dead-letter store and errors. */
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'expected lower-case letters, digits, "-" or "_"'),
    url: HttpUrl,
    /** The variable holding the signing secret, or several (current first) while rotating. */
    secretEnv: z.union([EnvName, z.array(EnvName).min(1).max(3)]),
    /** Events sent to it; all of them when absent. */
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
    /** Route destinations it hears about; all of them when absent. */
    destinations: z.array(z.enum(DESTINATIONS)).min(1).optional(),
    timeoutMs: TimeoutMs.default(10_000),
    maxAttempts: z.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  })
  .strict();

const HubSpotCrm = z
  .object({
    kind: z.literal('hubspot'),
    /** The variable holding the private app's access token. */
    tokenEnv: EnvName,
    baseUrl: HttpUrl.default('https://api.hubapi.com'),
    timeoutMs: TimeoutMs.default(15_000),
    maxAttempts: z.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  })
  .strict();

const SalesforceCrm = z
  .object({
    kind: z.literal('salesforce'),
    clientIdEnv: EnvName,
    clientSecretEnv: EnvName,
    /** The org's My Domain URL, where client-credentials tokens are issued. */
    loginUrl: HttpUrl,
    apiVersion: z
      .string()
      .regex(/^v\d+\.0$/, 'expected a version such as v60.0')
      .default('v60.0'),
    externalIdField: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*__c$/, 'expected a custom field API name such as Leadsift_Id__c')
      .default('Leadsift_Id__c'),
    timeoutMs: TimeoutMs.default(15_000),
    maxAttempts: z.number().int().min(1).max(50).default(DEFAULT_MAX_ATTEMPTS),
  })
  .strict();

/**
 * An actions file: the webhooks decisions are sent to and the CRM they are written back to.
 * Secrets are never in the file, only the names of the variables holding them.
 */
export const ActionsConfig = z
  .object({
    webhooks: z.array(Webhook).default([]),
    crm: z.discriminatedUnion('kind', [HubSpotCrm, SalesforceCrm]).optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.webhooks.forEach((webhook, i) => {
      if (seen.has(webhook.name))
        ctx.addIssue({
          code: 'custom',
          path: ['webhooks', i, 'name'],
          message: `"${webhook.name}" is used twice`,
        });
      seen.add(webhook.name);
    });
  });
export type ActionsConfig = z.output<typeof ActionsConfig>;
export type WebhookConfig = ActionsConfig['webhooks'][number];
export type CrmConfig = NonNullable<ActionsConfig['crm']>;

const freeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) freeze(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Parses an actions file (YAML or JSON text). Throws CONFIG_INVALID listing every problem as
 * `file:line: path: what was expected`. The result is frozen.
 */
export const parseActionsConfig = (text: string, fileName: string): ActionsConfig =>
  freeze(parseYamlDocument(text, fileName, ActionsConfig, 'CONFIG_INVALID'));

/** Reads an actions file; FILE_NOT_FOUND, FILE_UNREADABLE or CONFIG_INVALID. */
export const loadActionsConfig = async (path: string): Promise<ActionsConfig> =>
  parseActionsConfig(await readDocumentFile(path, 'actions file'), path);
